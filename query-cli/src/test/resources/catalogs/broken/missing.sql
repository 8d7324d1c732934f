-- name: count_projects
SELECT count(*) FROM project;

-- name: from_missing_table
-- param: id bigint range: 1..10
SELECT name
FROM no_such_table
WHERE id = :id;
