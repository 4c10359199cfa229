#!/usr/bin/env bash
# Before/after benchmark table for issue 17 (docs/benchmarks.md): every measurement of the
# "after" tree (this checkout) interleaved with the same one on a "before" checkout, over
# ROUNDS rounds in the same window, each engine figure beside the raw line of its own run.
#
#   PG_URL=postgres://postgres@127.0.0.1:5432/test scripts/bench-table.sh /path/to/before-checkout [ROUNDS]
#
# The before checkout needs node_modules (e.g. `git worktree add ../base ef03096` and a
# symlink to this checkout's node_modules). Results: one JSON line per workload in
# bench-results/<timestamp>.jsonl, tagged {tree, round, run}; then the median table is
# printed by scripts/bench-table-summary.ts. Set SKIP_BIG=1 to leave out the opt-in large
# runs (the 1,000,000-event verify and PostgreSQL memory run, the processes runs).
set -euo pipefail
BEFORE=${1:?usage: scripts/bench-table.sh BEFORE_CHECKOUT [ROUNDS]}
ROUNDS=${2:-3}
AFTER=$(cd "$(dirname "$0")/.." && pwd)
: "${PG_URL:?set PG_URL (the bench creates and drops its own schemas there)}"
OUT="$AFTER/bench-results/$(date +%Y%m%dT%H%M%S).jsonl"
mkdir -p "$AFTER/bench-results"

run() { # tree dir round name args...
  local tree=$1 dir=$2 round=$3 name=$4; shift 4
  (cd "$dir" && npx tsx --tsconfig tsconfig.json apps/bench/src/main.ts "$@" --json 2>/dev/null) |
    grep '^{' | while read -r line; do
      echo "{\"tree\":\"$tree\",\"round\":$round,\"run\":\"$name\",${line:1}" >> "$OUT"
    done
}

both() { # round name args...
  local round=$1 name=$2; shift 2
  run before "$BEFORE" "$round" "$name" "$@"
  run after "$AFTER" "$round" "$name" "$@"
}

for round in $(seq 1 "$ROUNDS"); do
  for c in 8 16 64; do
    both "$round" "pg-c$c" --store postgres --concurrency "$c" --workload commands,raw
  done
  both "$round" sqlite-c8 --store sqlite --projections off --workload commands,raw
  both "$round" sqlite-100k --store sqlite --projections off --accounts 2000 --ops 50 \
    --concurrency 32 --workload replay,verify
  both "$round" pg-100k --store postgres --projections off --accounts 2000 --ops 50 \
    --concurrency 32 --workload replay,verify
  run before "$BEFORE" "$round" long-topup --store sqlite --projections off \
    --workload long-stream --long-kind top-up --long 10000
  run after "$AFTER" "$round" long-topup --store sqlite --projections off \
    --workload long-stream --long-kind top-up --long 10000,100000
  if [ -z "${SKIP_BIG:-}" ]; then
    for n in 1 2 4; do
      run after "$AFTER" "$round" "processes-$n" --store postgres --processes "$n" \
        --projections off --workload commands
    done
  fi
done
if [ -z "${SKIP_BIG:-}" ]; then
  run after "$AFTER" 1 verify-1m --store sqlite --workload verify --verify-events 1000000
  run after "$AFTER" 1 verify-1m-pg --store postgres --workload verify --verify-events 1000000
  (cd "$AFTER" && node --expose-gc --import tsx apps/bench/src/main.ts --store postgres \
    --accounts 4000 --ops 250 --concurrency 16 --workload commands --json 2>/dev/null) |
    grep '^{' | while read -r line; do
      echo "{\"tree\":\"after\",\"round\":1,\"run\":\"memory-1m-pg\",${line:1}" >> "$OUT"
    done
fi
echo "results: $OUT"
(cd "$AFTER" && npx tsx scripts/bench-table-summary.ts "$OUT")
