-- name: typo_type
-- type: RAW_SQL_ANALYTIC
SELECT 1;
