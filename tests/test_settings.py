"""agent/settings.py and `storyagent config`: flag, then STORYAGENT_*, then storyagent.toml, then default."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from agent.cli.app import app
from agent.errors import InputError
from agent.graph.context import Context
from agent.settings import build_settings, layered_options, redact, resolve_ref_dirs

runner = CliRunner()


def write_config(folder, text):
    (folder / "storyagent.toml").write_text(text)


def test_flag_beats_env_beats_file_beats_default(tmp_path):
    write_config(tmp_path, 'provider = "openai"\nmodel = "file-model"\nchapters = 4\nruns_dir = "file-runs"\n')
    env = {"STORYAGENT_MODEL": "env-model", "STORYAGENT_CHAPTERS": "5"}
    options = layered_options({"chapters": 6}, env=env, cwd=tmp_path)
    where = str(tmp_path / "storyagent.toml")
    assert options["chapters"] == (6, "flag")
    assert options["model"] == ("env-model", "env STORYAGENT_MODEL")
    assert options["provider"] == ("openai", where) and options["runs_dir"] == ("file-runs", where)
    assert options["checkpointer"] == ("sqlite", "default")
    assert options["approve"] == (["outline", "chapters", "images"], "default")


def test_environment_values_are_parsed(tmp_path):
    env = {"STORYAGENT_APPROVE": "outline, images", "STORYAGENT_ROLE_MODELS": "writer=qwen2.5-coder-1.5b,planner=x",
           "STORYAGENT_MAX_REVISIONS": "1"}
    options = layered_options({}, env=env, cwd=tmp_path)
    assert options["approve"][0] == ["outline", "images"]
    assert options["role_models"][0] == {"writer": "qwen2.5-coder-1.5b", "planner": "x"}
    assert options["max_revisions"][0] == 1
    with pytest.raises(InputError, match="^STORYAGENT_CHAPTERS must be a whole number, got 'many'$"):
        layered_options({}, env={"STORYAGENT_CHAPTERS": "many"}, cwd=tmp_path)


def test_a_bad_config_file_is_one_clear_error(tmp_path):
    write_config(tmp_path, 'provder = "openai"\n')
    with pytest.raises(InputError, match=r"storyagent.toml: unknown option 'provder'; options are: provider, "):
        layered_options({}, env={}, cwd=tmp_path)
    write_config(tmp_path, 'provider = \n')
    with pytest.raises(InputError, match=r"^cannot read .*storyagent.toml: "):
        layered_options({}, env={}, cwd=tmp_path)


def test_passwords_in_urls_are_redacted():
    assert redact("postgresql://story:s3cret@db:5432/story") == "postgresql://story:***@db:5432/story"
    assert redact("postgresql://story@db/story") == "postgresql://story@db/story"
    assert redact(3) == 3


def test_checkpointer_must_be_sqlite_or_a_postgres_url(tmp_path):
    refs = [str(tmp_path)]
    assert build_settings(topic="t", refs=refs, provider="local", checkpointer="postgresql://u@h/db").checkpointer \
        == "postgresql://u@h/db"
    with pytest.raises(InputError) as info:
        build_settings(topic="t", refs=refs, provider="local", checkpointer="mysql://u:pw@h/db")
    assert str(info.value) == ("--checkpointer must be 'sqlite' or a postgresql://USER@HOST:PORT/DB URL, "
                               "got 'mysql://u:***@h/db'")


def test_the_topic_finds_its_folder_under_references():
    assert resolve_ref_dirs("The ChatGPT launch", None)[0].endswith("references/chatgpt-launch")


def test_config_command_shows_values_and_sources_without_secrets(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, 'chapters = 4\ncheckpointer = "postgresql://story:s3cret@db/story"\n')
    env = {"STORYAGENT_PROVIDER": "openai", "OPENAI_API_KEY": "sk-test-secret", "ANTHROPIC_API_KEY": ""}
    result = runner.invoke(app, ["config", "--json"], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["settings"]["provider"] == {"value": "openai", "source": "env STORYAGENT_PROVIDER"}
    assert data["settings"]["chapters"] == {"value": 4, "source": str(tmp_path / "storyagent.toml")}
    assert data["settings"]["checkpointer"]["value"] == "postgresql://story:***@db/story"
    assert data["keys"] == {"ANTHROPIC_API_KEY": "not set", "OPENAI_API_KEY": "set"}
    table = runner.invoke(app, ["config"], env=env)
    assert "s3cret" not in table.output and "sk-test-secret" not in table.output and "env STORYAGENT_PROVIDER" in table.output


def test_a_server_context_fills_what_it_leaves_out_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STORYAGENT_RUNS_DIR", str(tmp_path / "runs"))
    monkeypatch.setenv("STORYAGENT_PROVIDER", "openai")
    context = Context(**{"settings": {"provider": "local", "run_id": "r1"}})
    assert (context.settings.provider, context.settings.runs_dir) == ("local", str(tmp_path / "runs"))
    assert context.run.path == tmp_path / "runs" / "r1" and context.run.path.is_dir()
    assert Context().settings.provider == "openai"


def test_version_flag():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("storyagent ")


def test_a_server_context_reads_storyagent_toml_only_on_first_use(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, f'runs_dir = "{tmp_path / "file-runs"}"\n')
    context = Context.for_run({"run_id": "r2"})
    assert context.settings.runs_dir == "runs"  # built on the server's event loop: no file read yet
    assert context.run.path == tmp_path / "file-runs" / "r2"
    assert context.settings.runs_dir == str(tmp_path / "file-runs")
