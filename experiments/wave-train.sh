#!/bin/sh
# Trains a bias-free tanh Elman RNN (64 hidden, d = 4, s = 8, trials of 24 steps) on T1
# (repeat_copy) and T3 (lagged_copy) and writes the angular error of W's eigenvalues against
# the wave lattice's spectrum and |dL/dh_t| before and after to experiments/results/wave-train.jsonl.
# Usage: sh experiments/wave-train.sh [path/to/attractor-lab]
set -e
cli=${1:-build/native/cli/attractor-lab}
out=experiments/results/wave-train.jsonl
: > $out
for task in repeat_copy lagged_copy; do
  $cli wave-train $task task.dims=4 task.lag=8 task.steps=24 net.hidden=64 net.input_scale=1 \
    opt.learning_rate=3e-3 opt.clip_norm=1 train.batch=16 train.seed=1 net.seed=1 \
    steps:${STEPS:-400} >> $out
done
