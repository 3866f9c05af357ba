"""`storyagent status`, `runs` and `diff`: look at runs without changing them."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import typer
from rich.table import Table

from agent.cli import app, handle_errors, out
from agent.errors import RunError
from agent.runner import Runner, load_settings
from agent.runs import RunDir
from agent.state import ChapterCheck


def run_status(run: RunDir) -> dict:
    """Return a run's status, waiting step and chapters, read from its checkpoint."""
    settings = load_settings(run)
    runner = Runner(run, settings)
    with runner.open():
        outcome = runner.outcome()
        values = runner.values()
    failure = run.read_json("status.json", {}) or {}
    status = outcome.status
    if status == "running" and failure.get("status") == "failed":
        status = "failed"
    chapters = []
    for plan in values.get("outline", {}).get("chapters", []):
        number = plan["number"]
        state = "planned"
        if number in values.get("chapter_text", {}):
            state = "drafted"
        if number in values.get("checks", {}):
            flagged = len(ChapterCheck.model_validate(values["checks"][number]).flagged)
            state = f"checked, {flagged} flagged" if flagged else "checked"
        chapters.append({"number": number, "title": plan["title"], "state": state})
    return {
        "run_id": run.run_id, "topic": settings.topic, "status": status, "step": outcome.step if status == "awaiting_approval" else None,
        "chapters": chapters, "story": str(run.file("story.md")) if run.file("story.md").exists() else None,
        "error": failure.get("error") if status == "failed" else None,
    }


@app.command()
def status(
    run_id: str = typer.Argument(..., help="The run to look at."),
    json_output: bool = typer.Option(False, "--json", help="Print JSON."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir", help="Where run folders go."),
) -> None:
    """Show a run's status: running, awaiting_approval, done or failed, and its chapters."""
    with handle_errors(run_id):
        data = run_status(RunDir(runs_dir, run_id))
        if json_output:
            out.print_json(json.dumps(data))
            return
        out.print(f"Run {data['run_id']} ({data['topic']}): {data['status']}" + (f", waiting at {data['step']}" if data["step"] else ""))
        for ch in data["chapters"]:
            out.print(f"  {ch['number']}. {ch['title']}: {ch['state']}")


@app.command(name="runs")
def list_runs(
    json_output: bool = typer.Option(False, "--json", help="Print JSON."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir", help="Where run folders go."),
) -> None:
    """List the runs: id, topic, status, number of chapters, when."""
    with handle_errors():
        rows = []
        for path in sorted(runs_dir.iterdir() if runs_dir.is_dir() else []):
            run = RunDir(runs_dir, path.name) if (path / "config.json").exists() else None
            if run is None or not run.exists():
                continue
            data = run_status(run)
            when = run.checkpoint_db.stat().st_mtime
            rows.append({"run_id": data["run_id"], "topic": data["topic"], "status": data["status"],
                         "chapters": len(data["chapters"]), "updated": _iso(when)})
        if json_output:
            out.print_json(json.dumps(rows))
            return
        table = Table("run", "topic", "status", "chapters", "updated")
        for row in rows:
            table.add_row(row["run_id"], row["topic"], row["status"], str(row["chapters"]), row["updated"])
        out.print(table)


@app.command()
def diff(
    run_id: str = typer.Argument(..., help="The run holding the chapter."),
    chapter: int = typer.Option(..., "--chapter", help="The chapter to compare."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir", help="Where run folders go."),
) -> None:
    """Show what changed in a chapter since its previous version."""
    with handle_errors(run_id):
        run = RunDir(runs_dir, run_id)
        history = sorted((run.path / "chapters" / "history").glob(f"{chapter:02d}-*.v*.md"), key=_version)
        current = sorted((run.path / "chapters").glob(f"{chapter:02d}-*.md"))
        if not history or not current:
            raise RunError(f"chapter {chapter} of run '{run_id}' has no earlier version to compare")
        old, new = history[-1], current[0]
        lines = difflib.unified_diff(old.read_text().splitlines(), new.read_text().splitlines(),
                                     fromfile=str(old.name), tofile=str(new.name), lineterm="")
        for line in lines:
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else None
            out.print(line, style=style, markup=False, highlight=False, soft_wrap=True)


def _version(path: Path) -> int:
    return int(path.stem.rsplit(".v", 1)[-1]) if ".v" in path.stem else 0


def _iso(timestamp: float) -> str:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat(timespec="seconds")
