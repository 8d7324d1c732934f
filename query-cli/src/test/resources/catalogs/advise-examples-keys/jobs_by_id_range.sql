-- name: jobs_by_id_range
-- type: RAW_SQL_ANALYTICS
-- description: through the primary key, but more than one row
-- param: first_id bigint range: 1..4000
SELECT j.id, j.status FROM reconciliation_jobs j WHERE j.id BETWEEN :first_id AND :first_id + 50;
