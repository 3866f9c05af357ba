"""The runner that drives the graphs for the CLI: start, resume, rerun, status."""
