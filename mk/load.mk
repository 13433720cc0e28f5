# `make test-under-load` (not part of `make test`): the browser tier three times in a row beside
# three CPU-bound processes, with each run's result, wall time and load average
# (scripts/test-under-load.sh). RUNS and LOAD_PROCESSES change the counts.
.PHONY: test-under-load

test-under-load: setup site
	scripts/test-under-load.sh
