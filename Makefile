# Benchmarks (see bench/): `make bench` is the default run (under 10 minutes on 2 cores), `make bench-quick` the
# small one the tests run, `make bench-scaling` the peak memory of two corpus sizes (SCALING="SMALL LARGE";
# the issue's target is 1000 to 100000 articles, hours at the current speed).
PYTHON ?= .venv/bin/python
SCALING ?= 250 1000

.PHONY: bench bench-quick bench-scaling

bench:
	$(PYTHON) -m bench

bench-quick:
	$(PYTHON) -m bench --quick

bench-scaling:
	$(PYTHON) -m bench --scaling $(SCALING)
