"""The storyagent command line: a thin typer layer over the library."""

from agent.cli import check, config, images, runs  # noqa: F401  (each module registers its commands)
from agent.cli.app import main

__all__ = ["main"]
