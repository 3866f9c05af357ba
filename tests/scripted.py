"""A scripted model for graph tests: answers each node's call from the prompt it was given."""

from __future__ import annotations

import re

from agent.llm import LLM
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
    "characters": [{"name": "The Researcher", "description": "a woman in a green cardigan with round glasses"}],
    "places": [],
}


def passages_in(prompt: str) -> list[tuple[str, str]]:
    return re.findall(r'<passage id="([^"]+)"[^>]*>\n(.*?)\n</passage>', prompt, flags=re.S)


def respond(call: dict):
    """Return a plausible reply for the node that made the call."""
    user, system = call["user"], call["system"]
    schema = call["schema"].__name__ if call["schema"] else None
    if schema == "Outline":
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
    if schema == "StyleSheet":
        return STYLE
    if schema == "Scene":
        title = re.search(r"Chapter \d+: (.+)", user).group(1)
        return {"scene": f"The Researcher at a desk during {title}, screens glowing in the background", "characters": ["The Researcher"]}
    if schema == "Judgements":
        count = len(re.findall(r"^Claim \d+:", user, flags=re.M))
        return {"verdicts": [{"index": i + 1, "verdict": "supported"} for i in range(count)]}
    if "writer of an illustrated" in system:
        pid, text = passages_in(user)[0]
        first = re.split(r"(?<=[.!?])\s+", text.strip())[0]
        return f"{first.rstrip('.')} [{pid}]. The team met 4,321 investors in Atlantis [{pid}]."
    if "correct one sentence" in system:
        return ""
    if "art director" in system:
        return user.split("Prompt:\n", 1)[1]
    raise AssertionError(f"unscripted call: {system[:80]}")


def scripted_factory(provider: FakeProvider | None = None, log=None):
    """Return an llm_factory that answers every role from the same scripted provider."""
    provider = provider or FakeProvider(respond=respond)

    def factory(role: str) -> LLM:
        return LLM(provider, role, log=log)

    factory.provider = provider
    return factory
