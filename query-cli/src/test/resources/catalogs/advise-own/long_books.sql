-- name: long_books
-- type: RAW_SQL_ANALYTICS
-- param: min_pages int values: 100
SELECT count(*) FROM book b WHERE b.pages > :min_pages;
