#!/bin/bash
# Park et al.'s protocol at their sizes (experiments/park-full.json: N = 200 and 224, LSTM 115 and
# 128; trials of 128 to 4096 steps; seeds 1 to 11): one Slurm array task per cell. Each cell is
# deterministic and independent, so the JSON lines can be concatenated in any order.
#
#   sbatch experiments/park-slurm.sh          (from the repository root, after `make native`)
#   cat results/park-full-*.jsonl > experiments/results/park-full.jsonl
#
# The LSTM of 128 units at 4096 steps keeps 128 x 4096 x (6 x 128 + 3) = 404 million numbers
# (3.2 GB); --max-array-values lets the native build hold them (the browser's cap is 2^24).
#SBATCH --job-name=park-full
#SBATCH --array=0-527
#SBATCH --cpus-per-task=1
#SBATCH --mem=5G
#SBATCH --time=08:00:00
#SBATCH --output=results/park-full-%a.log
set -euo pipefail
mkdir -p results
build/native/cli/attractor-lab experiment experiments/park-full.json \
  --cell "${SLURM_ARRAY_TASK_ID}" --max-array-values 600000000 \
  > "results/park-full-${SLURM_ARRAY_TASK_ID}.jsonl"
