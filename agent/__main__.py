"""Run the CLI with `python -m agent`."""

from agent.cli.app import main

main()
