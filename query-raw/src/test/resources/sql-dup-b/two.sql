-- name: other
SELECT 2;

-- name: shared_name
SELECT 3;
