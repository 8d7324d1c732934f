#!/usr/bin/env bash
# The result cache's figures, on an embedded PostgreSQL 17 each:
#   1. its hit rate and the latencies the examples' service's clients see without and with it, with
#      projects and users picked by a Zipf law: once with the service's own deck (1 request in 10
#      renames a project, which evicts every cached report that reads `projects`), once reading only;
#   2. its notify latency: how long after a commit in one instance another has evicted the result the
#      write made stale, and what the pg_notify inside the transaction costs the writer's commit.
#
#   scripts/cache-figures.sh                      # Zipf exponent 1.0, 3000 requests per thread per round
#   ZIPF=1.2 REQUESTS=5000 COMMITS=5000 scripts/cache-figures.sh
set -euo pipefail
ZIPF=${ZIPF:-1.0}
REQUESTS=${REQUESTS:-3000}
SCALE=${SCALE:-0.1}
COMMITS=${COMMITS:-2000}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
# drops the libraries' log lines and their tab-indented continuations (Hibernate's connection facts, stack traces);
# keeps the figures, whose detail lines are indented with spaces
quiet() { grep -v -e '^SLF4J' -e ' INFO ' -e ' WARN ' -e '^[A-Z][a-z][a-z] [0-9][0-9], ' -e $'^\t' -e '^INFO' -e '^WARN' || true; }

java -cp "$jar" io.querygov.benchmarks.CacheHitRate "$ZIPF" "$REQUESTS" "$SCALE" 2>&1 | quiet
echo
java -cp "$jar" io.querygov.benchmarks.CacheHitRate "$ZIPF" "$REQUESTS" "$SCALE" read-only 2>&1 | quiet
echo
java -cp "$jar" io.querygov.benchmarks.CacheNotifyLatency "$COMMITS" 2>&1 | quiet
