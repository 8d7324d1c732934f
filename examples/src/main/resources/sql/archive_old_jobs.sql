-- name: archive_old_jobs
-- type: RAW_SQL_BULK
-- description: marks completed jobs that finished before a date as archived, in one statement (the sampled dates archive 1 to 3 of the 24 months)
-- param: before timestamptz values: 2023-02-01, 2023-03-01, 2023-04-01
-- tags: maintenance, compare:archive_old_jobs
-- timeout: 30s
UPDATE reconciliation_jobs
SET archived = true
WHERE status = 'completed'
  AND NOT archived
  AND finished_at < :before;
