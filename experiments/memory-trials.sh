#!/bin/sh
# Beer & Barak's memory task, trial by trial: trials to criterion (every value survives a free
# run) for FORCE and for LMS over a log sweep of eta and over seeds. Writes one JSON line per
# trial, tagged with its run, to experiments/results/memory-trials.jsonl.
# Usage: sh experiments/memory-trials.sh [path/to/attractor-lab]
set -e
cli=${1:-build/native/cli/attractor-lab}
out=experiments/results/memory-trials.jsonl
# The settings chosen (see EXPERIMENTS.md, "Learning one value at a time").
common="net.n=200 net.g=1 net.input_scale=1 net.feedback_scale=2 task.values=8 \
task.pulse_steps=50 task.hold_steps=1000 task.check_steps=100 task.tolerance=0.1"
cap=${CAP:-100}
: > $out
for seed in 1 2 3 4 5; do
  $cli memory-trials force $common \
    net.seed=$seed task.seed=$seed until_criterion:$cap |
    sed "s/^{/{\"run\":\"force seed $seed\",\"seed\":$seed,\"eta\":null,/" >> $out
done
for eta in 1e-4 1e-3 1e-2 1e-1; do
  for seed in 1 2 3; do
    $cli memory-trials lms $common \
      learn.learning_rate=$eta net.seed=$seed task.seed=$seed until_criterion:$cap |
      sed "s/^{/{\"run\":\"lms eta $eta seed $seed\",\"seed\":$seed,\"eta\":$eta,/" >> $out || true
  done
done
