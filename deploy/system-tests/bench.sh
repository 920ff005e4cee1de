#!/usr/bin/env bash
# The pipeline benchmark (not part of the test suite; docs/BENCHMARKS.md says what it measures and how to read it).
# Builds every module, then runs io.tracker.system.bench.PipelineBenchmarkTest: the whole system as real processes
# on this machine. Takes 15-20 minutes and the whole machine: run it on a quiet one.
# Results: deploy/system-tests/target/bench/results.md, results.json and progress.log.
# Options go through to Maven, e.g. -Dbench.profile=true (JFR + pg_stat_activity per phase) or -Dbench.rates=100,1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
# the raw baseline is pgbench (Debian's postgresql-client); without it the benchmark falls back to a JDBC loop
if ! command -v pgbench >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo=""; if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
  { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; } \
    || echo "could not install postgresql-client: the raw baseline will be a JDBC loop instead of pgbench"
fi
./mvnw -B -q install -DskipTests
exec ./mvnw -B -pl deploy/system-tests verify -Dgroups=bench -Dsurefire.excludedGroups= -Dtest=PipelineBenchmarkTest \
  -Dsurefire.failIfNoSpecifiedTests=false "$@"
