#!/usr/bin/env bash
# Runs the same statement with the same parameter distribution through pgbench and through
# `querytool bench`, on the same server, one after the other, and prints both throughputs and
# their ratio. The statement is pgbench's own select-only transaction: a primary-key lookup of
# pgbench_accounts with aid drawn uniformly from 1..100000*scale.
#
#   scripts/bench-vs-pgbench.sh                  # PostgreSQL at PGHOST/PGPORT/PGUSER, or 127.0.0.1:5432 as $USER
#   DURATION=30 CLIENTS=2 SCALE=10 scripts/bench-vs-pgbench.sh
#
# It creates a scratch database (qg_pgbench_scratch_<pid>) with `pgbench -i`, and drops it at the end.
# Needs pgbench, psql, createdb and dropdb on PATH (or in /usr/lib/postgresql/*/bin), and a role
# that may create databases.
set -euo pipefail

DURATION=${DURATION:-20}      # seconds measured by each tool
CLIENTS=${CLIENTS:-2}         # pgbench -c and -j, querytool --concurrency
SCALE=${SCALE:-10}            # pgbench -i -s: 100000 accounts per unit
export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-$(id -un)}
DB=qg_pgbench_scratch_$$

root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v pgbench >/dev/null; then
    for dir in /usr/lib/postgresql/*/bin; do PATH="$dir:$PATH"; done
fi
for tool in pgbench psql createdb dropdb; do
    command -v "$tool" >/dev/null || { echo "$tool not found: install PostgreSQL's client tools" >&2; exit 2; }
done

work=$(mktemp -d)
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "server:   $(psql -X -d postgres -tAc 'SHOW server_version') at $PGHOST:$PGPORT as $PGUSER"
echo "database: $DB (scratch, scale $SCALE), $CLIENTS clients, ${DURATION}s each"
createdb "$DB"
pgbench -i -q -s "$SCALE" "$DB" >/dev/null 2>&1
accounts=$((100000 * SCALE))

# the statement, once for each tool
cat > "$work/select.pgbench" <<SQL
\set aid random(1, $accounts)
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
SQL
mkdir "$work/catalog"
cat > "$work/catalog/select.sql" <<SQL
-- name: pgbench_select
-- param: aid int range: 1..$accounts
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
SQL

# the launcher builds the jar if needed; build before timing anything
"$root/querytool" --version >/dev/null

url="jdbc:postgresql://$PGHOST:$PGPORT/$DB?user=$PGUSER"

echo
echo "pgbench -M prepared -c $CLIENTS -j $CLIENTS -T $DURATION -n -f select.pgbench"
pgbench -M prepared -c "$CLIENTS" -j "$CLIENTS" -T 5 -n -f "$work/select.pgbench" "$DB" >/dev/null 2>&1  # warmup
pg_out=$(pgbench -M prepared -c "$CLIENTS" -j "$CLIENTS" -T "$DURATION" -n -f "$work/select.pgbench" "$DB" 2>&1)
pg_tps=$(echo "$pg_out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
echo "$pg_out" | grep -E '^(number of transactions actually processed|latency average|tps)'

echo
echo "querytool bench --concurrency $CLIENTS --duration ${DURATION}s --warmup 5s"
qt_json=$("$root/querytool" bench --url "$url" --catalog "$work/catalog" --concurrency "$CLIENTS" \
    --duration "${DURATION}s" --warmup 5s --format json 2>/dev/null)
qt_tps=$(echo "$qt_json" | sed -n 's/.*"calls_per_second" : \([0-9.]*\).*/\1/p' | head -1)
echo "$qt_json" | grep -E '"(calls|errors|calls_per_second)"' | sed 's/^ */  /'

echo
printf 'pgbench:   %10.1f statements/s\n' "$pg_tps"
printf 'querytool: %10.1f statements/s\n' "$qt_tps"
awk -v q="$qt_tps" -v p="$pg_tps" 'BEGIN { printf "ratio:     %10.3f (querytool / pgbench)\n", q / p }'
