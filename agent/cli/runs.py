"""`storyagent status`, `runs` and `diff`: look at runs without changing them."""

from __future__ import annotations

import difflib
import json
import os
import socket
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

import typer
from pydantic import ValidationError
from rich import box
from rich.table import Table

from agent.storage.chapter_files import chapter_files, history, is_hand_edited
from agent.cli.app import RUNS_DIR_HELP, app, handle_errors, out, runs_root, resume_command
from agent.cli.terminal import printable
from agent.errors import RunError
from agent.run.runner import STATUS_FILE, Outcome, Runner, load_settings
from agent.run.usage import usage, usage_line
from agent.storage.folder import RunDir
from agent.state import ChapterCheck

DIFF_STYLES = {"+": "green", "-": "red", "@": "cyan"}


def run_status(run: RunDir) -> dict:
    """Return a run's status, waiting step and chapters, read from its checkpoint and status.json.

    A damaged file raises RunError naming it.
    """
    with _damaged(run, "config.json"):
        settings = load_settings(run)
    runner = Runner(run, settings)
    with _damaged(run, run.checkpoint_db.name):
        with runner.open(lock=False):  # reading only: a run another process drives can still be looked at
            outcome = runner.outcome()
            values = runner.values()
    with _damaged(run, STATUS_FILE):
        recorded = run.read_json(STATUS_FILE, {}) or {}
    status, error = outcome.status, None
    if status == "running" and recorded.get("status") == "failed":
        status, error = "failed", recorded.get("error")
    elif status == "running" and recorded.get("status") == "running" and not _alive(recorded):
        status, error = "failed", "the process running it ended before it finished (killed?)"
    return {
        "run_id": run.run_id,
        "topic": settings.topic,
        "status": status,
        "step": outcome.step if status == "awaiting_approval" else None,
        "rerun_chapter": outcome.chapter if status == "awaiting_approval" else None,
        "error": error,
        "chapters": chapter_states(run, values, outcome),
        "story": str(run.file("story.md")) if run.file("story.md").exists() else None,
        "created": _iso(run.file("config.json").stat().st_mtime),
        "updated": recorded.get("updated") or _iso((run.checkpoint_db if run.checkpoint_db.exists() else run.file("config.json")).stat().st_mtime),
        "usage": usage(run),
    }


def chapter_states(run: RunDir, values: dict, outcome: Outcome) -> list[dict]:
    """Return each planned chapter's number, title and state: planned, drafted, checked, flagged N or approved."""
    texts, checks, prompts = values.get("chapter_text", {}), values.get("checks", {}), values.get("prompts", {})
    waiting = outcome.status == "awaiting_approval" and outcome.step == "chapters"
    rerun = (values.get("rerun") or {}).get("chapter")  # its file holds the new version, not a hand edit
    chapters = []
    for plan in values.get("outline", {}).get("chapters", []):
        number = plan["number"]
        title = texts.get(number, plan)["title"]
        flagged = len(ChapterCheck.model_validate(checks[number]).flagged) if number in checks else None
        approved = number in prompts and not (waiting and outcome.chapter in (None, number))
        if approved:
            state = "approved"
        elif flagged is not None:
            state = f"flagged {flagged}" if flagged else "checked"
        else:
            state = "drafted" if number in texts else "planned"
        chapters.append({"number": number, "title": title, "state": state, "flagged": flagged, "approved": approved,
                         "edited": number in texts and number != rerun and is_hand_edited(run, number, title)})
    return chapters


@app.command()
def status(
    run_id: str = typer.Argument(..., help="The run to look at."),
    json_output: bool = typer.Option(False, "--json", help="Print JSON."),
    runs_dir: Optional[Path] = typer.Option(None, "--runs-dir", help=RUNS_DIR_HELP),
) -> None:
    """Show a run's status (running, awaiting_approval, done or failed), the step it waits at, and its chapters."""
    with handle_errors(run_id):
        runs_dir = runs_root(runs_dir)
        run = RunDir(runs_dir, run_id)
        data = run_status(run)
        if json_output:
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        waiting = f", waiting for approval of the {data['step']}" if data["step"] else ""
        rerun = f" (re-run of chapter {data['rerun_chapter']})" if data["rerun_chapter"] is not None else ""
        out.print(printable(f"Run {data['run_id']} ({data['topic']}): {data['status']}{waiting}{rerun}"), markup=False, soft_wrap=True)
        for ch in data["chapters"]:
            edited = "  [edited by hand]" if ch["edited"] else ""
            out.print(printable(f"  {ch['number']}. {ch['title']}: {ch['state']}{edited}"), markup=False, soft_wrap=True)
        spent = data["usage"]
        cached = f" ({spent['cache_hits']} more answered from the cache)" if spent["cache_hits"] else ""
        out.print(f"LLM calls: {spent['calls']}{cached}, {spent['input_tokens']:,} tokens in / {spent['output_tokens']:,} out",
                  markup=False, soft_wrap=True)
        out.print(usage_line(spent), markup=False, soft_wrap=True)
        if data["status"] == "failed":
            out.print(printable(f"Last attempt failed: {data['error']}"), markup=False, soft_wrap=True)
        if data["status"] in ("failed", "awaiting_approval"):
            out.print(f"Continue with: {resume_command(run)}", markup=False, soft_wrap=True)
        elif data["story"]:
            out.print(f"Story: {data['story']}", markup=False, soft_wrap=True)


