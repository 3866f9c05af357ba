"""Model verdicts: does the evidence text say the statement? One typed call judges one or more claims.

The system prompt and the instruction line at the head of the user prompt never change between
calls, so llama.cpp reuses their cached prefix and only the texts and statements are new tokens.

How many claims go in one call is measured, not assumed: on the dev split the embedded 0.5B model
answers single claims far better than batches (it loses track of which answer belongs to which
claim), so the local provider judges one claim per call; API models take BATCH claims per call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from agent.llm import LLM
from agent.prompts import render_pair

BATCH = 5
BATCH_BY_PROVIDER = {"local": 1}
EVIDENCE_WORDS = 50


class Answers(BaseModel):
    answers: list[Literal["yes", "no"]] = Field(
        description="For each statement, in order: yes if its text says the statement is true, no if not"
    )


@dataclass
class Item:
    """One claim for the model, with its best evidence span."""

    claim: str
    evidence: str


def batch_size(llm: LLM) -> int:
    """Return how many claims one call should judge for this model."""
    return BATCH_BY_PROVIDER.get(llm.provider.name, BATCH)


def _short(text: str, words: int = EVIDENCE_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def judge(items: list[Item], llm: LLM, batch: int | None = None) -> list[bool]:
    """Return, per item, whether the model says its evidence supports the claim."""
    batch = batch or batch_size(llm)
    verdicts: list[bool] = []
    for start in range(0, len(items), batch):
        chunk = items[start: start + batch]
        shown = [{"index": i, "claim": item.claim, "evidence": _short(item.evidence)} for i, item in enumerate(chunk, 1)]
        system, user = render_pair("fact_check", items=shown)
        reply = llm.typed(system, user, Answers, max_tokens=8 + 6 * len(chunk), temperature=0.0)
        # A claim the model left without an answer counts as not supported: the check never passes what it did not judge.
        answers = reply.answers[: len(chunk)] + ["no"] * (len(chunk) - len(reply.answers))
        verdicts += [a == "yes" for a in answers]
    return verdicts
