#!/usr/bin/env bash
# Runs the same statement with the same parameter distribution through pgbench and through
# `querytool bench`, on the same server, and prints both throughputs and their ratio. The
# statement is pgbench's own select-only transaction: a primary-key lookup of pgbench_accounts
# with aid drawn uniformly from 1..100000*scale.
#
# The two tools take turns, ROUNDS times, so that whatever else the machine does falls on both
# alike; each throughput is its calls over its measured time, summed over the rounds.
#
#   scripts/bench-vs-pgbench.sh                  # PostgreSQL at PGHOST/PGPORT/PGUSER, or 127.0.0.1:5432 as $USER
#   ROUNDS=5 DURATION=10 CLIENTS=2 SCALE=10 scripts/bench-vs-pgbench.sh
#
# It creates a scratch database (qg_pgbench_scratch_<pid>) with `pgbench -i`, and drops it at the end.
# Needs pgbench, psql, createdb and dropdb on PATH (or in /usr/lib/postgresql/*/bin), and a role
# that may create databases.
set -euo pipefail

ROUNDS=${ROUNDS:-5}           # turns each tool takes
DURATION=${DURATION:-8}       # seconds each tool measures per turn
CLIENTS=${CLIENTS:-2}         # pgbench -c and -j, querytool --concurrency
SCALE=${SCALE:-10}            # pgbench -i -s: 100000 accounts per unit
DB=qg_pgbench_scratch_$$

. "$(dirname "$0")/lib.sh"
pg_target
require_tools "install PostgreSQL's client tools" pgbench psql createdb dropdb

work=$(mktemp -d)
trap remove_scratch EXIT

echo "server:   $(psql -X -d postgres -tAc 'SHOW server_version') at $PGHOST:$PGPORT as $PGUSER"
echo "database: $DB (scratch, scale $SCALE), $CLIENTS clients, ${DURATION}s each"
create_pgbench_db "$SCALE"
accounts=$((100000 * SCALE))

# the statement, once for each tool
write_pgbench_select "$accounts"
# querytool runs each read in a read-only transaction it rolls back (pgjdbc sends the BEGIN with the statement, the
# ROLLBACK is a round trip of its own): pgbench again with that transaction around the same statement
cat > "$work/select-tx.pgbench" <<SQL
\set aid random(1, $accounts)
BEGIN READ ONLY;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
ROLLBACK;
SQL

# the launcher builds the jar if needed; build before timing anything
prepare_querytool

echo "pgbench:   pgbench -M prepared -c $CLIENTS -j $CLIENTS -T $DURATION -n -f select.pgbench"
echo "pgbench-tx: the same with -f select-tx.pgbench (BEGIN READ ONLY; the statement; ROLLBACK: three round trips)"
echo "querytool: querytool bench --concurrency $CLIENTS --duration ${DURATION}s --warmup 3s --catalog <the same statement>"
pgbench -M prepared -c "$CLIENTS" -j "$CLIENTS" -T 3 -n -f "$work/select.pgbench" "$DB" >/dev/null 2>&1  # warm the server

pg_calls=0; pg_secs=0; tx_calls=0; tx_secs=0; qt_calls=0; qt_secs=0
printf '\n%-7s %14s %14s %14s %8s %9s\n' round pgbench/s pgbench-tx/s querytool/s ratio ratio-tx
for round in $(seq 1 "$ROUNDS"); do
    out=$(pgbench -M prepared -c "$CLIENTS" -j "$CLIENTS" -T "$DURATION" -n -f "$work/select.pgbench" "$DB" 2>&1)
    p_tps=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
    p_n=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
    out=$(pgbench -M prepared -c "$CLIENTS" -j "$CLIENTS" -T "$DURATION" -n -f "$work/select-tx.pgbench" "$DB" 2>&1)
    t_tps=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
    t_n=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
    # csv: query,type,calls,errors,calls_per_second,...
    csv=$("$root/querytool" bench --url "$url" --catalog "$work/catalog" --concurrency "$CLIENTS" \
        --duration "${DURATION}s" --warmup 3s --format csv 2>/dev/null)
    row=$(echo "$csv" | awk -F, '$1 == "pgbench_select"')
    q_n=$(echo "$row" | cut -d, -f3)
    q_err=$(echo "$row" | cut -d, -f4)
    q_tps=$(echo "$row" | cut -d, -f5)
    [ "${q_err:-1}" = 0 ] || { echo "querytool reported errors: $csv" >&2; exit 1; }
    pg_calls=$((pg_calls + p_n)); tx_calls=$((tx_calls + t_n)); qt_calls=$((qt_calls + q_n))
    pg_secs=$(awk -v a="$pg_secs" -v n="$p_n" -v t="$p_tps" 'BEGIN { print a + n / t }')
    tx_secs=$(awk -v a="$tx_secs" -v n="$t_n" -v t="$t_tps" 'BEGIN { print a + n / t }')
    qt_secs=$(awk -v a="$qt_secs" -v n="$q_n" -v t="$q_tps" 'BEGIN { print a + n / t }')
    awk -v r="$round" -v p="$p_tps" -v t="$t_tps" -v q="$q_tps" \
        'BEGIN { printf "%-7s %14.1f %14.1f %14.1f %8.3f %9.3f\n", r, p, t, q, q / p, q / t }'
done

echo
awk -v pn="$pg_calls" -v ps="$pg_secs" -v tn="$tx_calls" -v ts="$tx_secs" -v qn="$qt_calls" -v qs="$qt_secs" 'BEGIN {
    p = pn / ps; t = tn / ts; q = qn / qs
    printf "pgbench:    %10.1f statements/s (%d in %.1fs)\n", p, pn, ps
    printf "pgbench-tx: %10.1f statements/s (%d in %.1fs)\n", t, tn, ts
    printf "querytool:  %10.1f statements/s (%d in %.1fs)\n", q, qn, qs
    printf "ratio:      %10.3f (querytool / pgbench), %.3f (querytool / pgbench-tx)\n", q / p, q / t
}'
