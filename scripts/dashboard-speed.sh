#!/usr/bin/env bash
# How fast the dashboard's queries page answers with STATEMENTS distinct statements in pg_stat_statements, on
# the embedded default. Starts `querytool dashboard` (embedded PostgreSQL 17 with the examples), runs
# STATEMENTS distinct SELECTs against that server with psql (each a different subset of pg_class columns,
# so each is an entry of its own), waits until the dashboard has read pg_stat_statements after them, then
# fetches the queries page REQUESTS times with curl and prints the time to the last byte: min, median, p90, max.
# Also prints how many entries pg_stat_statements held, and the page's size.
#
#   scripts/dashboard-speed.sh
#   STATEMENTS=5000 REQUESTS=50 INTERVAL=2s SCALE=1 scripts/dashboard-speed.sh
#
# Needs psql and curl; builds querytool when needed (./querytool). Stops the dashboard, and with it the
# embedded server, at the end.
set -euo pipefail

STATEMENTS=${STATEMENTS:-5000}   # distinct statements to put into pg_stat_statements
REQUESTS=${REQUESTS:-50}         # page fetches measured
INTERVAL=${INTERVAL:-2s}         # the dashboard's --interval
SCALE=${SCALE:-1}                # the embedded default's --scale
LOOPS=${LOOPS:-3}                # times the statements run, one interval apart: intervals the page adds up

. "$(dirname "$0")/lib.sh"
require_tools "" psql curl

work=$(mktemp -d)
dashboard_pid=
cleanup() {
    if [ -n "$dashboard_pid" ] && kill -0 "$dashboard_pid" 2>/dev/null; then
        kill "$dashboard_pid" 2>/dev/null || true
        wait "$dashboard_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$root/querytool" dashboard --port 0 --interval "$INTERVAL" --scale "$SCALE" >"$work/out" 2>"$work/err" &
dashboard_pid=$!
for _ in $(seq 1 600); do
    grep -q '^dashboard: http' "$work/out" 2>/dev/null && break
    kill -0 "$dashboard_pid" 2>/dev/null || { cat "$work/out" "$work/err" >&2; exit 1; }
    sleep 0.5
done
url=$(sed -n 's/^dashboard: \(http[^ ]*\).*/\1/p' "$work/out")
pg_port=$(sed -n 's/^target: .* on port \([0-9]*\) .*/\1/p' "$work/out")
[ -n "$url" ] && [ -n "$pg_port" ] || { echo "no dashboard URL or server port in:" >&2; cat "$work/out" >&2; exit 1; }
echo "dashboard at $url, embedded PostgreSQL on port $pg_port"

# statement i selects the pg_class columns of the bits of i: every i gives another target list, so another entry
columns=(oid relname relnamespace reltype relowner relam relfilenode reltablespace relpages reltuples
         relallvisible reltoastrelid relhasindex relisshared relpersistence relkind relnatts)
for ((i = 1; i <= STATEMENTS; i++)); do
    list=
    for ((b = 0; b < ${#columns[@]}; b++)); do
        if (( (i >> b) & 1 )); then list="${list:+$list, }${columns[$b]}"; fi
    done
    echo "SELECT $list FROM pg_class LIMIT 1;"
done >"$work/statements.sql"
for ((loop = 1; loop <= LOOPS; loop++)); do
    started=$(date +%s.%N)
    psql -X -q -h localhost -p "$pg_port" -U postgres -d examples -f "$work/statements.sql" >/dev/null
    echo "ran $STATEMENTS distinct statements in $(printf '%.1f' "$(echo "$(date +%s.%N) - $started" | bc)") s"
    sleep "${INTERVAL%s}"
done
entries=$(psql -X -At -h localhost -p "$pg_port" -U postgres -d examples -c 'SELECT count(*) FROM pg_stat_statements')
echo "pg_stat_statements holds $entries entries (pg_stat_statements.max: $(psql -X -At -h localhost -p "$pg_port" \
    -U postgres -d examples -c 'SHOW pg_stat_statements.max'))"

# two intervals: the reading after the statements ran is in the kept history
sleep_seconds=$(echo "${INTERVAL%s} * 2 + 1" | bc)
sleep "$sleep_seconds"

curl -s -o "$work/page.html" "$url"
grep -q 'id="statements"' "$work/page.html" || { echo "the page has no statements table" >&2; exit 1; }
echo "queries page: $(wc -c <"$work/page.html") bytes, $(grep -o '<tr data-queryid' "$work/page.html" | wc -l) rows;" \
    "$(sed -n 's/.*<p id="summary">\([^<]*\)<.*/\1/p' "$work/page.html" | head -c 200)"
# the time to the last byte as curl sees it, and the server's own rendering time (its Server-Timing header)
for ((r = 0; r < REQUESTS; r++)); do
    curl -s -D "$work/headers" -o /dev/null -w '%{time_total}\n' "$url" >>"$work/times"
    sed -n 's/^server-timing: render;dur=\([0-9.]*\).*/\1/Ip' "$work/headers" | tr -d '\r' >>"$work/render"
done
summary() {
    sort -n "$2" | awk -v n="$REQUESTS" -v what="$1" -v scale="$3" '{ t[NR] = $1 * scale } END {
        printf "%s over %d requests: min %.1f ms, median %.1f ms, p90 %.1f ms, max %.1f ms\n",
            what, n, t[1], t[int((n + 1) / 2)], t[int(n * 0.9 + 0.5)], t[n] }'
}
summary "queries page, to the last byte (curl)" "$work/times" 1000
summary "queries page, rendering on the server" "$work/render" 1
echo "machine load while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
