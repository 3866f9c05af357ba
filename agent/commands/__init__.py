"""CLI commands that live beside the core ones; each module registers on agent.cli.app."""