@app.command(name="runs")
def list_runs(
    json_output: bool = typer.Option(False, "--json", help="Print JSON."),
    runs_dir: Optional[Path] = typer.Option(None, "--runs-dir", help=RUNS_DIR_HELP),
) -> None:
    """List the runs: id, topic, status, number of chapters, when last updated."""
    with handle_errors():
        runs_dir = runs_root(runs_dir)
        rows = []
        for path in sorted(runs_dir.iterdir() if runs_dir.is_dir() else []):
            if not (path / "config.json").exists():
                continue
            try:
                data = run_status(RunDir(runs_dir, path.name))
            except RunError as exc:  # one damaged run must not hide the others
                rows.append({"run_id": path.name, "topic": "", "status": "corrupt", "step": None, "error": str(exc),
                             "created": "", "updated": "", "chapters": 0})
                continue
            rows.append({key: data[key] for key in ("run_id", "topic", "status", "step", "created", "updated")}
                        | {"chapters": len(data["chapters"])})
        if json_output:
            typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if not rows:
            out.print(f"No runs in {runs_dir}.", markup=False, soft_wrap=True)
            return
        table = Table(box=box.SIMPLE)
        table.add_column("run", no_wrap=True)
        table.add_column("topic", ratio=1)
        table.add_column("status", no_wrap=True)
        table.add_column("chapters", justify="right")
        table.add_column("updated (UTC)", no_wrap=True)
        for row in rows:
            state = row["status"] + (f" ({row['step']})" if row["step"] else "")
            if row["status"] == "corrupt":
                table.add_row(row["run_id"], row["error"], "corrupt", "", "")
                continue
            when = row["updated"][:16].replace("T", " ")
            table.add_row(row["run_id"], printable(row["topic"]), state, str(row["chapters"]), when)
        out.print(table)


@app.command()
def diff(
    run_id: str = typer.Argument(..., help="The run holding the chapter."),
    chapter: int = typer.Option(..., "--chapter", help="The chapter to compare."),
    version: Optional[int] = typer.Option(None, "--version", help="Compare with this earlier version (default: the last)."),
    runs_dir: Optional[Path] = typer.Option(None, "--runs-dir", help=RUNS_DIR_HELP),
) -> None:
    """Show what changed in a chapter since its earlier version (kept when the chapter was re-run)."""
    with handle_errors(run_id):
        runs_dir = runs_root(runs_dir)
        run = RunDir(runs_dir, run_id)
        load_settings(run)
        earlier, current = history(run, chapter), chapter_files(run, chapter)
        if version is not None:
            earlier = [p for p in earlier if p.name.endswith(f".v{version}.md")]
        if not earlier or not current:
            which = f"version {version}" if version is not None else "earlier version"
            raise RunError(f"chapter {chapter} of run '{run_id}' has no {which} to compare (re-run it first: "
                           f"storyagent rerun {run_id} --chapter {chapter})")
        old, new = earlier[-1], current[0]
        lines = list(difflib.unified_diff(old.read_text(encoding="utf-8").splitlines(), new.read_text(encoding="utf-8").splitlines(),
                                          fromfile=f"history/{old.name}", tofile=new.name, lineterm=""))
        if not lines:
            out.print(f"Chapter {chapter} is unchanged since {old.name}.", markup=False, soft_wrap=True)
        for line in lines:
            style = "bold" if line.startswith(("+++", "---")) else DIFF_STYLES.get(line[:1])
            out.print(line, style=style, markup=False, highlight=False, soft_wrap=True)


@contextmanager
def _damaged(run: RunDir, name: str) -> Iterator[None]:
    """Turn an unreadable run file into a RunError that names it."""
    try:
        yield
    except (sqlite3.DatabaseError, json.JSONDecodeError, UnicodeDecodeError, ValidationError) as exc:
        reason = " ".join(str(exc).split())[:120]
        raise RunError(f"run '{run.run_id}' is damaged: {run.file(name)} cannot be read ({reason})") from None


def _alive(recorded: dict) -> bool:
    """Tell whether the process that last drove a run may still be running it."""
    if recorded.get("host") != socket.gethostname() or not recorded.get("pid"):
        return True  # another machine: we cannot tell
    try:
        os.kill(int(recorded["pid"]), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat(timespec="seconds")
