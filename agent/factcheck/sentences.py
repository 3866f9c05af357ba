"""A sentence's check from its atoms' checks: the verdict, the reason shown, and the evidence of each atom."""

from __future__ import annotations

from agent.state import ClaimCheck, Evidence, SentenceCheck


def sentence_verdict(verdicts: list[str]) -> str:
    """Return a sentence's verdict from its atoms': contradicted if any is, else unsupported if any is."""
    for verdict in ("contradicted", "unsupported"):
        if verdict in verdicts:
            return verdict
    return "supported"


def sentence_check(sentence: str, atoms: list[ClaimCheck]) -> SentenceCheck:
    """Return the sentence's check: its claim and reason are those of the atoms that decided the verdict.

    Its evidence is the best quote of each atom, so a sentence that joins facts from two passages shows both.
    """
    verdict = sentence_verdict([a.verdict for a in atoms])
    failing = [a for a in atoms if a.verdict == verdict] if verdict != "supported" else atoms[:1] * (len(atoms) == 1)
    evidence: list[Evidence] = []
    for atom in atoms:
        for ev in atom.evidence[:1]:
            if all(e.passage_id != ev.passage_id or e.quote != ev.quote for e in evidence):
                evidence.append(ev)
    return SentenceCheck(
        sentence=sentence, verdict=verdict, evidence=evidence, atoms=atoms,
        claim="; ".join(a.claim for a in failing) if verdict != "supported" else sentence,
        method=failing[0].method if failing else "atoms",
        reason=failing[0].reason if failing else f"all {len(atoms)} atomic facts supported")
