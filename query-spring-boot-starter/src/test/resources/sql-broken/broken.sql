-- name: broken_query
SELECT * FROM item WHERE id = :id;
