#!/usr/bin/env bash
# Measures the regression gate's own error rates: how often `querytool bench --baseline` cries wolf on identical
# code, and how often it catches a regression that was put there on purpose.
#
#   scripts/gate-error-rates.sh            # N = 20 runs per case
#   scripts/gate-error-rates.sh 5          # a quicker look
#   DURATION=3s scripts/gate-error-rates.sh
#
# Cases, each run N times against one baseline saved on a quiet machine, at querytool's default settings
# (--tolerance 20%, --duration 1s, 5 work samples):
#   identical    nothing changed, with one core kept busy by a spinning shell: every failure is a false alarm
#   drop-index   pgbench_accounts' primary key dropped
#   double-table pgbench_accounts grown to twice its rows
#   sleep-2ms    the wrapper function of one query made 2 ms slower (pg_sleep(0.002))
#   orm-n-plus-1 an ORM runner that sent one HQL statement per call turned into a loop of 1 + N (the examples'
#                orm.project_with_stats.hql and .loop; the baseline's entry is renamed to the loop's name, which is
#                what a change of the code behind one name looks like to the gate)
#
# The pgbench cases run on a scratch database (qg_gate_scratch_<pid>, pgbench -i -s $SCALE) on the server at
# PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432 as $USER), dropped at the end; the ORM case on querytool's embedded
# PostgreSQL 17 with the examples at --scale $ORM_SCALE. Nothing else is touched. Needs pgbench, psql, createdb,
# dropdb and jq.
set -euo pipefail

N=${1:-20}
DURATION=${DURATION:-1s}
SCALE=${SCALE:-1}
ORM_SCALE=${ORM_SCALE:-0.05}
CASES=${CASES:-"identical drop-index double-table sleep-2ms orm-n-plus-1"}
DB=qg_gate_scratch_$$

case "$N" in
    ''|*[!0-9]*|0) echo "usage: $0 [N]: N is the number of runs per case, a whole number of at least 1" >&2; exit 2 ;;
esac
. "$(dirname "$0")/lib.sh"
pg_target
require_tools "install it (PostgreSQL's client tools, jq)" pgbench psql createdb dropdb jq

work=$(mktemp -d)
busy=""
cleanup() {
    [ -n "$busy" ] && kill "$busy" 2>/dev/null || true
    remove_scratch
}
trap cleanup EXIT

sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "$1" >/dev/null; }

create_pgbench_db "$SCALE"
accounts=$((100000 * SCALE))
# plpgsql, so that the planner never inlines it: its plan is one Result node whatever it does inside
sql "CREATE FUNCTION gate_balance(id int) RETURNS int LANGUAGE plpgsql STABLE AS
     \$\$ BEGIN RETURN (SELECT abalance FROM pgbench_accounts WHERE aid = id); END \$\$"
mkdir "$work/catalog"
cat > "$work/catalog/gate.sql" <<SQL
-- name: account_balance
-- param: aid int range: 1..$accounts
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;

-- name: branch_total
-- param: bid int range: 1..$SCALE
SELECT sum(abalance) FROM pgbench_accounts WHERE bid = :bid;

-- name: balance_through_function
-- param: aid int range: 1..$accounts
SELECT gate_balance(:aid);
SQL

prepare_querytool
bench_pg() { "$root/querytool" bench --url "$url" --catalog "$work/catalog" --duration "$DURATION" "$@"; }
# without --url and PG* variables querytool starts its embedded PostgreSQL with the examples
bench_orm() { env -u PGHOST -u PGPORT -u PGUSER "$root/querytool" bench --scale "$ORM_SCALE" --duration "$DURATION" "$@"; }

echo "server:   $(psql -X -d "$DB" -tAc 'SHOW server_version') at $PGHOST:$PGPORT, scratch database $DB (pgbench scale $SCALE)"
echo "settings: querytool bench --duration $DURATION, defaults otherwise (--tolerance 20%, --time-floor 0.05ms," \
     "--work-samples 5); $N runs per case; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# settle the fresh tables (autovacuum, hint bits, a cold cache) before the baseline, as a CI baseline would be
sql "VACUUM ANALYZE"
bench_pg > /dev/null 2>&1 || true
bench_pg --save "$work/base.json" > /dev/null 2>"$work/base.err" \
    || { echo "the baseline run failed:" >&2; cat "$work/base.err" >&2; exit 1; }

