-- name: project_with_stats
-- type: RAW_SQL_ANALYTICS
-- description: a user's projects with owner, workflow count and jobs since a date, busiest first
-- param: owner_id uuid sample: SELECT id FROM users ORDER BY random() LIMIT 200
-- param: since timestamptz values: 2024-01-01, 2024-10-01
-- tags: reporting, compare:project_with_stats
-- timeout: 5s
-- cache: 30s
SELECT p.id AS project_id,
       p.name AS project_name,
       u.email AS owner_email,
       -- a subquery: joining workflows as well would count each job once per workflow of its project
       (SELECT COUNT(*) FROM workflows w WHERE w.project_id = p.id) AS workflows,
       COUNT(j.id) AS jobs,
       COUNT(j.id) FILTER (WHERE j.status = 'failed') AS failed_jobs
FROM projects p
JOIN users u ON u.id = p.owner_id
LEFT JOIN reconciliation_jobs j ON j.project_id = p.id AND j.created_at >= :since
WHERE p.owner_id = :owner_id
GROUP BY p.id, u.email
ORDER BY jobs DESC, p.id;
