-- name: job_count
-- param: project_id bigint range: 1..2000
-- tags: compare:job_count
SELECT count(*) FROM job WHERE project_id = :project_id;

-- name: job_count_off_by_one
-- type: ORM_SIMPLE
-- param: project_id bigint
-- tags: compare:job_count
SELECT count(*) + 1 FROM job WHERE project_id = :project_id;
