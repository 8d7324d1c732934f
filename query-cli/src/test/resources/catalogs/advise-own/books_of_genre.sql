-- name: books_of_genre
-- type: RAW_SQL_ANALYTICS
-- param: genre text values: poetry
SELECT b.id, b.title FROM book b WHERE b.genre = :genre AND b.pages > 10;
