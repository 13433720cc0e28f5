#!/bin/sh
# Probes FORCE settings for the memory task over seeds: prints one line per run with the trial at
# which every value first survived the free run (">CAP" if never), and the trial at which every
# value first had an attracting fixed point nearby.
# Usage: sh experiments/memory-force-probe.sh "NAME=VALUE ..." [seeds] [path/to/attractor-lab]
set -e
settings=$1
seeds=${2:-"1 2 3 4 5 6"}
cli=${3:-build/native/cli/attractor-lab}
cap=${CAP:-100}
for seed in $seeds; do
  $cli memory-trials force $settings net.seed=$seed task.seed=$seed until_criterion:$cap |
    tail -1 | node -e '
      const line = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const m = line.measures;
      console.log(`seed ${process.argv[1]}: criterion ${m.trials_to_criterion ?? ">" + m.trials}` +
        ` survivors ${m.survivors} fixed-point criterion ${m.fixed_point_criterion ?? "-"}`);' $seed
done
