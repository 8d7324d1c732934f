-- Statements of bench --cache's test, over the schema in Fixtures.SCHEMA.

-- name: cached_project
-- param: project_id bigint range: 1..2000
-- cache: 30s
SELECT id, name, budget FROM project WHERE id = :project_id;

-- name: uncached_jobs
-- param: project_id bigint range: 1..2000
SELECT status, count(*) AS jobs FROM job WHERE project_id = :project_id GROUP BY status ORDER BY status;
