-- name: user_activity
-- type: RAW_SQL_ANALYTICS
-- description: the most active users since a date, with projects owned, jobs run, failures and last job
-- param: since timestamptz values: 2024-10-01, 2024-12-01
-- param: max_users int range: 5..50
-- tags: dashboard, users
-- timeout: 10s
-- cache: 30s
SELECT u.id AS user_id,
       u.email,
       COUNT(DISTINCT p.id) AS projects,
       COUNT(j.id) AS jobs,
       COUNT(j.id) FILTER (WHERE j.status = 'failed') AS failed_jobs,
       MAX(j.created_at) AS last_job_at
FROM users u
JOIN projects p ON p.owner_id = u.id
LEFT JOIN reconciliation_jobs j ON j.project_id = p.id AND j.created_at >= :since
GROUP BY u.id, u.email
ORDER BY jobs DESC, u.id
LIMIT :max_users;
