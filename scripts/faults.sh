#!/usr/bin/env bash
# What `querytool bench` does when its server fails mid-run. Starts a PostgreSQL server of its own (initdb into a
# temporary folder, its own port), loads a small table, and for each fault runs ./querytool bench against it,
# waits until the first of its two queries has been measured, injects the fault, and prints one line:
#
#   fault                 exit  seconds  printed  saved
#   server stopped           1      0.4      yes  yes
#   ...
#
# exit: querytool's exit code; seconds: from the fault to querytool's end; printed: whether the first query's
# results were printed; saved: whether --save left a valid JSON document (and whether it says "interrupted").
#
#   scripts/faults.sh
#   PGBIN=/usr/lib/postgresql/15/bin PORT=55439 DURATION=4s scripts/faults.sh
#
# Faults: the server stopped (pg_ctl stop -m fast), frozen (SIGSTOP to the postmaster and every backend, the
# way a hung host or a VM pause looks from the client), restarted (pg_ctl restart), SIGTERM to querytool, the
# --save folder removed, and a full disk under --save (a 64 kB tmpfs holding the previous baseline; needs root,
# for `unshare -m`). As root, the server runs as the postgres user (runuser), since PostgreSQL refuses root.
# Everything lives in a temporary folder, removed at the end, server stopped.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-55439}
DURATION=${DURATION:-4s}                 # measured per query
STATEMENT_TIMEOUT=${STATEMENT_TIMEOUT:-5s}
CONNECT_TIMEOUT=${CONNECT_TIMEOUT:-2s}
AFTER_FIRST=${AFTER_FIRST:-1}            # seconds into the second query when the fault comes

