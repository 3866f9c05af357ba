"""Helpers for approval, review and re-run tests: scripted runs, CLI invocations, subprocess environments."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from typer.testing import CliRunner

from agent.cli.app import app
from agent.graph.context import build_settings
from agent.run.runner import Runner
from agent.storage.folder import RunDir
from tests.scripted import scripted_factory

ROOT = Path(__file__).resolve().parents[1]
FAKE_ENV = Path(__file__).with_name("fake_env")
STORYAGENT = Path(sys.executable).with_name("storyagent")
cli = CliRunner()


def scripted_runner(tmp_path: Path, refs: Path, run_id: str = "t1", chapters: int = 2, approve=()) -> Runner:
    """Return a Runner for a new run that uses the scripted model (its provider is runner.provider)."""
    settings = build_settings(topic="ChatGPT launch", refs=[str(refs)], chapters=chapters, provider="local",
                              approve=list(approve), runs_dir=str(tmp_path / "runs"), run_id=run_id)
    run = RunDir(tmp_path / "runs", run_id)
    factory = scripted_factory(log=run.log_call)
    runner = Runner(run, settings, llm_factory=factory)
    runner.provider = factory.provider
    with runner.open():
        run.write_json("config.json", settings.model_dump(mode="json"))
    return runner


def invoke(*args, input: str | None = None, env: dict | None = None):
    """Run the CLI in-process; API keys are cleared so nothing reaches a real provider."""
    base = {"ANTHROPIC_API_KEY": "", "OPENAI_API_KEY": "", **(env or {})}
    return cli.invoke(app, [str(a) for a in args], input=input, env=base, catch_exceptions=False)


def draft_args(tmp_path: Path, refs: Path, run_id: str, *extra) -> list[str]:
    return ["draft", "--topic", "ChatGPT launch", "--refs", str(refs), "--chapters", "2", "--provider", "local",
            "--runs-dir", str(tmp_path / "runs"), "--run-id", run_id, *extra]


def subprocess_env(tmp_path: Path) -> dict:
    """Return the environment of a storyagent process that uses the scripted model and logs its prompts."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(FAKE_ENV), str(ROOT)]),
        "STORYAGENT_TEST_SCRIPTED": "1",
        "STORYAGENT_TEST_PROMPTS": str(tmp_path / "prompts.jsonl"),
        "ANTHROPIC_API_KEY": "",
        "OPENAI_API_KEY": "",
        "TERM": "dumb",
        "COLUMNS": "160",
    }


def logged_prompts(tmp_path: Path) -> list[dict]:
    path = tmp_path / "prompts.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def editor_script(tmp_path: Path, body: str) -> str:
    """Write a Python 'editor' that runs `body` with `path` (the file to edit) and `text` (its content); return $EDITOR."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text()\n"
        f"{body}\n"
    )
    return f"{sys.executable} {script}"


def files(folder: Path) -> dict[str, bytes]:
    """Return every file under a folder, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
