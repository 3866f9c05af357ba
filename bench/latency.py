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
LENGTH = 190  # words: within what the writer's length check allows for the default 150 (0.6-1.4 times)
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


META = re.compile(r"(?i:\b(?:the|this|these|those|that) (?:passages?|excerpts?|articles?|notes|text|sources?|chapter)\b)"
                  r"|\b(?:I|[Ww]e|[Oo]ur|us|[Mm]y|[Mm]e)\b|[\"“”]")


def sentences_of(text: str) -> list[str]:
    """Return the plain statements of a passage (or of the writer's notes): no list dashes, quotes or talk about sources."""
    lines = [line.strip().removeprefix("- ").removesuffix(" ...") for line in text.splitlines()]
    found = [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(" ".join(lines).split()))]
    return [s for s in found if len(s.split()) >= 6 and s[-1:] in ".!?" and not META.search(s)]


def own_words(sentence: str) -> str:
    """Break every run of four copied words with a 'then': a writer retelling the notes does not copy them."""
    words = sentence.rstrip(".!?").split()
    return " ".join(w + (" then" if i % 4 == 3 and i < len(words) - 1 else "") for i, w in enumerate(words))


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
            chapters.append({"number": n, "title": f"Part {n}: " + " ".join(first.split()[:3]).strip(",.;:"),
                             "beats": [first[:200]], "passage_ids": [pid], "opening": first[:120]})
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
        return scene(user) | ({"chart": None} if "chart" in schema.model_fields else {})
    if name == "Decomposition":  # each sentence is one fact, as an API model says of simple sentences
        items = re.findall(r"^Sentence (\d+): (.+)$", user, flags=re.M)
        return {"sentences": [{"index": int(i), "facts": [s.strip()]} for i, s in items]}
    if schema is not None:
        raise ValueError(f"the bench provider has no script for {name}")
    if "writer of an illustrated" in system:
        return chapter(found)
    if "art director" in system:
        return user.split("Prompt:\n", 1)[-1]
    raise ValueError(f"the bench provider has no script for: {system[:80]}")


def chapter(found: list[tuple[str, str]]) -> str:
    """About 190 words retold from the notes, each sentence with words of the writer's own (so the fact-check's
    word-overlap rules leave it to the model), and one invented sentence for the fact-check to flag."""
    lines: list[str] = []
    for sentence in (s for _, text in found for s in sentences_of(text)):
        line = own_words(sentence) + FLOURISH + "."
        if sum(len(kept.split()) for kept in lines) + len(line.split()) > LENGTH:
            break
        lines.append(line)
    lines.insert(1, "The team met 4,321 investors in Atlantis.")
    half = len(lines) // 2
    return " ".join(lines[:half]) + "\n\n" + " ".join(lines[half:])


SETTINGS = ["a crowded open-plan office at night", "a rain-streaked city street in winter", "a quiet server hall at dawn",
            "a lecture theatre packed with students", "a glass meeting room above the bay", "a kitchen table strewn with laptops",
            "a conference stage under hot lights", "a newsroom with a wall of screens", "a train carriage at rush hour",
            "a park bench beside a fountain"]
THINGS = ["coffee cups and scribbled notes", "a bank of glowing monitors", "a whiteboard dense with arrows",
          "a stack of printed reports", "phones lighting up one after another", "a tangle of cables and chargers",
          "an empty chair and a blinking cursor", "a map pinned with coloured flags", "a clock showing midnight",
          "umbrellas dripping by the door"]


def scene(user: str) -> dict:
    """A scene from the chapter's own text, in one of ten settings, so no two chapters share a picture."""
    number = int((re.search(r"^Chapter (\d+): ", user, flags=re.M) or re.search(r"(\d+)", "1")).group(1))
    text = re.search(r"<chapter>\n(.*?)\n</chapter>", user, flags=re.S)
    words = [w.strip(".,;:") for w in (text.group(1) if text else "").split() if len(w) > 3 and w.lower() != "then"]
    again = user.count("was rejected")  # a re-ask gets another moment and setting
    start = (3 * number + 7 * again) % max(len(words) - 12, 1)
    words = words[start: start + 12]
    pick = lambda items, k=0: items[(number + k + 3 * again) % len(items)]  # noqa: E731
    return {"moment": "the moment " + " ".join(words[:8]).lower(), "setting": pick(SETTINGS),
            "people": [{"who": "two engineers", "action": "lean over " + pick(THINGS, 3)}],
            "foreground": pick(THINGS), "background": pick(THINGS, 5),
            "metaphor": f"A single lamp lights {' '.join(words[8:12]).lower() or 'the room'} like a stage."}


@dataclass
class ScoringLatencyProvider(LatencyProvider):
    """A LatencyProvider that also rates given replies token by token, as the embedded model does.

    With it the fact-check reads every claim with the model (agent.llm.base.Scorer), not only the ones
    its rules leave open: the case where re-reading unchanged claims after a revise cost the most.
    """

    def continuation_scores(self, system: str, pairs: list[tuple[str, str]]):
        from agent.llm.base import TokenScore

        seed = hashlib.sha256(json.dumps([system, pairs]).encode()).digest()
        seconds = random.Random(seed).uniform(MIN_SECONDS, MAX_SECONDS) * self.scale
        time.sleep(seconds)
        rows = [[TokenScore(w, -0.5, w, -0.5) for w in re.findall(r"\s*\S+", claim)] for _, claim in pairs]
        tokens = count_tokens(system) + sum(count_tokens(user) + count_tokens(claim) for user, claim in pairs)
        with self._lock:
            self.calls.append({**CALL_SCOPE.get(), "seconds": seconds, "input_tokens": tokens, "sources_tokens": 0})
        return rows, Reply("", tokens, 0)
