-- name: bad_headers
-- param: r int range: 50..1
-- param: v text values:
-- param: notype
-- timeout: soon
-- colour: blue
SELECT :r, :v, :notype;
