-- name: project_name
-- param: id int
-- cache: 10m
SELECT name FROM projects WHERE id = :id;

-- name: project_count
-- description: never cached: no cache header
SELECT count(*) FROM projects;

-- name: rename_project
-- param: id int
-- param: name text
UPDATE projects SET name = :name WHERE id = :id;
