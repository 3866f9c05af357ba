"""The run folder: the audit trail of one story, written atomically."""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from contextvars import ContextVar
from datetime import datetime, timezone
from pathlib import Path

from agent.errors import RunError

# The graph step and chapter an LLM call belongs to; set by Context.event, per graph task.
CALL_SCOPE: ContextVar[dict] = ContextVar("storyagent_call_scope", default={})
SECRET_KEYS = re.compile(r"(api[_-]?key|secret|password|passwd|authorization|(^|_)token$)", re.IGNORECASE)


def atomic_write(path: Path, text: str) -> None:
    """Write text to path so that a crash leaves either the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_run_id(topic: str) -> str:
    """Return a readable, sortable run id for a topic."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    slug = re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")[:30].strip("-") or "story"
    return f"{stamp}-{slug}"


def scrub(data):
    """Return a copy of data with anything that looks like a secret removed."""
    if isinstance(data, dict):
        return {k: ("***" if SECRET_KEYS.search(str(k)) else scrub(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [scrub(v) for v in data]
    return data


def _call_id(record: dict) -> tuple:
    return record.get("key"), record.get("step"), record.get("chapter"), record.get("role")


class RunDir:
    """One run's folder: config, outline, chapters, reports, call log, checkpoint database."""

    def __init__(self, root: Path, run_id: str):
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", run_id):
            raise RunError(f"run id '{run_id}' is not valid: use letters, digits, '.', '_' and '-'")
        self.root = Path(root)
        self.run_id = run_id
        self.path = self.root / run_id
        self._lock = threading.Lock()
        self.on_call = None  # optional listener, e.g. the progress display
        self.recovering: int | None = None  # after a crash: the first call of the crashed process; its repeats get marked
        self._done_keys: set[tuple] | None = None

    @property
    def checkpoint_db(self) -> Path:
        return self.path / "checkpoints.sqlite"

    @property
    def cache_db(self) -> Path:
        return self.path / "cache.sqlite"

    @property
    def calls_log(self) -> Path:
        return self.path / "calls.jsonl"

    def exists(self) -> bool:
        # A run whose checkpoints live in PostgreSQL has no local database, only its config.
        return self.checkpoint_db.exists() or (self.path / "config.json").exists()

    def create(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RunError(f"cannot create run folder {self.path}: {exc.strerror or exc}") from None

    def file(self, name: str) -> Path:
        return self.path / name

    def write_text(self, name: str, text: str) -> Path:
        path = self.path / name
        atomic_write(path, text)
        return path

    def write_json(self, name: str, data) -> Path:
        return self.write_text(name, json.dumps(scrub(data), indent=2, ensure_ascii=False) + "\n")

    def read_json(self, name: str, default=None):
        path = self.path / name
        if not path.exists():
            return default
        return json.loads(path.read_text(encoding="utf-8"))

    def log_call(self, record: dict) -> None:
        """Append one LLM call to calls.jsonl (step, chapter, role, model, tokens, seconds, a hash of the prompts; never prompts or keys)."""
        record = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), **CALL_SCOPE.get(), **scrub(record)}
        with self._lock:
            if self.recovering is not None and record.get("key"):
                if self._done_keys is None:
                    self._done_keys = {_call_id(c) for c in self.calls()[self.recovering:]}
                if _call_id(record) in self._done_keys:
                    record["resumed"] = True  # made before the crash, whose node had not finished: made again
            line = json.dumps(record, ensure_ascii=False) + "\n"
            self.path.mkdir(parents=True, exist_ok=True)
            with open(self.calls_log, "a", encoding="utf-8") as handle:
                handle.write(line)
        if self.on_call is not None:
            self.on_call(record)

    def calls(self) -> list[dict]:
        if not self.calls_log.exists():
            return []
        return [json.loads(line) for line in self.calls_log.read_text(encoding="utf-8").splitlines() if line]
