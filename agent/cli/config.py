"""`storyagent config`: the effective settings and where each one comes from."""

from __future__ import annotations

import json
import os

import typer
from rich.table import Table

from agent.cli.app import app, handle_errors, out
from agent.settings import layered_options, redact_url


@app.command(name="config")
def show_config(
    json_output: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Print the effective settings and where each comes from: flag, STORYAGENT_* variable, storyagent.toml, default.

    Passwords in URLs are shown as ***; API keys are reported only as set or not set.
    """
    with handle_errors():
        rows = [(key, redact_url(value), source) for key, (value, source) in layered_options({}).items()]
        keys = {name: "set" if os.environ.get(name) else "not set" for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY")}
        if json_output:
            typer.echo(json.dumps({"settings": {k: {"value": v, "source": s} for k, v, s in rows}, "keys": keys}))
            return
        table = Table("option", "value", "source")
        for key, value, source in rows:
            table.add_row(key, json.dumps(value), source)
        out.print(table)
        for name, state in keys.items():
            out.print(f"{name}: {state}")
