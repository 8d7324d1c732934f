-- name: item_count_by_name
-- type: RAW_SQL_ANALYTICS
-- description: items whose name is like a pattern, counted
-- param: pattern text values: item%
SELECT count(*) FROM item WHERE name LIKE :pattern;
