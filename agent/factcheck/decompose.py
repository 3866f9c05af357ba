"""Atomic facts from an API model: one typed call per batch of sentences (the embedded model uses the rules).

The model writes the facts; the check still judges each one against the references, and a sentence the
model leaves out, or answers with nothing, keeps the facts the rules found.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from agent.errors import ModelOutputError
from agent.factcheck.claims import Unit
from agent.llm.base import LLM
from agent.prompts import render_pair

BATCH = 8
MAX_FACTS = 8


class SentenceFacts(BaseModel):
    index: int = Field(description="The number of the sentence, as given")
    facts: list[str] = Field(
        description="The sentence's atomic facts: each a short sentence that stands alone, states one thing, "
                    "names people instead of using pronouns and keeps the sentence's own words")


class Decomposition(BaseModel):
    sentences: list[SentenceFacts] = Field(description="One entry per sentence, in order")


def decompose_typed(sentences: list[str], fallback: list[list[str]], llm: LLM, batch: int = BATCH) -> list[list[str]]:
    """Return each sentence's atomic facts as the model splits them; fallback[i] where it gives none."""
    found = [list(f) for f in fallback]
    for start in range(0, len(sentences), batch):
        chunk = sentences[start: start + batch]
        system, user = render_pair("fact_check_atoms", items=[{"index": i, "sentence": s} for i, s in enumerate(chunk, 1)])
        try:
            reply = llm.typed(system, user, Decomposition, max_tokens=120 * len(chunk), temperature=0.0)
        except ModelOutputError:
            continue  # the rules' split stands for this batch
        for entry in reply.sentences:
            facts = [f.strip() for f in entry.facts if len(f.split()) >= 2][:MAX_FACTS]
            if 1 <= entry.index <= len(chunk) and facts:
                found[start + entry.index - 1] = facts
    return found


def split_atoms(units: list[Unit], llm: LLM | None) -> None:
    """Let an API model split the sentences into atomic facts; the rules' split stays for the embedded model."""
    todo = [u for u in units if not u.dramatized]
    if llm is None or llm.can_score or not todo:
        return
    for unit, facts in zip(todo, decompose_typed([u.text for u in todo], [u.claims for u in todo], llm)):
        unit.claims = facts
