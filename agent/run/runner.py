"""Drive the story graph for one run: start, continue after a crash, resume an approval, re-run a chapter."""

from __future__ import annotations

import os
import socket
import sqlite3
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.types import Command

from agent.storage.chapter_files import archive
from agent.graph.context import Context
from agent.errors import InputError, RunError, redact
from agent.llm.base import LLM
from agent.settings import Settings, concurrency, redact_url
from agent.storage.folder import RunDir
from agent.storage.lock import run_lock
from graphs.story import compile_graph


STATUS_FILE = "status.json"


@dataclass
class Outcome:
    """Where a run stands after the graph stopped."""

    status: str  # "done" | "awaiting_approval" | "running"
    step: str | None = None
    story_path: str | None = None
    interrupts: list = field(default_factory=list)

    @property
    def chapter(self) -> int | None:
        """The chapter a re-run waits with (its approval covers that chapter alone), else None."""
        value = self.interrupts[0].value if self.interrupts else None
        return value.get("chapter") if isinstance(value, dict) else None


def load_settings(run: RunDir) -> Settings:
    """Read a run's saved settings; fail clearly if the run does not exist."""
    try:
        data = run.read_json("config.json")
        if data is None or not run.exists():
            raise RunError(f"no run '{run.run_id}' in {run.root} (list them with: storyagent runs)")
        return Settings.model_validate(data)
    except (ValueError, TypeError) as exc:  # JSONDecodeError, UnicodeDecodeError and ValidationError are ValueErrors
        reason = " ".join(str(exc).split())[:120]
        raise RunError(f"run '{run.run_id}' is damaged: {run.file('config.json')} cannot be read ({reason})") from None


COMPARED = ("topic", "brief", "ref_dirs", "chapters", "words", "citations", "writer", "provider", "model", "role_models", "base_url", "style")


def same_settings(saved: Settings, given: Settings) -> Settings:
    """Return a run's saved settings, or fail naming each setting the new command would change."""
    def norm(name: str, value):
        return [str(Path(v).resolve()) for v in value] if name == "ref_dirs" else value

    differ = [name for name in COMPARED if norm(name, getattr(saved, name)) != norm(name, getattr(given, name))]
    if differ:
        shown = "; ".join(f"{name}: {_shown(getattr(saved, name))} (saved) vs {_shown(getattr(given, name))}" for name in differ)
        raise RunError(f"run '{saved.run_id}' already exists with other settings ({shown}); "
                       f"continue it with: storyagent resume {saved.run_id}, or choose another --run-id")
    return saved


def _shown(value) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def initial_input(settings: Settings) -> dict:
    """Return the graph input for a new run."""
    return {
        "topic": settings.topic,
        "brief": settings.brief,
        "ref_dirs": settings.ref_dirs,
        "chapters": settings.chapters,
        "words": settings.words,
        "citations": settings.citations,
        "style": settings.style,
        "approve": settings.approve,
        "max_revisions": settings.max_revisions,
        "rerun": None,
    }


@contextmanager
def open_checkpointer(settings: Settings, run: RunDir) -> Iterator:
    """Yield the run's checkpointer: SQLite in the run folder, or PostgreSQL when settings name a URL."""
    if settings.checkpointer == "sqlite":
        conn = sqlite3.connect(str(run.checkpoint_db), check_same_thread=False)
        try:
            yield SqliteSaver(conn)
        finally:
            conn.close()
        return
    try:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg import Error as PostgresError
    except ImportError:
        raise RunError(
            "the PostgreSQL checkpointer needs langgraph-checkpoint-postgres: pip install 'storyagent[postgres]'"
        ) from None
    try:
        with PostgresSaver.from_conn_string(settings.checkpointer) as saver:
            saver.setup()
            yield saver
    except PostgresError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RunError(f"PostgreSQL checkpointer {redact_url(settings.checkpointer)}: {first}") from None


