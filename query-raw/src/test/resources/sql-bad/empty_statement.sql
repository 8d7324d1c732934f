-- name: nothing_here

-- name: fine_after_empty
SELECT 1;
