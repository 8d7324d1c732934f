-- Statements of the CLI tests, over the schema in Fixtures.SCHEMA.

-- name: project_by_id
-- description: one project by its key
-- param: project_id bigint range: 1..2000
-- tags: compare:project, point
SELECT id, name, budget FROM project WHERE id = :project_id;

-- name: jobs_per_status
-- param: project_id bigint range: 1..2000
-- tags: report
SELECT status, count(*) AS jobs FROM job WHERE project_id = :project_id GROUP BY status ORDER BY status;

-- name: raise_budget
-- type: RAW_SQL_BULK
-- param: project_id bigint range: 1..2000
UPDATE project SET budget = budget + 1 WHERE id = :project_id;
