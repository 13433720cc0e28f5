#!/bin/sh
# Times one tier of `make test` and says how long it took.
#   timed-tier.sh NAME COMMAND [ARG...]   runs COMMAND, then prints "tier NAME: N s" (its exit status
#                                          is the command's)
#   timed-tier.sh --start NAME            for a recipe of several commands: marks the start ...
#   timed-tier.sh --stop NAME             ... and prints the time since --start
#   timed-tier.sh --summary               prints every tier recorded so far and the total
# With TIER_LOG set (make test sets it), each time is also appended to that file for the summary.
set -u

now() { date +%s; }
marks=${TIER_LOG:-build/tier-times}.marks

record() {  # name seconds status
  if [ "$3" -eq 0 ]; then
    echo "tier $1: $2 s"
  else
    echo "tier $1: $2 s (failed, exit status $3)"
  fi
  if [ -n "${TIER_LOG:-}" ]; then
    mkdir -p "$(dirname "$TIER_LOG")"
    echo "$1 $2 $3" >> "$TIER_LOG"
  fi
}

case "${1:-}" in
  --start)
    mkdir -p "$(dirname "$marks")"
    echo "$2 $(now)" >> "$marks"
    ;;
  --stop)
    start=$(grep "^$2 " "$marks" 2>/dev/null | tail -1 | cut -d' ' -f2)
    [ -n "$start" ] || { echo "timed-tier.sh: no --start for $2" >&2; exit 2; }
    record "$2" $(( $(now) - start )) 0
    ;;
  --summary)
    [ -n "${TIER_LOG:-}" ] && [ -f "$TIER_LOG" ] || exit 0
    echo "Time per tier:"
    awk '{ printf "  %-10s %5d s%s\n", $1, $2, ($3 == 0 ? "" : "  (failed)"); total += $2 }
         END { printf "  %-10s %5d s (%d min %d s)\n", "total", total, total / 60, total % 60 }' "$TIER_LOG"
    ;;
  ''|-*)
    echo "usage: $0 NAME COMMAND [ARG...] | --start NAME | --stop NAME | --summary" >&2
    exit 2
    ;;
  *)
    name=$1
    shift
    start=$(now)
    "$@"
    status=$?
    record "$name" $(( $(now) - start )) "$status"
    exit "$status"
    ;;
esac
