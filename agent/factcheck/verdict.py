"""Model verdicts: one typed call judges several claims, each with its top evidence spans.

The system prompt and the instructions at the head of the user prompt never change between calls,
so llama.cpp reuses their cached prefix and only the claims and evidence are new tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from agent.llm import LLM
from agent.prompts import render_pair

BATCH = 5
EVIDENCE_SPANS = 2
EVIDENCE_WORDS = 60


class Judgement(BaseModel):
    index: int = Field(description="The number of the claim, as given")
    verdict: Literal["supported", "unsupported", "contradicted"] = Field(
        description="supported: the evidence says this; contradicted: the evidence says something else; "
        "unsupported: the evidence does not say this"
    )


class Judgements(BaseModel):
    verdicts: list[Judgement] = Field(description="One verdict per claim, in the order given")


@dataclass
class Item:
    """One claim for the model, with evidence quotes (id, text)."""

    claim: str
    evidence: list[tuple[str, str]]


def _short(text: str, words: int = EVIDENCE_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def judge(items: list[Item], llm: LLM, batch: int = BATCH) -> list[str]:
    """Return a verdict per item, asking the model about `batch` items per call."""
    verdicts: list[str] = []
    for start in range(0, len(items), batch):
        chunk = items[start: start + batch]
        shown = [
            {"index": i, "claim": item.claim,
             "evidence": [{"id": pid, "text": _short(text)} for pid, text in item.evidence[:EVIDENCE_SPANS]]}
            for i, item in enumerate(chunk, start=1)
        ]
        system, user = render_pair("fact_check", items=shown)
        reply = llm.typed(system, user, Judgements, max_tokens=24 + 22 * len(chunk), temperature=0.0)
        by_index = {j.index: j.verdict for j in reply.verdicts}
        # A verdict the model skipped counts as unsupported: the check must not pass what it did not judge.
        verdicts += [by_index.get(i, "unsupported") for i in range(1, len(chunk) + 1)]
    return verdicts
