-- name: same_line
SELECT 1; SELECT 2;