find_pgbin() {
    if [ -n "${PGBIN:-}" ]; then echo "$PGBIN"; return; fi
    for dir in /usr/lib/postgresql/*/bin "$HOME"/.embedpostgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
    done
    echo "faults.sh: no PostgreSQL binaries (initdb, pg_ctl) found: set PGBIN, or apt-get install postgresql" >&2
    exit 2
}
PGBIN=$(find_pgbin)

work=$(mktemp -d /tmp/querygov-faults.XXXXXX)
chmod 755 "$work"
data="$work/data"
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then
    install -d -o postgres "$data" "$work/sock"
else
    mkdir -p "$data" "$work/sock"
fi

qt_pid=
cleanup() {
    if [ -n "$qt_pid" ] && kill -0 "$qt_pid" 2>/dev/null; then kill -KILL "$qt_pid" 2>/dev/null || true; fi
    thaw || true
    as_pg "$PGBIN/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

start_server() {
    as_pg "$PGBIN/pg_ctl" -D "$data" -w -t 30 -l "$data/server.log" \
        -o "-p $PORT -k $work/sock -c listen_addresses=127.0.0.1" start >/dev/null
}
postmaster() { head -1 "$data/postmaster.pid"; }
# the postmaster and its children, by process id
server_pids() { local pm; pm=$(postmaster); echo "$pm" $(ps -o pid= --ppid "$pm"); }
frozen_pids=
freeze() { frozen_pids=$(server_pids); kill -STOP $frozen_pids; }
thaw() { if [ -n "$frozen_pids" ]; then kill -CONT $frozen_pids 2>/dev/null || true; frozen_pids=; fi; }

as_pg "$PGBIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
start_server
as_pg "$PGBIN/psql" -q -h "$work/sock" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -c \
    "CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL);
     INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 10000) g; ANALYZE item;" >/dev/null

mkdir -p "$work/catalog"
cat > "$work/catalog/queries.sql" <<'SQL'
-- name: a_count
SELECT count(*) FROM item WHERE id < 500;

-- name: b_lookup
-- param: id int range: 1..10000
SELECT id, name, pg_sleep(0.002) FROM item WHERE id = :id;
SQL

# builds the tool when needed, outside of any timing
"$root/querytool" --version >/dev/null

url="jdbc:postgresql://127.0.0.1:$PORT/postgres?user=postgres"
now() { date +%s.%N; }

# run NAME SAVE_PATH FAULT_COMMAND [RECOVER_COMMAND]: prints the fault's line
run() {
    local name=$1 save=$2 fault=$3 recover=${4:-true}
    local slug=${name//[^a-zA-Z]/_}
    local out="$work/$slug.out" err="$work/$slug.err"
    "$root/querytool" bench --url "$url" --catalog "$work/catalog" --duration "$DURATION" \
        --statement-timeout "$STATEMENT_TIMEOUT" --connect-timeout "$CONNECT_TIMEOUT" --warmup 0s \
        --save "$save" >"$out" 2>"$err" &
    qt_pid=$!
    # the first query has been measured when its progress line ends
    while kill -0 "$qt_pid" 2>/dev/null && ! grep -qs '\] a_count: ' "$err"; do sleep 0.1; done
    sleep "$AFTER_FIRST"
    local t0; t0=$(now)
    eval "$fault" || echo "faults.sh: the fault '$name' could not be injected" >&2
    local code=0
    wait "$qt_pid" || code=$?
    local t1; t1=$(now)
    qt_pid=
    eval "$recover"
    local printed=no saved=no
    grep -q '^a_count ' "$out" && printed=yes
    if [ -f "$save" ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$save" 2>/dev/null; then
        saved=yes
        if python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get("interrupted") else 1)' "$save"
        then saved="yes (interrupted)"; fi
    fi
    printf '%-22s %4s %8.1f  %7s  %s\n' "$name" "$code" "$(awk "BEGIN{print $t1 - $t0}")" "$printed" "$saved"
    if [ -n "${VERBOSE:-}" ]; then sed 's/^/    | /' "$out" "$err"; fi
}

printf '%-22s %4s %8s  %7s  %s\n' fault exit seconds printed saved
run "server stopped" "$work/stopped.json" \
    'as_pg "$PGBIN/pg_ctl" -D "$data" -m fast stop >/dev/null' 'start_server'
run "server frozen" "$work/frozen.json" 'freeze' 'thaw'
run "server restarted" "$work/restarted.json" \
    'as_pg "$PGBIN/pg_ctl" -D "$data" -m fast -w -t 30 -l "$data/server.log" -o "-p $PORT -k $work/sock -c listen_addresses=127.0.0.1" restart >/dev/null'
run "SIGTERM to querytool" "$work/sigterm.json" 'kill -TERM "$qt_pid"'
mkdir -p "$work/gone"
run "--save folder removed" "$work/gone/run.json" 'rm -rf "$work/gone"'
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    # a disk of 64 kB holding the previous baseline, then filled: the new save cannot be written, the old one stays
    mkdir -p "$work/full"
    cat > "$work/full-disk.sh" <<EOF
set -e
mount -t tmpfs -o size=64k tmpfs "$work/full"
echo '{"previous": "baseline"}' > "$work/full/run.json"
dd if=/dev/zero of="$work/full/filler" bs=4k 2>/dev/null || true
"$root/querytool" bench --url "$url" --catalog "$work/catalog" --duration "$DURATION" --warmup 0s \
    --save "$work/full/run.json" > "$work/full.out" 2> "$work/full.err" || echo \$? > "$work/full.code"
cp "$work/full/run.json" "$work/full-kept.json"
EOF
    unshare -m sh "$work/full-disk.sh"
    code=$(cat "$work/full.code" 2>/dev/null || echo 0)
    printed=no; grep -q '^a_count ' "$work/full.out" && printed=yes
    kept=$(cat "$work/full-kept.json")
    # the disk is full from the start; the save fails at the run's end
    printf '%-22s %4s %8s  %7s  %s\n' "full disk under --save" "$code" "-" "$printed" \
        "no; previous file kept: $kept"
    if [ -n "${VERBOSE:-}" ]; then sed 's/^/    | /' "$work/full.out" "$work/full.err"; fi
else
    echo "full disk under --save: skipped (needs root, for unshare -m and a tmpfs)"
fi
