-- A statement that writes, over the schema in Fixtures.SCHEMA.

-- name: raise_budget
-- type: RAW_SQL_BULK
-- param: project_id bigint range: 1..2000
UPDATE project SET budget = budget + 1 WHERE id = :project_id;
