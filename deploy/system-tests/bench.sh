#!/usr/bin/env bash
# The pipeline benchmark (not part of the test suite; docs/BENCHMARKS.md says what it measures and how to read it).
#
#   deploy/system-tests/bench.sh [full]          about 30 min, the whole machine: run it on a quiet one
#   deploy/system-tests/bench.sh quick           about 6 min from start-up to report (iteration; same phases, shorter)
#   deploy/system-tests/bench.sh compare A.json B.json   two results side by side with B/A for every figure (no build)
#
# Builds the modules the benchmark needs in ONE reactor invocation (-am; nothing is installed into ~/.m2, and the
# other modules run no tests), then runs io.tracker.system.bench.PipelineBenchmarkTest: the whole system as real
# processes on this machine. Results: deploy/system-tests/target/bench/results.md, results.json and progress.log;
# a finished FULL run's results.json is also copied to docs/bench/<yyyy-mm-dd>-<commit>.json and docs/bench/latest.json.
# Further options go through to Maven, e.g. -Dbench.profile=true (JFR, pg_stat_activity and pg_stat_statements per phase) or -Dbench.rates=100,1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ "${1:-}" = "compare" ]; then
  if [ $# -ne 3 ]; then
    echo "usage: $0 compare A.json B.json" >&2
    exit 2
  fi
  # single-file source launch: Compare.java depends on nothing but the JDK
  exec "$java" deploy/system-tests/src/test/java/io/tracker/system/bench/Compare.java "$2" "$3"
fi

run=full
case "${1:-}" in
  quick|full) run="$1"; shift ;;
  -*|"") ;;
  *) echo "usage: $0 [quick|full] [-Dbench.*=...] | $0 compare A.json B.json" >&2; exit 2 ;;
esac

# the raw baseline is pgbench (Debian's postgresql-client); without it the benchmark falls back to a JDBC loop
if ! command -v pgbench >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo=""; if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
  { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; } \
    || echo "could not install postgresql-client: the raw baseline will be a JDBC loop instead of pgbench"
fi

results=deploy/system-tests/target/bench/results.json
rm -f "$results"
# -Dtest selects the benchmark only: the other modules of the reactor are built and packaged but run no test
./mvnw -B -pl deploy/system-tests -am verify -Dgroups=bench -Dsurefire.excludedGroups= -Dtest=PipelineBenchmarkTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsystem-tests.fork-timeout-seconds=3600 -Dbench.run="$run" "$@"

if [ "$run" = "full" ] && [ -f "$results" ]; then
  day="$(date -u +%F)"
  commit="$(git rev-parse --short HEAD)"
  mkdir -p docs/bench
  cp "$results" "docs/bench/$day-$commit.json"
  cp "$results" docs/bench/latest.json
  echo "results: docs/bench/$day-$commit.json and docs/bench/latest.json (commit them with the BENCHMARKS.md update)"
else
  echo "results: $results ($run run: not copied to docs/bench)"
fi
