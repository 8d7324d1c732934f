-- name: unterminated
SELECT 'never closed;
