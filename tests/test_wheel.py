"""The built wheel, installed into a fresh venv from PyPI, runs: --version, and a draft that needs its packaged data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent


def clean_env() -> dict:
    """The environment without this checkout on PYTHONPATH (the installed wheel must stand alone)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("STORYAGENT_", "PYTHON", "VIRTUAL_ENV"))}


def run(command, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("env", clean_env())
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the sources, install it (no `local` extra) into a fresh venv; return its bin."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    # A copy, so the build leaves nothing in the checkout and sees only what git would hand a user.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "runs", "build", "dist", "*.egg-info", "__pycache__", ".langgraph_api", ".pytest_cache"))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", source])
    wheel = next((tmp / "dist").glob("storyagent-*.whl"))
    venv.create(tmp / "venv", with_pip=True)
    bin_dir = tmp / "venv" / "bin"
    run([bin_dir / "python", "-m", "pip", "install", "-q", "-c", ROOT / "constraints.txt", wheel], timeout=600)
    return bin_dir


def scripted_env(tmp: Path) -> dict:
    """An environment whose storyagent uses the scripted test model, with nothing of the checkout's agent/ on the path."""
    shim = tmp / "shim"
    (shim / "tests").mkdir(parents=True, exist_ok=True)
    for name in ("__init__.py", "fakes.py", "scripted.py"):
        shutil.copy(TESTS / name, shim / "tests" / name)
    (shim / "site").mkdir(exist_ok=True)
    shutil.copy(TESTS / "fake_env" / "sitecustomize.py", shim / "site" / "sitecustomize.py")
    return {**clean_env(), "PYTHONPATH": os.pathsep.join([str(shim / "site"), str(shim)]), "STORYAGENT_TEST_SCRIPTED": "1",
            "ANTHROPIC_API_KEY": "", "OPENAI_API_KEY": "", "COLUMNS": "200"}


def test_the_wheel_prints_its_version(installed, tmp_path):
    done = run([installed / "storyagent", "--version"], cwd=tmp_path)
    assert done.stdout.strip() == "storyagent 0.1.0"


def test_the_installed_package_drafts_with_its_packaged_templates_and_references(installed, tmp_path):
    env = scripted_env(tmp_path)
    probe = subprocess.run([installed / "python", "-c", "import agent; print(agent.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert str(installed.parent) in probe.stdout, probe.stdout + probe.stderr
    # No --refs: the topic finds the references that ship inside the wheel; the prompts render from it too.
    done = run([installed / "storyagent", "draft", "--topic", "ChatGPT launch", "--chapters", "1", "--yes",
                "--provider", "local", "--runs-dir", tmp_path / "runs", "--run-id", "w1", "--json"],
               env=env, cwd=tmp_path)
    assert done.stdout.strip().splitlines()[-1] == '{"run_id": "w1", "status": "done", "step": null}'
    story = (tmp_path / "runs" / "w1" / "story.md").read_text()
    assert "## Chapter 1: Part 1" in story and "\n## References\n" in story
    config = (tmp_path / "runs" / "w1" / "config.json").read_text()
    assert "_data/references/chatgpt-launch" in config


def test_without_llama_cpp_the_local_provider_says_how_to_install_it(installed, tmp_path):
    env = clean_env()
    env.update({"ANTHROPIC_API_KEY": "", "OPENAI_API_KEY": "", "COLUMNS": "400"})
    done = subprocess.run([installed / "storyagent", "draft", "--topic", "ChatGPT launch", "--yes",
                           "--runs-dir", tmp_path / "runs"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: llama-cpp-python is not installed; the local provider needs it: "
        'CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" '
        "pip install --no-cache-dir 'storyagent[local]' (or run scripts/install.sh), "
        "or choose --provider anthropic or --provider openai"
    ]
    assert not (tmp_path / "runs").exists()  # refused before any run folder was made
