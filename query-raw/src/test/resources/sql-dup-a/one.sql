-- name: shared_name
SELECT 1;