class Runner:
    """One run's graph with its checkpointer (thread id = run id): SQLite by default, or PostgreSQL."""

    def __init__(
        self,
        run: RunDir,
        settings: Settings,
        llm_factory: Callable[[str], LLM] | None = None,
        on_event: Callable[[dict], None] | None = None,
    ):
        self.run = run
        self.settings = settings
        self.context = Context.for_run(settings, run=run, llm_factory=llm_factory, on_event=on_event)
        self.config = {"configurable": {"thread_id": run.run_id}, "recursion_limit": 200,
                       "max_concurrency": concurrency(settings)}
        self.graph = None

    @contextmanager
    def open(self, lock: bool = True) -> Iterator["Runner"]:
        """Open the checkpoint store; with `lock` (to change the run), fail if another process holds the run."""
        with run_lock(self.run) if lock else nullcontext():
            self.run.create()
            with open_checkpointer(self.settings, self.run) as saver:
                self.graph = compile_graph(checkpointer=saver)
                try:
                    yield self
                except sqlite3.DatabaseError as exc:
                    reason = " ".join(str(exc).split())[:120]
                    raise RunError(f"run '{self.run.run_id}' is damaged: {self.run.checkpoint_db} cannot be read ({reason})") from None
                finally:
                    self.graph = None

    def _drive(self, value) -> Outcome:
        self.record("running", calls=len(self.run.calls()))
        try:
            # "sync": each step is on disk before the next starts, so a kill loses at most the step it cut short
            for _ in self.graph.stream(value, self.config, context=self.context, stream_mode="updates", durability="sync"):
                pass
        except KeyboardInterrupt:
            self.record("failed", error="interrupted (Ctrl-C)")
            raise
        except Exception as exc:
            self.record("failed", error=redact(f"{type(exc).__name__}: {exc}")[:500])
            raise
        outcome = self.outcome()
        self.record(outcome.status, step=outcome.step)
        return outcome

    def record(self, status: str, step: str | None = None, error: str | None = None, calls: int | None = None) -> None:
        """Write status.json, so `storyagent status` can tell a run that failed or died from one that runs.

        `calls` (the calls logged before this process began driving) is kept, so a process that continues
        after a crash knows which logged calls the crashed one made.
        """
        if calls is None:
            calls = self._recorded().get("calls_before", 0)
        self.run.write_json(STATUS_FILE, {
            "status": status, "step": step, "error": error, "pid": os.getpid(), "host": socket.gethostname(),
            "updated": datetime.now(timezone.utc).isoformat(timespec="seconds"), "calls_before": calls,
        })

    def _recorded(self) -> dict:
        try:
            data = self.run.read_json(STATUS_FILE, {})
        except ValueError:  # a damaged status.json is rewritten by the next record()
            return {}
        return data if isinstance(data, dict) else {}

    def outcome(self) -> Outcome:
        """Read where the run stands from its checkpoint."""
        snapshot = self.graph.get_state(self.config, subgraphs=False)
        interrupts = list(snapshot.interrupts)
        if interrupts:
            step = interrupts[0].value.get("step") if isinstance(interrupts[0].value, dict) else None
            return Outcome("awaiting_approval", step=step, interrupts=interrupts)
        if snapshot.next:
            return Outcome("running", step=snapshot.next[0])
        return Outcome("done", story_path=snapshot.values.get("story_path"))

    def values(self) -> dict:
        return self.graph.get_state(self.config).values

    def start(self) -> Outcome:
        """Start a new run, or continue one whose checkpoint already exists."""
        snapshot = self.graph.get_state(self.config)
        if snapshot.values:
            return self.proceed()
        return self._drive(initial_input(self.settings))

    def proceed(self) -> Outcome:
        """Continue from the last checkpoint (after a crash or a kill); stop at approvals.

        Calls that repeat one logged before the crash are marked `"resumed": true` in calls.jsonl. A
        finished run whose story.md is gone gets it assembled again.
        """
        current = self.outcome()
        if current.status == "running":
            self.run.start_recovery(int(self._recorded().get("calls_before", 0)))
            return self._drive(None)
        if current.status == "done" and not self.run.file("story.md").exists():
            return self._drive(Command(goto="assemble"))
        return current

    def resume(self, decision: dict, approve_rest: bool = False) -> Outcome:
        """Answer every pending approval with the same decision and go on (approving every later step too, if asked)."""
        current = self.outcome()
        if current.status != "awaiting_approval":
            raise RunError(f"run '{self.run.run_id}' is not waiting for approval (it is {current.status})")
        # update_state() here would drop the pending interrupt; an update inside the Command keeps it
        update = {"approve": []} if approve_rest else None
        outcome = self._drive(Command(resume={i.id: decision for i in current.interrupts}, update=update))
        errors = [i.value["error"] for i in outcome.interrupts if isinstance(i.value, dict) and i.value.get("error")]
        if errors:  # the answer was refused; the run still waits at the same step for a valid one
            raise InputError(errors[0])
        return outcome

    def rerun(self, chapter: int, notes: str = "", yes: bool = False) -> Outcome:
        """Take one chapter alone through write → fact_check → image prompt → style check → assemble.

        On a finished run the new version waits at the chapters and images approvals (unless `yes`),
        then the story is assembled again. On a run waiting at the chapters or images approval, the
        new version joins what waits: the run returns to waiting at that same step (before it, at the
        images step, the new chapter waits for approval alone, unless `yes`).
        """
        current = self.outcome()
        values = self.values()
        where = f"run '{self.run.run_id}'"
        if current.status == "running":
            raise RunError(f"{where} has not finished; continue it first: storyagent resume {self.run.run_id}")
        if current.status == "awaiting_approval" and current.step == "outline":
            raise RunError(f"{where} waits for approval of the outline; chapters are written once it is approved")
        if current.status == "awaiting_approval" and values.get("rerun"):
            busy = values["rerun"].get("chapter")
            raise RunError(f"{where} is re-running chapter {busy} and waits for approval of its {current.step}; "
                           f"answer that first: storyagent resume {self.run.run_id}")
        if chapter not in values.get("chapter_text", {}):
            numbers = ", ".join(str(n) for n in sorted(values.get("chapter_text", {}))) or "none yet"
            raise RunError(f"{where} has no chapter {chapter} (chapters: {numbers})")
        archive(self.run, chapter)
        self.context.bypass_cache()  # a re-run asks for a new version: never the cached one
        until = current.step if current.status == "awaiting_approval" else None
        steps = [] if yes else ["chapters", "images"]
        return self._drive({"rerun": {"chapter": chapter, "notes": notes, "approve": steps, "until": until}})
