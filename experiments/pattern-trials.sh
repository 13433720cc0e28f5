#!/bin/sh
# Beer & Barak's pattern-generation task, trial by trial: 4 input levels select 4 to 8 Hz
# sinusoids; FORCE against LMS over a log sweep of eta. Writes one JSON line per trial (without
# the output traces) to experiments/results/pattern-trials.jsonl.
# Usage: sh experiments/pattern-trials.sh [path/to/attractor-lab]
set -e
cli=${1:-build/native/cli/attractor-lab}
out=experiments/results/pattern-trials.jsonl
common="net.n=200 net.g=1.5 task.levels=4 task.freq_min=4 task.freq_max=8 task.train_steps=1000 \
task.transient_steps=300 task.check_steps=1000"
cap=${CAP:-60}
strip='s/,"outputs":\[[^]]*\]//'
: > $out
for seed in ${SEEDS:-1 2 3}; do
  $cli pattern-trials force $common net.seed=$seed task.seed=$seed until_criterion:$cap |
    sed "$strip; s/^{/{\"run\":\"force seed $seed\",\"seed\":$seed,\"eta\":null,/" >> $out
  for eta in ${ETAS:-1e-4 1e-3 1e-2}; do
    $cli pattern-trials lms $common learn.learning_rate=$eta net.seed=$seed task.seed=$seed \
      until_criterion:$cap |
      sed "$strip; s/^{/{\"run\":\"lms eta $eta seed $seed\",\"seed\":$seed,\"eta\":$eta,/" >> $out || true
  done
done
