"""Run the storyagent CLI with the scripted model, for tests that need a real separate process.

STORYAGENT_TEST_BLOCK=TEXT makes the model hang on any call whose prompt contains TEXT, after
touching STORYAGENT_TEST_BLOCKED, so a test can kill the process at a known point.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import agent.graph.context  # noqa: E402
from tests.fakes import FakeProvider  # noqa: E402
from tests.scripted import respond, scripted_factory  # noqa: E402


def blocking_respond(call: dict):
    block = os.environ.get("STORYAGENT_TEST_BLOCK")
    if block and block in call["user"]:
        Path(os.environ["STORYAGENT_TEST_BLOCKED"]).touch()
        time.sleep(600)
    return respond(call)


def factory(settings, run):
    return scripted_factory(FakeProvider(respond=blocking_respond), log=run.log_call)


agent.graph.context.default_llm_factory = factory

from agent.cli.app import main  # noqa: E402

main()
