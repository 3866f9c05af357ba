"""A scripted model for graph tests: answers each node's call by schema name, from the prompt it was given.

Typed calls are answered by the schema's name (Outline, StyleSheet, ChapterDraft, Scene, Judgements,
Fixes); any other schema gets its smallest valid instance, so a new node fails on content, not JSON.
Plain-text calls are answered by the role the system prompt gives (writer, art director).
"""

from __future__ import annotations

import re
from typing import Literal, get_args, get_origin

from pydantic import BaseModel

from agent.llm.base import LLM
from tests.fakes import FakeProvider

STYLE = {
    "medium": "colorful digital drawing",
    "palette": [{"name": "deep teal", "hex": "#0f766e"}, {"name": "sunrise orange", "hex": "#f97316"},
                {"name": "warm cream", "hex": "#fff8f0"}],
    "lighting": "bright morning light",
    "framing": "wide-landscape, eye-level",
    "mood": "optimistic",
    "required_phrases": ["graphic-novel panel"],
    "banned_styles": ["photorealistic"],
    "characters": [{"name": "Sam Altman", "description": "a man in his late thirties in a plain grey sweater"},
                   {"name": "ChatGPT Launch", "description": "the art director of an illustrated story"}],
    "places": [],
}
NOTES_MARK = "Notes from the reviewer"


def passages_in(prompt: str) -> list[tuple[str, str]]:
    return re.findall(r'<passage id="([^"]+)"[^>]*>\n(.*?)\n</passage>', prompt, flags=re.S)


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip().removeprefix("- "))[0].rstrip(".")


def outline_reply(user: str) -> dict:
    count = int(re.search(r"exactly (\d+) chapters", user).group(1))
    ids = [pid for pid, _ in passages_in(user)]
    return {
        "title": "The Scripted Story",
        "logline": "A story told by a script.",
        "chapters": [
            {"number": n, "title": f"Part {n}", "beats": ["ChatGPT was launched"], "passage_ids": ids[n - 1:n]}
            for n in range(1, count + 1)
        ],
    }


def writer_reply(user: str) -> str:
    """Cite a passage's first sentence, plus one invented sentence for the fact-check to flag.

    With reviewer notes in the prompt the chapter draws on another passage, so a re-run visibly changes it.
    """
    found = passages_in(user)
    pid, text = found[1] if NOTES_MARK in user and len(found) > 1 else found[0]
    return f"{first_sentence(text)} [{pid}]. The team met 4,321 investors in Atlantis [{pid}]."


def chapter_draft_reply(user: str) -> dict:
    pid, text = passages_in(user)[0]
    return {"paragraphs": [{"sentences": [{"text": first_sentence(text) + ".", "citations": [pid]}]}]}


SCENES = [
    ("a quiet morning before the first demo", "a sunlit university lab in 2015", "sketches diagrams on a whiteboard",
     "a cluttered desk of notebooks", "bicycles parked under tall windows", "A paper boat sails across a sea of equations."),
    ("the evening the servers came online", "a humming data centre at dusk", "checks cables between tall racks",
     "coils of blue cable on the floor", "rows of blinking lights fading into darkness", "A lighthouse beam sweeps over the racks."),
    ("the first crowd of curious visitors", "a crowded city square on a rainy afternoon", "hands out leaflets under an umbrella",
     "puddles reflecting bright phone screens", "a tram passing old brick facades", "Seeds blow from the screens and take root in the cobbles."),
]


def scene_reply(number: int) -> dict:
    """A distinct, concrete scene for each chapter, featuring the recurring character."""
    moment, setting, action, foreground, background, metaphor = SCENES[(number - 1) % len(SCENES)]
    return {"moment": moment, "setting": setting,
            "people": [{"who": "Sam Altman", "action": action}, {"who": "a young engineer", "action": "watches closely"}],
            "foreground": foreground, "background": background, "metaphor": metaphor}


def respond(call: dict):
    """Return a plausible reply for the node that made the call."""
    user, system = call["user"], call["system"]
    schema = call["schema"]
    name = schema.__name__ if schema else None
    if name == "Outline":
        return outline_reply(user)
    if name == "StyleSheet":
        return STYLE
    if name == "ChapterDraft":
        return chapter_draft_reply(user)
    if name == "Scene":
        return scene_reply(int(re.search(r"^Chapter (\d+): ", user, flags=re.M).group(1)))
    if name == "Judgements":
        count = len(re.findall(r"^Claim \d+:", user, flags=re.M))
        return {"verdicts": [{"index": i + 1, "verdict": "supported"} for i in range(count)]}
    if name == "Fixes":
        return {"fixes": []}  # no fix: revise removes the flagged sentences
    if schema is not None:
        return minimal(schema)
    if "writer of an illustrated" in system:
        return writer_reply(user)
    if "art director" in system:
        return user.split("Prompt:\n", 1)[1]
    raise AssertionError(f"unscripted call: {system[:80]}")


def minimal(schema: type[BaseModel]) -> dict:
    """Return the smallest valid instance of a schema, as JSON data."""
    data = {}
    for key, field in schema.model_fields.items():
        if field.is_required():
            data[key] = _sample(field.annotation)
    return schema.model_validate(data).model_dump(mode="json")


def _sample(annotation):
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return minimal(annotation)
    if annotation is int:
        return 1
    if annotation is float:
        return 1.0
    if annotation is bool:
        return False
    if origin is list:
        return []
    if origin is dict:
        return {}
    if origin is Literal:
        return get_args(annotation)[0]
    return "x"


def scripted_factory(provider: FakeProvider | None = None, log=None):
    """Return an llm_factory that answers every role from the same scripted provider."""
    provider = provider or FakeProvider(respond=respond)

    def factory(role: str) -> LLM:
        return LLM(provider, role, log=log)

    factory.provider = provider
    return factory


def use_scripted(monkeypatch, provider: FakeProvider | None = None) -> FakeProvider:
    """Make every run in this test use the scripted model (logging to the run's calls.jsonl); return it."""
    import agent.graph.context

    provider = provider or FakeProvider(respond=respond)
    monkeypatch.setattr(agent.graph.context, "default_llm_factory", lambda settings, run: scripted_factory(provider, run.log_call))
    return provider
