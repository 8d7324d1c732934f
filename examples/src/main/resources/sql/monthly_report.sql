-- name: monthly_report
-- type: RAW_SQL_ANALYTICS
-- description: jobs per month across a user's projects, with outcomes and the mean duration of the completed ones
-- param: owner_id uuid sample: SELECT id FROM users ORDER BY random() LIMIT 200
-- param: since timestamptz values: 2023-01-01, 2024-01-01, 2024-07-01
-- tags: reporting, compare:monthly_report
-- timeout: 10s
-- cache: 30s
SELECT -- UTC months: date_trunc of a timestamptz would follow the session's TimeZone setting instead
       date_trunc('month', j.created_at AT TIME ZONE 'UTC')::date AS month,
       COUNT(*) AS jobs,
       COUNT(*) FILTER (WHERE j.status = 'completed') AS completed,
       COUNT(*) FILTER (WHERE j.status = 'failed') AS failed,
       AVG(j.duration_ms) FILTER (WHERE j.status = 'completed')::float8 AS mean_completed_ms
FROM reconciliation_jobs j
JOIN projects p ON p.id = j.project_id
WHERE p.owner_id = :owner_id
  AND j.created_at >= :since
GROUP BY 1
ORDER BY 1;
