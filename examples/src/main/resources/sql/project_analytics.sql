-- name: project_analytics
-- type: RAW_SQL_ANALYTICS
-- description: completed and failed jobs of a project since a date, mean and p95 duration of the completed ones
-- param: project_id uuid sample: SELECT id FROM projects ORDER BY random() LIMIT 500
-- param: since timestamptz values: 2023-06-01, 2024-01-01, 2024-06-01
-- param: min_jobs int range: 1..50
-- tags: dashboard, compare:project_analytics
-- timeout: 5s
-- cache: 30s
WITH project_jobs AS (
    -- one pass over the project's jobs through (project_id, created_at); FILTER computes every figure in it
    SELECT j.project_id, j.status, j.duration_ms
    FROM reconciliation_jobs j
    WHERE j.project_id = :project_id
      AND j.created_at > :since
)
SELECT project_id,
       COUNT(*) FILTER (WHERE status = 'completed') AS completed,
       COUNT(*) FILTER (WHERE status = 'failed') AS failed,
       AVG(duration_ms) FILTER (WHERE status = 'completed')::float8 AS mean_ms,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE status = 'completed') AS p95_ms
FROM project_jobs
GROUP BY project_id
HAVING COUNT(*) FILTER (WHERE status = 'completed') >= :min_jobs;
