#!/usr/bin/env bash
# Cores used by each process of a running system over a window (default 60 s), from /proc/<pid>/stat
# (utime + stime, the process and its threads): the cost at rest of issue 21 when nothing sends load.
# Usage: deploy/local/idle-cpu.sh [seconds] name=pid ...   e.g. idle-cpu.sh 60 kafka+postgres=1234 negotiation=2345
# PostgreSQL's backends are processes of their own: name=pg:<postmaster pid> sums the postmaster and its children.
set -euo pipefail
SECONDS_WINDOW=${1:-60}; shift || true
[ $# -gt 0 ] || { echo "usage: $0 [seconds] name=pid|name=pg:<postmaster pid> ..." >&2; exit 2; }
HZ=$(getconf CLK_TCK)

ticks() { # pid -> utime+stime+cutime+cstime of the pid (or, for pg:<pid>, of the postmaster and its children)
  local spec=$1 total=0 p
  local pids=("${spec#pg:}")
  if [[ $spec == pg:* ]]; then
    mapfile -t -O 1 pids < <(pgrep -P "${spec#pg:}" || true)
  fi
  for p in "${pids[@]}"; do
    [ -r "/proc/$p/stat" ] || continue
    # fields after the command name (which may hold spaces): 14 utime 15 stime 16 cutime 17 cstime
    read -r -a f < <(sed 's/^.*) //' "/proc/$p/stat")
    total=$((total + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$total"
}

declare -A before
for arg in "$@"; do before[$arg]=$(ticks "${arg#*=}"); done
sleep "$SECONDS_WINDOW"
sum=0
for arg in "$@"; do
  used=$(( $(ticks "${arg#*=}") - before[$arg] ))
  sum=$((sum + used))
  awk -v n="${arg%%=*}" -v t="$used" -v hz="$HZ" -v s="$SECONDS_WINDOW" 'BEGIN {printf "%-22s %.4f cores\n", n, t / hz / s}'
done
awk -v t="$sum" -v hz="$HZ" -v s="$SECONDS_WINDOW" 'BEGIN {printf "%-22s %.4f cores (over %d s)\n", "total", t / hz / s, s}'
