"""Canary API keys never reach anything written or printed: draft, check, illustrate, failing calls, debug mode."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).with_name("run_scripted.py")
CANARIES = {"ANTHROPIC_API_KEY": "sk-ant-api03-CANARYa1b2c3d4e5", "OPENAI_API_KEY": "sk-proj-CANARYf6g7h8i9j0"}
MARKS = ("CANARYa1b2c3d4e5", "CANARYf6g7h8i9j0")


class EchoKey(BaseHTTPRequestHandler):
    """A hostile API server: refuses every call with a 401 that echoes the key it was sent."""

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("content-length") or 0))
        key = self.headers.get("x-api-key") or self.headers.get("authorization", "")
        body = json.dumps({"type": "error", "error": {"type": "authentication_error",
                                                      "message": f"invalid x-api-key: {key}"}})
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), EchoKey)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_canary_keys_never_reach_files_or_output(tmp_path, server):
    refs = tmp_path / "refs"
    shutil.copytree(ROOT / "references" / "chatgpt-launch", refs)
    runs = tmp_path / "runs"
    env = {**os.environ, **CANARIES, "PYTHONPATH": str(ROOT), "ANTHROPIC_BASE_URL": server,
           "OPENAI_BASE_URL": f"{server}/v1", "COLUMNS": "200", "HOME": str(tmp_path / "home")}
    printed: list[str] = []

    def run(*args, script=None, debug=False, expect=None):
        extra = {"STORYAGENT_DEBUG": "1"} if debug else {}
        command = [sys.executable, str(script)] if script else [sys.executable, "-m", "agent"]
        done = subprocess.run([*command, *map(str, args)], env={**env, **extra}, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=240, cwd=tmp_path)
        printed.extend([done.stdout, done.stderr])
        if expect is not None:
            assert done.returncode == expect, done.stdout + done.stderr
        return done

    run("draft", "--topic", "ChatGPT launch", "--refs", refs, "--chapters", "2", "--provider", "anthropic", "--yes",
        "--runs-dir", runs, "--run-id", "s", script=SCRIPT, expect=0)
    story = runs / "s" / "story.md"
    for debug in (False, True):
        for provider in ("anthropic", "openai"):
            checked = run("check", story, "--refs", refs, "--provider", provider, debug=debug)
            # the check ends on its report, or on the provider refusing the canary key, redacted
            said = checked.stdout + checked.stderr
            assert checked.returncode in (1, 2) and ("claims" in said or ("401" in said and "[key]" in said))
        drawn = run("illustrate", "s", "--runs-dir", runs, debug=debug)
        assert drawn.returncode == 2 and "Error: OpenAI Images API error 401" in drawn.stderr and "[key]" in drawn.stderr
        for provider in ("anthropic", "openai"):  # the real providers, refused at the first call of a draft
            failing = run("draft", "--topic", "ChatGPT launch", "--refs", refs, "--chapters", "1", "--provider", provider,
                          "--yes", "--runs-dir", runs, "--run-id", f"f-{provider}-{debug}", debug=debug, expect=2)
            assert "Error:" in failing.stderr and "401" in failing.stderr and "[key]" in failing.stderr
            assert (runs / f"f-{provider}-{debug}" / "status.json").exists()

    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) > 20
    for path in written:
        data = path.read_bytes()
        for mark in MARKS:
            assert mark.encode() not in data and mark[::-1].encode() not in data, f"{mark} leaked into {path}"
    for text in printed:
        for mark in MARKS:
            assert mark not in text and mark[::-1] not in text, text[-3000:]
