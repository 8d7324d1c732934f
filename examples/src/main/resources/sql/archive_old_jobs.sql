-- name: archive_old_jobs
-- type: RAW_SQL_BULK
-- description: marks completed jobs that finished before a date as archived, in one statement
-- param: before timestamptz values: 2023-04-01, 2023-07-01, 2024-01-01
-- tags: maintenance, compare:archive_old_jobs
-- timeout: 30s
UPDATE reconciliation_jobs
SET archived = true
WHERE status = 'completed'
  AND NOT archived
  AND finished_at < :before;