# runs the case N times; "expect" is pass (identical) or the query the injected regression is in, which must be
# among the regressions for the run to count as caught (another query failing on noise does not catch it); prints
# one line, with what --advisory-time (work alone fails) would have made of the same runs, and the reasons seen
run_case() {
    local name=$1 expect=$2; shift 2
    local ok=0 work_caught=0 time_caught=0 advisory=0 unsure=0 i out code
    : > "$work/reasons"
    for i in $(seq 1 "$N"); do
        set +e
        out=$("$@" --format json 2>"$work/err")
        code=$?
        set -e
        if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
            echo "$name run $i: exit $code" >&2; cat "$work/err" >&2; exit 1
        fi
        unsure=$((unsure + $(echo "$out" | jq '[.comparison.queries[] | select(.timeVerdict == "UNSURE")] | length')))
        # the queries that count: every query for identical runs, the injected one otherwise
        local only='.'
        [ "$expect" != pass ] && only="select(.name == \"$expect\")"
        local w t
        w=$(echo "$out" | jq "[.comparison.queries[] | $only | select(.work.verdict == \"REGRESSION\")] | length")
        t=$(echo "$out" | jq "[.comparison.queries[] | $only | select(.timeVerdict == \"REGRESSION\")] | length")
        [ "$w" -gt 0 ] && work_caught=$((work_caught + 1))
        [ "$t" -gt 0 ] && time_caught=$((time_caught + 1))
        [ "$w" -gt 0 ] && advisory=$((advisory + 1))
        if [ "$code" -eq 1 ]; then
            echo "$out" | jq -r '.gate.problems[] | "    " + .query + ": " + .reason' | cut -c1-240 >> "$work/reasons"
        fi
        if { [ "$expect" = pass ] && [ "$code" -eq 0 ]; } || { [ "$expect" != pass ] && [ $((w + t)) -gt 0 ]; }; then
            ok=$((ok + 1))
        fi
    done
    if [ "$expect" = pass ]; then
        printf '%-13s false alarms %2d of %d (by work %d, by time %d; UNSURE time verdicts %d of %d);' "$name" \
            $((N - ok)) "$N" "$work_caught" "$time_caught" "$unsure" $((N * 3))
        printf ' --advisory-time: %d of %d\n' "$advisory" "$N"
    else
        printf '%-13s caught       %2d of %d (by work %d, by time %d); --advisory-time: %d of %d\n' "$name" "$ok" \
            "$N" "$work_caught" "$time_caught" "$advisory" "$N"
    fi
    sort "$work/reasons" | uniq -c | sort -rn | head -3 | sed 's/^ */    /'
}

echo
for c in $CASES; do
    case "$c" in
        identical)
            (while :; do :; done) &
            busy=$!
            run_case identical pass bench_pg --baseline "$work/base.json"
            kill "$busy"; wait "$busy" 2>/dev/null || true; busy=""
            ;;
        drop-index)
            sql "ALTER TABLE pgbench_accounts DROP CONSTRAINT pgbench_accounts_pkey"
            run_case drop-index account_balance bench_pg --baseline "$work/base.json"
            sql "ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)"
            ;;
        double-table)
            sql "INSERT INTO pgbench_accounts SELECT aid + $accounts, bid, abalance, filler FROM pgbench_accounts"
            sql "ANALYZE pgbench_accounts"
            run_case double-table branch_total bench_pg --baseline "$work/base.json"
            sql "DELETE FROM pgbench_accounts WHERE aid > $accounts"
            sql "VACUUM FULL pgbench_accounts"
            sql "ANALYZE pgbench_accounts"
            ;;
        sleep-2ms)
            sql "CREATE OR REPLACE FUNCTION gate_balance(id int) RETURNS int LANGUAGE plpgsql STABLE AS
                 \$\$ BEGIN PERFORM pg_sleep(0.002); RETURN (SELECT abalance FROM pgbench_accounts WHERE aid = id); END \$\$"
            run_case sleep-2ms balance_through_function bench_pg --baseline "$work/base.json"
            sql "CREATE OR REPLACE FUNCTION gate_balance(id int) RETURNS int LANGUAGE plpgsql STABLE AS
                 \$\$ BEGIN RETURN (SELECT abalance FROM pgbench_accounts WHERE aid = id); END \$\$"
            ;;
        orm-n-plus-1)
            bench_orm --query orm.project_with_stats.hql --save "$work/orm.json" >/dev/null 2>"$work/orm.err" \
                || { echo "the ORM baseline run failed:" >&2; cat "$work/orm.err" >&2; exit 1; }
            jq '(.queries[] | select(.name == "orm.project_with_stats.hql") | .name) = "orm.project_with_stats.loop"' \
                "$work/orm.json" > "$work/orm-renamed.json"
            run_case orm-n-plus-1 orm.project_with_stats.loop bench_orm --query orm.project_with_stats.loop --baseline "$work/orm-renamed.json"
            ;;
        *) echo "unknown case $c (cases: identical drop-index double-table sleep-2ms orm-n-plus-1)" >&2; exit 2 ;;
    esac
done
