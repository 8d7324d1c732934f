-- name: unused
-- param: a int
-- param: never int
SELECT :a;
