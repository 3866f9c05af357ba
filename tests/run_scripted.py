"""Run the storyagent CLI with the scripted model, for tests that need a real separate process.

STORYAGENT_TEST_BLOCK=TEXT makes the model hang on any call whose prompt contains TEXT, after
touching STORYAGENT_TEST_BLOCKED, so a test can kill the process at a known point.
STORYAGENT_TEST_KILL_AT_CALL=N makes the process SIGKILL itself when its Nth model call starts (the call
never answers), and STORYAGENT_TEST_KILL_AT_STEP=NAME when a node reports step NAME for the Nth time
(STORYAGENT_TEST_KILL_NTH, default 1): a crash at an exact point, with no timing involved.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import agent.graph.context  # noqa: E402
from tests.fakes import FakeProvider  # noqa: E402
from tests.scripted import respond, scripted_factory  # noqa: E402


CALLS = {"made": 0}
STEPS: dict[str, int] = {}


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def blocking_respond(call: dict):
    CALLS["made"] += 1
    if str(CALLS["made"]) == os.environ.get("STORYAGENT_TEST_KILL_AT_CALL"):
        die()
    block = os.environ.get("STORYAGENT_TEST_BLOCK")
    if block and block in call["user"]:
        Path(os.environ["STORYAGENT_TEST_BLOCKED"]).touch()
        time.sleep(600)
    return respond(call)


def factory(settings, run):
    return scripted_factory(FakeProvider(respond=blocking_respond), log=run.log_call)


agent.graph.context.default_llm_factory = factory
_event = agent.graph.context.Context.event


def killing_event(self, **data):
    step = data.get("step")
    if step and step == os.environ.get("STORYAGENT_TEST_KILL_AT_STEP") and "detail" not in data:
        STEPS[step] = STEPS.get(step, 0) + 1
        if STEPS[step] == int(os.environ.get("STORYAGENT_TEST_KILL_NTH", "1")):
            die()
    return _event(self, **data)


agent.graph.context.Context.event = killing_event

from agent.cli.app import main  # noqa: E402

main()
