-- Two variants of each report, as an ORM and a hand-written query would be; the second is typed as the ORM's.

-- name: project_jobs
-- param: project_id bigint range: 1..2000
-- tags: compare:project_jobs
SELECT status, count(*) AS jobs FROM job WHERE project_id = :project_id GROUP BY status ORDER BY status;

-- name: project_jobs_orm
-- type: ORM_COMPLEX
-- param: projectId bigint
-- tags: compare:project_jobs
SELECT j.status, count(*) FROM project p JOIN job j ON j.project_id = p.id WHERE p.id = :projectId
GROUP BY j.status ORDER BY 2 DESC, 1;

-- name: bump_budget
-- type: RAW_SQL_BULK
-- param: min_id bigint range: 1990..1999
-- tags: compare:bump
UPDATE project SET budget = budget + 1 WHERE id >= :min_id;

-- name: bump_budget_orm
-- type: ORM_SIMPLE
-- param: minId bigint
-- tags: compare:bump
UPDATE project SET budget = budget + 1 WHERE id IN (SELECT id FROM project WHERE id >= :minId);
