-- name: Project Stats
SELECT 1;
