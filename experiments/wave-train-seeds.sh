#!/bin/sh
# The wave-train runs of experiments/wave-train.sh over network and data seeds 1, 2, 3, without
# the large arrays (Phi, the waves): angular error, boundary fraction of Phi, wave shift.
# Writes experiments/results/wave-train-seeds.jsonl.
# Usage: sh experiments/wave-train-seeds.sh [path/to/attractor-lab]
set -e
cli=${1:-build/native/cli/attractor-lab}
out=experiments/results/wave-train-seeds.jsonl
: > $out
for seed in ${SEEDS:-1 2 3}; do
  for task in repeat_copy lagged_copy; do
    $cli wave-train $task task.dims=4 task.lag=8 task.steps=24 net.hidden=64 net.input_scale=1 \
      opt.learning_rate=3e-3 opt.clip_norm=1 train.batch=16 train.seed=$seed net.seed=$seed \
      steps:${STEPS:-400} |
      sed 's/,"phi":\[[^]]*\]//; s/,"waves":\[[^]]*\]//; s/,"inputs":\[[^]]*\]//; s/,"losses":\[[^]]*\]//' |
      sed "s/^{/{\"seed\":$seed,/" >> $out
  done
done
