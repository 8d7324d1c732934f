#!/usr/bin/env bash
# Client CPU of a rate-limited run: `querytool bench --rate R -d Ts` against `pgbench -R R -T T` on the same
# statement (pgbench's select-only lookup of pgbench_accounts), taking turns ROUNDS times. CPU is user + system
# seconds of the whole client process from /usr/bin/time: querytool's includes the JVM's start, JIT and warmup.
#
#   scripts/rate-cpu.sh                       # 2000/s for 10 s, 3 rounds, on PGHOST/PGPORT/PGUSER or 127.0.0.1:5432
#   RATE=500 SECONDS_=5 ROUNDS=1 ARRIVALS=poisson scripts/rate-cpu.sh
#
# It creates a scratch database (qg_rate_scratch_<pid>) with `pgbench -i`, and drops it at the end.
set -euo pipefail

RATE=${RATE:-2000}
SECS=${SECONDS_:-10}
ROUNDS=${ROUNDS:-3}
ARRIVALS=${ARRIVALS:-even}
DB=qg_rate_scratch_$$

. "$(dirname "$0")/lib.sh"
pg_target
require_tools "" pgbench psql createdb dropdb /usr/bin/time
work=$(mktemp -d)
trap remove_scratch EXIT

create_pgbench_db 1
write_pgbench_select 100000
prepare_querytool
echo "pgbench:   pgbench -n -M prepared -R $RATE -T $SECS -f select.pgbench"
echo "querytool: querytool bench --rate $RATE --arrivals $ARRIVALS -d ${SECS}s --work-samples 0 --catalog <the same statement>"
printf '\n%-6s %16s %18s %8s %14s %14s\n' round 'pgbench cpu s' 'querytool cpu s' ratio 'pgbench lag ms' 'querytool lag ms'
for round in $(seq 1 "$ROUNDS"); do
    /usr/bin/time -f '%U %S' -o "$work/pg.time" pgbench -n -M prepared -R "$RATE" -T "$SECS" -f "$work/select.pgbench" \
        "$DB" > "$work/pg.out" 2>&1
    /usr/bin/time -f '%U %S' -o "$work/qt.time" "$root/querytool" bench --url "$url" --catalog "$work/catalog" \
        --rate "$RATE" --arrivals "$ARRIVALS" -d "${SECS}s" --work-samples 0 --format csv > "$work/qt.out" 2>/dev/null
    pg_cpu=$(awk '{ print $1 + $2 }' "$work/pg.time")
    qt_cpu=$(awk '{ print $1 + $2 }' "$work/qt.time")
    pg_lag=$(sed -n 's/.*schedule lag: avg \([0-9.]*\).*/\1/p' "$work/pg.out")
    qt_lag=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "lag_mean_ms") c = i } $1 == "pgbench_select" { print $c }' "$work/qt.out")
    awk -v r="$round" -v p="$pg_cpu" -v q="$qt_cpu" -v pl="$pg_lag" -v ql="$qt_lag" \
        'BEGIN { printf "%-6s %16.2f %18.2f %8.2f %14s %14s\n", r, p, q, q / p, pl, ql }'
done
