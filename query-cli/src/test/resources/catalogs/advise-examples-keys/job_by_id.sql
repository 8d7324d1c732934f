-- name: job_by_id
-- type: RAW_SQL_ANALYTICS
-- description: one job by its key: what session.find(ReconciliationJob.class, id) reads
-- param: id bigint range: 1..5000
SELECT j.status, j.created_at, j.duration_ms FROM reconciliation_jobs j WHERE j.id = :id;
