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


# Scene-setting sentences a writer adds around the facts: no name, number or quote, so they are dramatized.
SCENE_LINES = [
    "The morning began quietly, with coffee cooling on the desks and the windows still grey.",
    "A kettle hissed in the corner, and somebody reached over to switch it off.",
    "It was the kind of day that seemed ordinary until it suddenly was not.",
    "The chairs scraped across the floor as the small crowd leaned closer to watch.",
    "It felt as if the whole room were holding its breath.",
    "A cold draft slipped under the door and rattled the loose papers.",
    "The light outside shifted from grey to gold as the afternoon wore on.",
    "A half-eaten sandwich sat forgotten beside a humming keyboard.",
    "By evening the streets below were wet and shining under the lamps.",
    "The radiator ticked and groaned against the chill of the early hour.",
    "As the clock crept forward, the coffee in the paper cups went cold.",
]
# How the scripted writer says a note in its own words without adding a word the note lacks (which the
# fact-check would rightly doubt): small words swapped for other small words, fillers left out ("").
REWORDS = {
    "the": "this", "a": "", "an": "", "is": "was", "are": "were", "was": "had been", "were": "had been",
    "has": "had", "have": "had", "will": "would", "can": "could", "when": "as", "because": "as", "during": "in",
    "within": "in", "upon": "on", "which": "that", "very": "", "also": "", "just": "", "still": "", "then": "",
    "even": "", "really": "", "finally": "", "quickly": "", "already": "", "and": "and then", "but": "but then",
    "that": "", "who": "that",
}
INVENTED = "The team met 4,321 investors in Atlantis"  # a claim no source makes, for the fact-check to flag
FIRST_PERSON = re.compile(r"\b(?:I|we|my|our|us|me)\b")


def _reworded_words(words: list[str]) -> list[str] | None:
    """Change a word in every run of COPY_RUN words (see REWORDS), or return None where a run has none to change."""
    from agent.story.prose import COPY_RUN, words_of

    words, streak = list(words), []  # streak: positions of the words since the last change
    for i in range(len(words)):
        streak.append(i)
        if sum(len(words_of(words[j])) for j in streak) < COPY_RUN:
            continue
        at = next((j for j in reversed(streak) if words[j].strip(",;:").lower() in REWORDS), None)
        if at is None:
            return None
        bare = words[at].strip(",;:")
        new = REWORDS[bare.lower()]
        words[at] = words[at].replace(bare, new.capitalize() if bare[0].isupper() else new, 1)
        if not new and at == 0 and len(words) > 1:
            words[1] = words[1][0].upper() + words[1][1:]
        streak = [j for j in streak if j > at]
    return [w for w in words if w.strip(",;:")]


def reworded(note: str) -> str | None:
    """Return a note retold in sentences that pass the writer's checks against it, or None if it cannot be.

    It tries the note whole, then cut in two at a comma or semicolon (a run of words cannot cross the cut).
    """
    from agent.story.prose import problems

    words = note.rstrip(".").split()
    cuts = [[words]] + [[words[:i + 1], words[i + 1:]] for i, w in enumerate(words[:-1]) if w.endswith((",", ";"))]
    for pieces in cuts:
        told = [_reworded_words(piece) for piece in pieces]
        if any(not t for t in told):
            continue
        text = " ".join(" ".join(t).rstrip(",;") + "." for t in (t[:1] and [t[0][0].upper() + t[0][1:], *t[1:]] for t in told))
        if not problems(text, [note]):
            return text
    return None


def notes_of(user: str, start: int) -> list[tuple[str, str]]:
    """Return the prompt's notes as (passage id, note), from the passage at `start` on, that retell well."""
    found = passages_in(user)
    found = found[start:] + found[:start]
    notes = [(pid, line.removeprefix("- ").strip()) for pid, text in found for line in text.splitlines()]
    return [(pid, note) for pid, note in notes
            if note.endswith(".") and not FIRST_PERSON.search(note) and not re.search(r"[\"“”\[\]]", note)]


def writer_reply(user: str) -> str:
    """Write a scene in prose: scene-setting, two notes retold in other words with their ids, one invented claim.

    It is sized to the prompt's "about N words", copies no run of words from the notes, and passes the
    writer's checks on a first try. With reviewer notes in the prompt it draws on another passage and
    sets the scene differently, so a re-run visibly changes the chapter.
    """
    target = int(re.search(r"(?:about )?(\d+) words", user).group(1))
    revised = NOTES_MARK in user
    facts: list[tuple[str, str]] = []
    for pid, note in notes_of(user, 1 if revised and len(passages_in(user)) > 1 else 0):
        told = reworded(note)
        if told and len(facts) < 2:
            facts.append((pid, told))
    cited = [f"{told[:-1]} [{pid}]." for pid, told in facts]
    middle = " ".join([*cited, f"{INVENTED} [{facts[0][0]}]." if facts else f"{INVENTED}."])
    count = len(middle.split())
    scenes = SCENE_LINES[3:] + SCENE_LINES[:3] if revised else SCENE_LINES
    opening, closing = [], []
    for i, line in enumerate(scenes):
        if count >= target:
            break
        (opening if i % 2 == 0 else closing).append(line)
        count += len(line.split())
    return "\n\n".join(p for p in (" ".join(opening), middle, " ".join(closing)) if p)


def chapter_draft_reply(user: str) -> dict:
    pid, text = passages_in(user)[0]
    return {"paragraphs": [{"sentences": [{"text": first_sentence(text) + ".", "citations": [pid]}]}]}


SCENES = [
    ("a quiet morning before the first demo", "a sunlit university lab on a spring morning", "sketches diagrams on a whiteboard",
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
    if name == "ChapterTitles":
        count = len(re.findall(r"^Chapter \d+:", user, flags=re.M))
        return {"titles": [f"Scripted Headline {n}" for n in range(1, count + 1)]}
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


def scripted_factory(provider: FakeProvider | None = None, log=None, track=None):
    """Return an llm_factory that answers every role from the same scripted provider."""
    provider = provider or FakeProvider(respond=respond)

    def factory(role: str) -> LLM:
        return LLM(provider, role, log=log, track=track)

    factory.provider = provider
    return factory


def use_scripted(monkeypatch, provider: FakeProvider | None = None) -> FakeProvider:
    """Make every run in this test use the scripted model (logging to the run's calls.jsonl); return it."""
    import agent.graph.context

    provider = provider or FakeProvider(respond=respond)
    monkeypatch.setattr(agent.graph.context, "default_llm_factory", lambda settings, run: scripted_factory(provider, run.log_call, run.call_started))
    return provider
