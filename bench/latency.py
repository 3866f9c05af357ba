"""A scripted provider that answers like an API model would, after a simulated API latency.

It lives here, not in the product: it writes from the passages in each prompt, so the real graph
(outline, write, fact-check, revise, image prompts, style check) runs on its replies. The latency of
each call is drawn from a generator seeded by the request, 0.5-2 s, so two runs of the same draft wait
the same time per call whatever the concurrency. Token counts use the product's estimate.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
import time
from dataclasses import dataclass, field

from pydantic import BaseModel

from agent.llm.base import Reply
from agent.storage.folder import CALL_SCOPE
from agent.story.retrieval import count_tokens

MIN_SECONDS, MAX_SECONDS = 0.5, 2.0
# Words the references do not use: a sentence with them is partly the writer's own, so the fact-check's
# word-overlap rules cannot decide it alone and ask the model, as they would for a real writer's prose.
FLOURISH = ", a turn that startled everyone watching"
QUOTES = set('"“”')
STYLE = {
    "medium": "colorful digital graphic-novel drawing",
    "palette": [{"name": "deep teal", "hex": "#0f766e"}, {"name": "sunrise orange", "hex": "#f97316"},
                {"name": "warm cream", "hex": "#fff8f0"}],
    "lighting": "bright morning light",
    "framing": "wide-landscape, eye-level",
    "mood": "optimistic",
    "required_phrases": ["graphic-novel panel"],
    "banned_styles": ["photorealistic"],
    "characters": [], "places": [],
}


def passages_in(prompt: str) -> list[tuple[str, str]]:
    return re.findall(r'<passage id="([^"]+)"[^>]*>\n(.*?)\n</passage>', prompt, flags=re.S)


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if len(s.split()) >= 6]


def reworded(sentence: str) -> str:
    return sentence.rstrip(".!?") + FLOURISH


@dataclass
class LatencyProvider:
    """Replies from the prompt's own passages after a seeded 0.5-2 s wait; records every call."""

    name: str = "bench"
    model: str = "simulated-api"
    scale: float = 1.0
    calls: list[dict] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        return self._answer(system, user, None)

    def complete_typed(self, system: str, user: str, schema: type[BaseModel], *, max_tokens: int, temperature: float) -> Reply:
        return self._answer(system, user, schema)

    def _answer(self, system: str, user: str, schema) -> Reply:
        seed = hashlib.sha256(f"{system}\x00{user}".encode()).digest()
        seconds = random.Random(seed).uniform(MIN_SECONDS, MAX_SECONDS) * self.scale
        time.sleep(seconds)
        value = respond(system, user, schema)
        text = value if isinstance(value, str) else json.dumps(value)
        head, _, _ = user.partition("</sources>")
        shared = count_tokens(head + "</sources>") if "<sources>" in head else 0
        with self._lock:
            self.calls.append({**CALL_SCOPE.get(), "seconds": seconds, "input_tokens": count_tokens(system + user),
                               "sources_tokens": shared})
        return Reply(text, count_tokens(system) + count_tokens(user), count_tokens(text))


def respond(system: str, user: str, schema):
    """Return a plausible reply for the node that made the call."""
    name = schema.__name__ if schema is not None else None
    found = passages_in(user)
    if name == "Outline":
        count = int(re.search(r"exactly (\d+) chapters", user).group(1))
        chapters = []
        for n in range(1, count + 1):
            pid, text = found[(n - 1) % len(found)]
            first = (sentences_of(text) or [text])[0]
            chapters.append({"number": n, "title": " ".join(first.split()[:4]).strip(",.;:"), "beats": [first[:200]],
                             "passage_ids": [pid]})
        return {"title": "A Story From Its Sources", "logline": "What the sources tell, in order.", "chapters": chapters}
    if name == "StyleSheet":
        return STYLE
    if name == "Answers":
        count = len(re.findall(r"^Statement( \d+)?:", user, flags=re.M))
        return {"answers": ["yes"] * count}
    if name == "Fixes":
        # The flagged sentence becomes a reworded sentence of a passage (no quote in it), cited to that passage.
        picks = [(pid, s) for pid, text in found for s in sentences_of(text)[1:] if len(s.split()) >= 10 and not QUOTES & set(s)]
        pid, sentence = picks[0] if picks else (found[0][0], found[0][1])
        return {"fixes": [{"index": 1, "text": reworded(sentence) + ".", "citations": [pid]}]}
    if name == "Scene":
        title = re.search(r"Chapter \d+: (.+)", user)
        return {"scene": f"people at work during {title.group(1) if title else 'the story'}, screens glowing behind them",
                "characters": [], "chart": None} if "chart" in schema.model_fields else \
            {"scene": f"people at work during {title.group(1) if title else 'the story'}", "characters": []}
    if schema is not None:
        raise ValueError(f"the bench provider has no script for {name}")
    if "writer of an illustrated" in system:
        return chapter(found)
    if "art director" in system:
        return user.split("Prompt:\n", 1)[-1]
    raise ValueError(f"the bench provider has no script for: {system[:80]}")


def chapter(found: list[tuple[str, str]]) -> str:
    """Two sentences from each passage (every other one reworded), and one invented sentence for the fact-check."""
    lines = []
    for i, (pid, text) in enumerate(found[:4]):
        for j, sentence in enumerate(sentences_of(text)[:2]):
            said = reworded(sentence) if (i + j) % 2 else sentence.rstrip(".!?")
            lines.append(f"{said} [{pid}].")
    pid = found[0][0] if found else "source.p1"
    lines.insert(1, f"The team met 4,321 investors in Atlantis [{pid}].")
    return " ".join(lines)
