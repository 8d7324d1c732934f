-- name: undeclared
-- param: a int
SELECT 1
WHERE :a > 0
  AND :b > 0;
