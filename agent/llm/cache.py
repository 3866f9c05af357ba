"""The LLM response cache: a reply stored per request, so an identical request costs no call.

The key is a hash of everything that shapes a reply: provider, model, base URL, call kind, system and
user prompts, the output schema, max_tokens and temperature. It lives in one SQLite file under the
cache folder (`~/.cache/storyagent/responses.sqlite`, or `$STORYAGENT_CACHE/responses.sqlite`),
shared by every run, so a second identical draft replays the first one's replies.

Calls at temperature > 0 are cached too: the default is deterministic, so the same request gives the
same reply (as a seeded sampler would). A fresh sample needs a changed prompt (a re-run's notes), a
re-run (its calls never read the cache) or `--no-cache`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path

from agent.llm.base import Reply

FILE_NAME = "responses.sqlite"


def request_key(**parts) -> str:
    """Return the hex sha256 of a request's parts (JSON, sorted keys)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_path() -> Path:
    """Return the shared cache file under the storyagent cache folder."""
    from agent.llm.model_store import cache_dir

    return cache_dir().parent / FILE_NAME  # cache_dir() is the models folder inside the cache root


class ResponseCache:
    """Replies by request key in one SQLite file; safe to share between threads and processes."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_path()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, text TEXT NOT NULL, "
                "input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, created REAL NOT NULL)"
            )
            conn.commit()
            self._conn = conn
        return self._conn

    def get(self, key: str) -> Reply | None:
        """Return the stored reply for a request key, or None."""
        with self._lock:
            row = self._db().execute(
                "SELECT text, input_tokens, output_tokens FROM replies WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return Reply(row[0], row[1], row[2])

    def put(self, key: str, reply: Reply) -> None:
        """Store a reply under its request key (the newest reply wins)."""
        with self._lock:
            db = self._db()
            db.execute(
                "INSERT OR REPLACE INTO replies VALUES (?, ?, ?, ?, ?)",
                (key, reply.text, reply.input_tokens, reply.output_tokens, time.time()),
            )
            db.commit()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
