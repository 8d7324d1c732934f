-- Statements of the report and dashboard tests, over the schema in Fixtures.SCHEMA.

-- name: project_by_id
-- param: project_id bigint range: 1..2000
-- tags: compare:project
SELECT id, name, budget FROM project WHERE id = :project_id;

-- name: project_by_id_again
-- param: project_id bigint range: 1..2000
-- tags: compare:project
SELECT id, name, budget FROM project WHERE :project_id = id;

-- name: injection_probe
-- description: markup in a statement, which every page must show as text
SELECT count(*) AS "<b>n</b>" FROM project /* <script>alert(1)</script> */;
