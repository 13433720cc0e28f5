#!/bin/sh
# Beer & Barak's memory task, trial by trial: trials to criterion (every value survives a free
# run) for FORCE over seeds (with the closed loop's fixed points after every trial) and for LMS
# over a log sweep of eta (free-run check only, up to CAP_LMS trials). Writes one JSON line per
# trial, tagged with its run, to experiments/results/memory-trials.jsonl (LMS lines to
# memory-trials-lms-SEED.jsonl, one file per seed so seeds can run in parallel: PART=force|lms).
# Usage: sh experiments/memory-trials.sh [path/to/attractor-lab]
set -e
cli=${1:-build/native/cli/attractor-lab}
# The settings chosen (see EXPERIMENTS.md, "Learning one value at a time").
common="net.n=200 net.g=1 net.input_scale=1 net.feedback_scale=2 task.values=8 \
task.pulse_steps=50 task.hold_steps=1000 task.check_steps=100 task.tolerance=0.1"
if [ "${PART:-force}" = force ]; then
  out=experiments/results/memory-trials.jsonl
  : > $out
  for seed in ${SEEDS:-1 2 3 4 5 6}; do
    $cli memory-trials force $common $EXTRA \
      net.seed=$seed task.seed=$seed until_criterion:${CAP:-100} |
      sed "s/^{/{\"run\":\"force seed $seed\",\"seed\":$seed,\"eta\":null,/" >> $out
  done
else
  for seed in ${SEEDS:-1 2}; do
    out=experiments/results/memory-trials-lms-$seed.jsonl
    : > $out
    for eta in ${ETAS:-1e-4 1e-3 3e-3 1e-2 3e-2}; do
      $cli memory-trials lms $common task.find_fixed_points=0 \
        learn.learning_rate=$eta net.seed=$seed task.seed=$seed until_criterion:${CAP_LMS:-1000} |
        sed "s/^{/{\"run\":\"lms eta $eta seed $seed\",\"seed\":$seed,\"eta\":$eta,/" >> $out || true
    done
  done
fi
