-- name: sleepy
SELECT pg_sleep(3);
