-- Statements over projects and their reconciliation jobs.
-- This comment and the blank lines around it are not headers.

-- name: project_analytics
-- type: RAW_SQL_ANALYTICS
-- description: completed jobs, mean and p95 duration
-- description: per project
-- param: project_id uuid sample: SELECT id FROM projects ORDER BY random() LIMIT 500
-- param: since timestamptz values: 2024-01-01, 2024-06-01
-- param: min_jobs int range: 1..50
-- tags: dashboard, compare:project-stats
-- timeout: 5s
SELECT p.id, count(*) AS jobs
FROM projects p JOIN jobs j ON j.project_id = p.id
WHERE p.id = :project_id AND j.created_at > :since   -- ':not_a_param' in a comment
GROUP BY p.id
HAVING count(*) >= :min_jobs;

-- name: rename_projects
-- param: prefix text
UPDATE projects
SET name = :prefix || name::text   /* :also_not_a_param */
WHERE name NOT LIKE 'x:y%';

-- name: archive_old_jobs
-- param: before timestamptz
WITH moved AS (
    DELETE FROM jobs WHERE created_at < :before RETURNING *
)
SELECT count(*) FROM moved
