"""The run folder: atomic writes, no secrets, call log."""

from __future__ import annotations

import json

import pytest

from agent.errors import RunError
from agent.storage.folder import RunDir, atomic_write, new_run_id, scrub


def test_atomic_write_replaces_whole_file(tmp_path, monkeypatch):
    path = tmp_path / "story.md"
    atomic_write(path, "old")

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(OSError):
        atomic_write(path, "new and longer")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["story.md"]


def test_secrets_never_reach_the_run_folder(tmp_path):
    run = RunDir(tmp_path, "r1")
    run.write_json("config.json", {"model": "m", "api_key": "sk-SECRET", "nested": {"OPENAI_API_KEY": "sk-SECRET"}})
    run.log_call({"role": "writer", "token": "sk-SECRET", "input_tokens": 3})
    text = (run.path / "config.json").read_text() + run.calls_log.read_text()
    assert "sk-SECRET" not in text
    assert run.calls()[0]["input_tokens"] == 3
    assert scrub({"a": [{"password": "p"}]}) == {"a": [{"password": "***"}]}


def test_run_ids(tmp_path):
    assert new_run_id("ChatGPT launch!").endswith("-chatgpt-launch")
    for bad in ["../x", "/abs", "a b", ""]:
        with pytest.raises(RunError):
            RunDir(tmp_path, bad)


def test_call_listener(tmp_path):
    run = RunDir(tmp_path, "r2")
    seen = []
    run.on_call = seen.append
    run.log_call({"role": "planner", "input_tokens": 1, "output_tokens": 2})
    assert seen[0]["role"] == "planner"
    assert json.loads(run.calls_log.read_text())["output_tokens"] == 2
