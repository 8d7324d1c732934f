-- name: probe
-- description: the same name, a steady 30 ms: a regression of probe-fast
SELECT pg_sleep(0.03);
