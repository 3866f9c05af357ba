"""Bad input at the command line: one `Error:` line, a non-zero exit, no traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from agent.cli.app import app

runner = CliRunner()


def draft(tmp_path, *args, env=None):
    base_env = {"ANTHROPIC_API_KEY": "", "OPENAI_API_KEY": ""}
    base_env.update(env or {})
    return runner.invoke(app, ["draft", "--topic", "ChatGPT launch", "--runs-dir", str(tmp_path / "runs"), "--yes", *args], env=base_env)


def assert_one_error(result, text):
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    assert text in lines[0]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_references_folder(tmp_path):
    result = draft(tmp_path, "--refs", str(tmp_path / "nope"))
    assert_one_error(result, f"references folder {tmp_path / 'nope'} does not exist")


def test_empty_references_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    result = draft(tmp_path, "--refs", str(tmp_path / "empty"))
    assert_one_error(result, "has no .md, .txt or .html files")


def test_binary_reference_file(tmp_path):
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = draft(tmp_path, "--refs", str(refs))
    assert_one_error(result, "is binary, not text")


def test_unreadable_reference_file(tmp_path):
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "latin1.md").write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    result = draft(tmp_path, "--refs", str(refs))
    assert_one_error(result, "is not UTF-8 text")


def test_unknown_provider(tmp_path):
    result = draft(tmp_path, "--provider", "gemini")
    assert_one_error(result, "Invalid value for '--provider': Value error, 'gemini' is not one of 'anthropic', 'openai', 'local'.")


@pytest.mark.parametrize(
    "provider,key", [("anthropic", "ANTHROPIC_API_KEY"), ("openai", "OPENAI_API_KEY")]
)
def test_provider_without_key(tmp_path, provider, key):
    result = draft(tmp_path, "--provider", provider)
    assert_one_error(result, f"{key} is not set")
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())


def test_topic_without_reference_folder(tmp_path):
    result = runner.invoke(app, ["draft", "--topic", "Apollo 11", "--runs-dir", str(tmp_path), "--yes"])
    assert_one_error(result, "no folder under")
    assert "chatgpt-launch" in result.output


def test_bad_run_id(tmp_path):
    result = draft(tmp_path, "--run-id", "../escape")
    assert_one_error(result, "run id '../escape' is not valid")
