-- name: fine
SELECT 1;

-- name: has_a_bad_type
-- type: RAW_SQL_SOMETHING
SELECT 2;
