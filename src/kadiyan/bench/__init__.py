"""Benchmarks behind `kadiyan bench`: measured figures, with a baseline in the same run."""
