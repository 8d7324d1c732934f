-- name: project_by_name
-- param: name text
SELECT id, name, budget FROM projects WHERE name = :name;

-- name: projects_over_budget
-- description: projects whose budget is above a bound, with a jsonb flag and a dollar-quoted literal
-- param: min_budget int range: 0..1000
SELECT id, name, budget, settings ? 'beta' AS beta, $$ :not_a_param $$ AS note
FROM projects
WHERE budget > :min_budget
ORDER BY budget;

-- name: jobs_since
-- param: since timestamptz values: 2024-01-01, 2024-06-01
SELECT count(*) AS jobs FROM jobs WHERE created_at >= :since;

-- name: raise_budgets
-- param: amount int
-- param: min_budget int
UPDATE projects SET budget = budget + :amount WHERE budget > :min_budget;
