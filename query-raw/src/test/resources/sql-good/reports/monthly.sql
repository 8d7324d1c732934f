-- name: reports.monthly-totals
-- param: year int
SELECT date_trunc('month', created_at) AS month, count(*)
FROM jobs
WHERE extract(year FROM created_at) = :year
  AND note <> $$ :dollar $$
  AND settings ? 'beta'
GROUP BY 1
ORDER BY 1;
