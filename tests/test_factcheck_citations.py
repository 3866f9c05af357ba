"""ALCE citation precision and recall."""

from __future__ import annotations

from agent.factcheck.citations import citation_report
from agent.factcheck.claims import units

TEXT = ("The cable was completed in 1858 [a.p1]. "
        "Queen Victoria sent 98 words [b.p1][a.p1]. "
        "It cost a fortune [a.p1][b.p1]. "
        "It took 16 hours [ghost.p7]. "
        "Nobody cited this sentence at all. "
        "Field smiled at the waves [dramatized].")

# Which passage sets support which sentence (by sentence index).
SUPPORT = {
    (0, ("a.p1",)): True,
    (1, ("b.p1", "a.p1")): True, (1, ("b.p1",)): True, (1, ("a.p1",)): False,
    (2, ("a.p1", "b.p1")): False,
}


def test_alce_scores_recall_precision_and_errors():
    asked = []

    def entails(queries):
        asked.append(queries)
        return {q: SUPPORT.get(q, False) for q in queries}

    report = citation_report(units(TEXT), {"a.p1", "b.p1"}, entails)
    by_sentence = {c.sentence: c for c in report.sentences}
    assert "Field smiled at the waves." not in by_sentence  # dramatized: not a statement of fact
    assert by_sentence["The cable was completed in 1858."].supported
    victoria = by_sentence["Queen Victoria sent 98 words."]
    assert victoria.supported and victoria.irrelevant == ["a.p1"]
    assert not by_sentence["It cost a fortune."].supported
    ghost = by_sentence["It took 16 hours."]
    assert ghost.unknown == ["ghost.p7"] and not ghost.supported
    # recall: 2 of 5 statements; precision: 1 + 1 (b.p1) of 1 + 2 + 2 + 1 citations
    assert report.recall == 0.4
    assert report.precision == round(2 / 6, 4)
    assert len(asked) == 2  # one round for the joint sets, one for the follow-ups: batched
    assert (3, ()) not in asked[0]
