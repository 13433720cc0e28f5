#!/bin/sh
# The decoded error, learning signal and torus networks of EXPERIMENTS.md ("Robustness: kept
# information ..."): one robustness-sweep JSON line per mechanism and per torus network.
# Usage: experiments/robustness-decoded.sh [CLI] > experiments/results/robustness-decoded.jsonl
set -e
CLI=${1:-build/native/cli/attractor-lab}
COMMON="--memories=12 --steps=20000 --records=2 --state_noise=0.02 --lyapunov_k=2 --lyapunov_transient=2000 --lyapunov_steps=10000"
for spec in "ring n=32" "limit_cycle" "line n=16"; do
  # shellcheck disable=SC2086
  $CLI robustness-sweep $spec --epsilons=0.001,0.02,0.2 --seeds=3 $COMMON
done
for network in 1 2 3 4 5 6 7 8 9 10; do
  # shellcheck disable=SC2086
  $CLI robustness-sweep torus n=16 seed=$network --epsilons=0.02,0.2 --seeds=3 $COMMON --lyapunov_tolerance=5e-5
done
