-- name: latest_job_of_project
-- type: RAW_SQL_ANALYTICS
-- description: one row, through an index that is not the primary key
-- param: project_id uuid sample: SELECT id FROM projects ORDER BY id LIMIT 20
SELECT j.id, j.status, j.created_at FROM reconciliation_jobs j WHERE j.project_id = :project_id
ORDER BY j.created_at DESC LIMIT 1;
