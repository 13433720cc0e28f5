#!/bin/sh
# The matched spectrum error of W against the wave lattice's task spectrum, before training (the
# untrained control: the same network, same seed) and after, with the authors' thresholded angle
# error beside it, for T1 (repeat_copy) and lagged_copy, at the sizes the lab trains:
#   lab:     d = 4, s = 8, 64 hidden, 400 steps, seeds 1 to 5 (the runs of wave-train.sh);
#   widget:  d = 3, s = 8, 64 hidden, 600 steps, seeds 1 to 5, the wave-lattice widget's trainer
#            settings (float32, no clipping, default input scale);
#   authors: d = s = 8 as in the authors' Table 1, 64 and 128 hidden, STEPS_LARGE steps (default
#            2000, no curriculum), seeds 1 to 3.
# One JSON line per run, without the large arrays; writes experiments/results/wave-matched.jsonl.
# Usage: sh experiments/wave-matched.sh [path/to/attractor-lab]
set -e
cli=${1:-build/native/cli/attractor-lab}
out=experiments/results/wave-matched.jsonl
: > $out
run() {  # size label, task, seed, dims, hidden, steps, extra arguments
  size=$1 task=$2 seed=$3 dims=$4 hidden=$5 steps=$6
  shift 6
  $cli wave-train $task task.dims=$dims task.lag=8 task.steps=24 net.hidden=$hidden \
    opt.learning_rate=3e-3 train.batch=16 train.seed=$seed net.seed=$seed steps:$steps "$@" |
    sed 's/,"phi":\[[^]]*\]//; s/,"waves":\[[^]]*\]//; s/,"inputs":\[[^]]*\]//; s/,"losses":\[[^]]*\]//;
         s/,"hidden_gradient_before":\[[^]]*\]//; s/,"hidden_gradient_after":\[[^]]*\]//' |
    sed "s/^{/{\"size\":\"$size\",\"seed\":$seed,\"dims\":$dims,\"hidden\":$hidden,\"steps\":$steps,/" >> $out
}
for seed in ${SEEDS:-1 2 3 4 5}; do
  for task in repeat_copy lagged_copy; do
    run lab $task $seed 4 64 400 net.input_scale=1 opt.clip_norm=1
    run widget $task $seed 3 64 600 net.precision=32
  done
done
for seed in ${SEEDS_LARGE:-1 2 3}; do
  for task in repeat_copy lagged_copy; do
    for hidden in 64 128; do
      run authors $task $seed 8 $hidden ${STEPS_LARGE:-2000} net.input_scale=1 opt.clip_norm=1
    done
  done
done
