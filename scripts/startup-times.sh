#!/usr/bin/env bash
# Start-up time of querytool's short commands: the median (and min, max) wall time of RUNS runs of each, through
# ./querytool as a user runs it (the jar built, so no build is timed), one after the other. Not a test: a shared machine's load moves these figures, so read them with the
# load average printed alongside.
#
#   scripts/startup-times.sh                   # 11 runs each, slowest against URL
#   RUNS=21 URL='jdbc:postgresql://127.0.0.1:5432/test?user=root' scripts/startup-times.sh
#
# Goals: --help under 0.2 s; list of a 10-file catalog and slowest on a --url target under 0.4 s.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-11}
url=${URL:-jdbc:postgresql://127.0.0.1:5432/test?user=root}

"$root/querytool" --version >/dev/null || { echo "startup-times: querytool does not build or start" >&2; exit 2; }

catalog=$(mktemp -d)
trap 'rm -rf "$catalog"' EXIT
for i in $(seq 1 10); do
    printf -- '-- name: q%02d\n-- param: id bigint range: 1..100\nSELECT %d AS n, :id AS id;\n' "$i" "$i" \
        > "$catalog/q$i.sql"
done

# one command's wall times in milliseconds, sorted; its output goes nowhere. Exit code 0, or 3 for slowest on a
# server without pg_stat_statements: it has started, connected and asked by then, which is what is timed.
measure() {
    local times=()
    for _ in $(seq 1 "$runs"); do
        local start end rc=0
        start=$(date +%s%N)
        "$root/querytool" "$@" >/dev/null 2>&1 || rc=$?
        end=$(date +%s%N)
        if [ "$rc" -ne 0 ] && ! { [ "$1" = slowest ] && [ "$rc" -eq 3 ]; }; then
            echo "startup-times: failed with exit code $rc: querytool $*" >&2
            exit 3
        fi
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n
}

report() {
    local label=$1
    shift
    local sorted
    sorted=$(measure "$@")
    local median min max
    median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
    min=$(echo "$sorted" | head -n 1)
    max=$(echo "$sorted" | tail -n 1)
    printf '%-34s median %5d ms   min %5d ms   max %5d ms   (%d runs)\n' "$label" "$median" "$min" "$max" "$runs"
}

echo "querytool start-up, $(java -version 2>&1 | head -n 1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
report "--help" --help
report "list --catalog (10 SQL files)" list --catalog "$catalog"
report "slowest --url --top 10" slowest --url "$url" --top 10
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
