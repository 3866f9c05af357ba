"""Test-only: with STORYAGENT_TEST_SCRIPTED=1, every storyagent process uses the scripted model.

Tests put this folder (and the repository root) on PYTHONPATH, so the real `storyagent` script runs
with the model replaced. STORYAGENT_TEST_PROMPTS=FILE appends each call's prompts to FILE as JSON lines.
Product code never sees this: without the variable nothing happens.
"""

import json
import os

if os.environ.get("STORYAGENT_TEST_SCRIPTED") == "1":
    import agent.graph.context
    from tests.fakes import FakeProvider
    from tests.scripted import respond, scripted_factory

    def _recording(call):
        path = os.environ.get("STORYAGENT_TEST_PROMPTS")
        if path:
            schema = call["schema"].__name__ if call["schema"] else None
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"schema": schema, "system": call["system"], "user": call["user"]}) + "\n")
        return respond(call)

    agent.graph.context.default_llm_factory = lambda settings, run: scripted_factory(FakeProvider(respond=_recording), run.log_call, run.call_started)
