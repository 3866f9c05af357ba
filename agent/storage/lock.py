"""One process at a time per run: an OS lock on a file in the run folder, released when its process dies."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from typing import Iterator

from agent.errors import RunError
from agent.storage.folder import RunDir

LOCK_FILE = ".lock"


@contextmanager
def run_lock(run: RunDir) -> Iterator[None]:
    """Hold the run's lock while the body runs; fail at once if another process holds it.

    flock() belongs to the open file, so a process killed with SIGKILL leaves no lock behind.
    """
    run.create()
    path = run.file(LOCK_FILE)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise RunError(f"run '{run.run_id}' is busy: another storyagent process{who} is working on it; "
                           "wait for it to finish, or stop it first") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
