#!/bin/sh
# The browser tier (tests/e2e) run RUNS times in a row (default 3) while LOAD_PROCESSES (default 3)
# CPU-bound processes compete for the machine, as on a busy laptop or a shared CI runner. Reports
# each run's result, wall time and load average (1-minute, from /proc/loadavg: at the start, the
# mean of samples every 10 s, and the highest), and exits non-zero if any run failed. The load
# processes are stopped however the script ends. Logs: test-artifacts/under-load/run-N.log.
# Expects the built site in build/site (`make test-under-load` builds it first).
set -u
RUNS=${RUNS:-3}
LOAD_PROCESSES=${LOAD_PROCESSES:-3}
LOG_DIR=test-artifacts/under-load
mkdir -p "$LOG_DIR"

load_pids=''
sampler_pid=''
cleanup() {
  for pid in $load_pids $sampler_pid; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load1() { cut -d' ' -f1 /proc/loadavg; }

i=0
while [ "$i" -lt "$LOAD_PROCESSES" ]; do
  sh -c 'while :; do :; done' &
  load_pids="$load_pids $!"
  i=$((i + 1))
done
echo "under load: $LOAD_PROCESSES CPU-bound processes on $(nproc) cores; $RUNS runs of tests/e2e"

failed=0
rows=''
code=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
run=1
while [ "$run" -le "$RUNS" ]; do
  samples="$LOG_DIR/run-$run.load"
  start_load=$(load1)
  # The load average over the run, sampled every 10 s (a measurement, not a wait for the tests).
  (while :; do load1; sleep 10; done) > "$samples" &
  sampler_pid=$!
  start=$(date +%s)
  node --test --test-concurrency=3 tests/e2e/ > "$LOG_DIR/run-$run.log" 2>&1
  status=$?
  seconds=$(( $(date +%s) - start ))
  kill "$sampler_pid" 2>/dev/null
  wait "$sampler_pid" 2>/dev/null
  sampler_pid=''
  mean_load=$(awk '{ s += $1; n++ } END { if (n) printf "%.1f", s / n; else print "?" }' "$samples")
  max_load=$(awk 'BEGIN { m = 0 } { if ($1 > m) m = $1 } END { printf "%.1f", m }' "$samples")
  # The summary of node's TAP output: a test that timed out counts as cancelled.
  tests=$(grep -E '^# (pass|fail|cancelled) ' "$LOG_DIR/run-$run.log" | tail -3 | sed 's/^# //' | tr '\n' ' ')
  if [ "$status" -eq 0 ]; then result=pass; else result=FAIL; failed=$((failed + 1)); fi
  echo "run $run: $result in $seconds s (${tests% }); load average $start_load at the start, $mean_load mean, $max_load highest"
  if [ "$status" -ne 0 ]; then
    grep -E -A14 '^ *not ok' "$LOG_DIR/run-$run.log" | head -80
  fi
  rows="$rows| $(date -u +%Y-%m-%d) | $code | $run | $result | $seconds s | $start_load / $mean_load / $max_load |
"
  run=$((run + 1))
done

echo
echo "For RELIABILITY.md (date | code | run | result | wall time | load average start / mean / highest):"
printf '%s' "$rows"
if [ "$failed" -ne 0 ]; then
  echo "$failed of $RUNS runs failed; logs in $LOG_DIR"
  exit 1
fi
echo "all $RUNS runs passed"
