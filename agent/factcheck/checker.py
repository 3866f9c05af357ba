"""Combine the checks: retrieve evidence, triage with the no-model checks, batch the unclear claims to the model.

Policy (explicit, measured by benchmarks/factcheck.py):
1. A quote found verbatim in no source, or a number or name missing from all of the claim's
   evidence, makes the claim unsupported: the sources cannot back it.
2. A claim whose content words are almost all in one evidence span (coverage >= SUPPORT_COVERAGE),
   with nothing missing, is supported.
3. Everything in between goes to the model in batches; without a model, coverage >= FALLBACK_COVERAGE
   decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from agent.chapters import split_sentences
from agent.factcheck.claims import Claim, extract_claims
from agent.factcheck.rules import coverage, missing_entities, missing_numbers, missing_quotes
from agent.prompts import render_pair
from agent.references import Library
from agent.state import ClaimCheck, Evidence

SUPPORT_COVERAGE = 0.85
FALLBACK_COVERAGE = 0.6
TOP_K = 3
BATCH = 5


@dataclass
class Finding:
    claim: Claim
    spans: list[tuple[str, str, str, float]] = field(default_factory=list)  # (source, passage_id, quote, coverage)
    verdict: str | None = None
    method: str = ""
    reason: str = ""


class Judgement(BaseModel):
    index: int = Field(description="The claim's number")
    verdict: Literal["supported", "unsupported", "contradicted"] = Field(
        description="supported: the evidence states it; contradicted: the evidence says otherwise; unsupported: the evidence does not say it"
    )


class Judgements(BaseModel):
    """Verdicts for a batch of claims."""

    verdicts: Annotated[list[Judgement], Field(max_length=BATCH, description="One verdict per claim, in order")]


def best_spans(claim: Claim, library: Library, k: int = TOP_K) -> list[tuple[str, str, str, float]]:
    """Return the best verbatim evidence span of each candidate passage, best first."""
    candidates = [library.get(pid) for pid in claim.cited if library.get(pid)]
    for passage, _ in library.search(claim.claim, k=k):
        if passage not in candidates:
            candidates.append(passage)
    spans = []
    for passage in candidates:
        sentences = split_sentences(passage.text)
        windows = sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:]) if f"{a} {b}" in passage.text]
        best = max(windows, key=lambda s: coverage(claim.claim, s), default="")
        if best:
            spans.append((passage.source_id, passage.id, best, coverage(claim.claim, best)))
    return sorted(spans, key=lambda s: -s[3])


def triage(finding: Finding, library: Library) -> None:
    """Decide what the no-model checks can decide; leave the rest for the model."""
    claim = finding.claim
    evidence = " ".join(library.get(pid).text for _, pid, _, _ in finding.spans)
    quotes = missing_quotes(claim.claim, [p.text for p in library.passages])
    if quotes:
        finding.verdict, finding.method, finding.reason = "unsupported", "quote", f"quote not in any source: {quotes[0]}"
        return
    nums = missing_numbers(claim.claim, evidence)
    if nums:
        shown = ", ".join(f"{n:g}" for n in sorted(nums))
        finding.verdict, finding.method, finding.reason = "unsupported", "numbers", f"not in the evidence: {shown}"
        return
    names = missing_entities(claim.claim, evidence)
    if names:
        finding.verdict, finding.method, finding.reason = "unsupported", "entities", f"not in the evidence: {', '.join(sorted(names))}"
        return
    if finding.spans and finding.spans[0][3] >= SUPPORT_COVERAGE:
        finding.verdict, finding.method = "supported", "overlap"


def judge(findings: list[Finding], llm) -> None:
    """Ask the model about the unclear claims, several per call, with a fixed prompt prefix."""
    for start in range(0, len(findings), BATCH):
        batch = findings[start:start + BATCH]
        items = [
            {"index": i + 1, "claim": f.claim.claim, "evidence": [{"id": pid, "text": quote} for _, pid, quote, _ in f.spans[:2]]}
            for i, f in enumerate(batch)
        ]
        system, user = render_pair("fact_check", items=items)
        result = llm.typed(system, user, Judgements, max_tokens=60 + 40 * len(batch), temperature=0.0)
        by_index = {j.index: j.verdict for j in result.verdicts}
        for i, finding in enumerate(batch):
            finding.verdict = by_index.get(i + 1, "unsupported")
            finding.method = "model"


def check_text(text: str, library: Library, llm=None) -> tuple[list[ClaimCheck], list[str]]:
    """Fact-check a chapter's text: every claim with a verdict and verbatim evidence; plus its dramatized sentences."""
    claims, dramatized = extract_claims(text)
    findings = [Finding(claim=c, spans=best_spans(c, library)) for c in claims]
    for finding in findings:
        triage(finding, library)
    unclear = [f for f in findings if f.verdict is None]
    if llm is not None and unclear:
        judge(unclear, llm)
    for finding in unclear:
        if finding.verdict is None:
            top = finding.spans[0][3] if finding.spans else 0.0
            finding.verdict = "supported" if top >= FALLBACK_COVERAGE else "unsupported"
            finding.method = "overlap"
    return [to_check(f, library) for f in findings], dramatized


def to_check(finding: Finding, library: Library) -> ClaimCheck:
    """Turn a finding into the report's ClaimCheck, with bad citations named."""
    unknown = [pid for pid in finding.claim.cited if library.get(pid) is None]
    reason = finding.reason
    if unknown:
        reason = (reason + "; " if reason else "") + f"cites passages not in the references: {', '.join(unknown)}"
    evidence = [Evidence(source=src, passage_id=pid, quote=quote) for src, pid, quote, _ in finding.spans[:2]]
    return ClaimCheck(
        sentence=finding.claim.sentence,
        claim=finding.claim.claim,
        verdict=finding.verdict,
        evidence=evidence,
        method=finding.method,
        reason=reason,
    )
