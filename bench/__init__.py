"""Benchmarks of storyagent's speed and cost; `bench/run` prints them."""
