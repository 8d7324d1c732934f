-- name: probe
-- description: the same name, a steady 5 ms
SELECT pg_sleep(0.005);
