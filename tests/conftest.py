"""Shared fixtures: the reference articles that ship with the project, copied into a temp folder."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

REFERENCES = Path(__file__).resolve().parents[1] / "references" / "chatgpt-launch"


def copy_references(target: Path) -> Path:
    """Copy the ChatGPT-launch reference articles from references/ into `target` and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(REFERENCES.glob("*.md")):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def seed_refs(tmp_path) -> Path:
    """A folder holding the ChatGPT-launch reference articles of references/chatgpt-launch."""
    return copy_references(tmp_path / "refs")


def _apt_install(package: str) -> None:
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(["apt-get", "update", "-qq"], check=False, **quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=False,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, **quiet)


def _can_apt() -> bool:
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


@pytest.fixture(scope="session")
def chromium_binary() -> str:
    """Return a headless-capable Chromium, installing Debian's package first if it is missing and we are root."""
    names = ("chromium", "chromium-browser", "google-chrome")
    found = next((shutil.which(n) for n in names if shutil.which(n)), None)
    if found is None and _can_apt():
        _apt_install("chromium")
        found = next((shutil.which(n) for n in names if shutil.which(n)), None)
    if found is None:
        pytest.skip("Chromium is not installed and cannot be (not root, or no apt-get): apt-get install chromium")
    return found


# ---- PostgreSQL: a real server on loopback for the whole session ----------------------------------------


def _initdb() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found and shutil.which("initdb"):
        found = [Path(shutil.which("initdb"))]
    if not found and _can_apt():
        _apt_install("postgresql")
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """Start Debian's PostgreSQL on a free loopback port in a temp folder; yield its base URL; stop it after."""
    initdb = _initdb()
    if initdb is None:
        pytest.skip("PostgreSQL is not installed and cannot be (not root, or no apt-get): apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
        import langgraph.checkpoint.postgres  # noqa: F401
    except ImportError:
        pytest.skip("the postgres extra is not installed: pip install -e '.[postgres]'")
    bindir = initdb.parent
    # Not under pytest's temp folder: the postgres user cannot enter root's private folders.
    root = Path(tempfile.mkdtemp(prefix="storyagent-pg-"))
    data, sock, log = root / "data", root / "sock", root / "log"
    sock.mkdir()
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as the postgres user
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def run(*command):
        done = subprocess.run([*as_postgres, *command], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{Path(command[0]).name} failed: {(done.stderr or done.stdout)[-2000:]}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "start",
        "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def checkpointer(request) -> str:
    """The --checkpointer value of a run: SQLite in the run folder, or a fresh database on the test server."""
    if request.param == "sqlite":
        return "sqlite"
    import psycopg

    base = request.getfixturevalue("postgres_server")
    name = f"t{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"
