# The setup the measuring scripts beside it share. Sourced, never run:
#
#   . "$(dirname "$0")/lib.sh"
#
# It sets root (the checkout the scripts belong to) and defines functions; it starts, creates and exports nothing
# until a function is called.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The server the pgbench scripts measure: PGHOST/PGPORT/PGUSER, or 127.0.0.1:5432 as this user. Exported, so that
# pgbench, psql, createdb and dropdb all reach the one querytool is pointed at.
pg_target() {
    export PGHOST=${PGHOST:-127.0.0.1}
    export PGPORT=${PGPORT:-5432}
    export PGUSER=${PGUSER:-$(id -un)}
}

# require_tools HINT TOOL...: exits 2 naming the first tool not found (and HINT, when not empty). When the first
# tool is not on PATH, PostgreSQL's own bin folders are searched too: Debian keeps pgbench there.
require_tools() {
    local hint=$1 tool dir
    shift
    if ! command -v "$1" >/dev/null; then
        for dir in /usr/lib/postgresql/*/bin; do PATH="$dir:$PATH"; done
    fi
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$tool not found${hint:+: $hint}" >&2; exit 2; }
    done
}

# Drops the scratch database $DB and removes the work folder $work: a script's EXIT trap, or part of it.
remove_scratch() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    rm -rf "$work"
}

# create_pgbench_db SCALE: creates the scratch database $DB with pgbench's tables at SCALE (100000 accounts a unit).
create_pgbench_db() {
    createdb "$DB"
    pgbench -i -q -s "$1" "$DB" >/dev/null 2>&1
}

# write_pgbench_select ACCOUNTS: pgbench's select-only lookup, aid drawn uniformly from 1..ACCOUNTS, twice: as a
# pgbench script ($work/select.pgbench) and as the catalog querytool benches ($work/catalog, query pgbench_select).
write_pgbench_select() {
    cat > "$work/select.pgbench" <<SQL
\set aid random(1, $1)
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
SQL
    mkdir "$work/catalog"
    cat > "$work/catalog/select.sql" <<SQL
-- name: pgbench_select
-- param: aid int range: 1..$1
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
SQL
}

# Builds querytool when its jar is stale, so that no build is timed, and sets url to the scratch database $DB.
prepare_querytool() {
    "$root/querytool" --version >/dev/null
    url="jdbc:postgresql://$PGHOST:$PGPORT/$DB?user=$PGUSER"
}
