-- name: author_by_id
-- type: RAW_SQL_ANALYTICS
-- param: id bigint values: 7, 8
SELECT a.name, a.country FROM author a WHERE a.id = :id;
