-- name: latin1
-- description: café
SELECT 1;
