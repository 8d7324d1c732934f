-- name: items_between
-- param: low int range: 1..5
-- param: high int range: 5..10
SELECT id FROM items WHERE id BETWEEN :low AND :high;

-- name: touch_items
UPDATE items SET name = 'touched ' || id;
