"""The benchmark harness: ``python -m bench`` measures every stage against a baseline in the same run."""
