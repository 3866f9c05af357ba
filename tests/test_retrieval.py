"""Per-call retrieval: passages per beat, within a token budget."""

from __future__ import annotations

from agent.state import Passage, Source
from agent.story.references import Library
from agent.story.retrieval import budget, count_tokens, passages_for, trim_text

TEXTS = {
    "a.p1": "The telegraph cable was laid across the Atlantic in 1858. It linked Ireland and Newfoundland.",
    "a.p2": "Queen Victoria sent the first message to President Buchanan. It took sixteen hours to send.",
    "a.p3": "The cable failed after three weeks because the voltage was too high.",
    "a.p4": "A lasting cable was laid by the Great Eastern steamship in 1866.",
}


def library() -> Library:
    return Library([Passage(id=k, source_id="a", text=v) for k, v in TEXTS.items()], [Source(id="a", title="Cable")])


def test_token_estimate_and_trim_at_a_sentence():
    text = TEXTS["a.p1"]
    assert count_tokens(text) == -(-len(text) // 4) and count_tokens("") == 0
    assert trim_text(text, 100) == text
    assert trim_text(text, 16) == "The telegraph cable was laid across the Atlantic in 1858."
    assert trim_text("one two three four five six seven eight nine ten", 3) == "one two ..."


def test_budget_keeps_whole_passages_in_order_and_cuts_the_last_at_a_sentence():
    passages = library().passages
    sizes = [count_tokens(p.text) for p in passages]
    kept = budget(passages, sizes[0] + sizes[1])
    assert [p.id for p in kept] == ["a.p1", "a.p2"]
    assert budget(passages, sizes[0] + 5) == passages[:1]  # too little left to be worth a cut piece
    long = Passage(id="b.p1", source_id="b", text=" ".join(["A sentence of several words here."] * 40))
    cut = budget([long], 60)
    assert cut[0].id == "b.p1" and count_tokens(cut[0].text) <= 60 and cut[0].text.endswith("here.")
    assert long.text.count("here.") == 40  # the original is untouched


def test_each_beat_gets_its_best_passage_before_any_gets_a_second():
    lib = library()
    found = passages_for(["Queen Victoria message Buchanan", "cable failed voltage"], lib, 1000)
    assert [p.id for p in found[:2]] == ["a.p2", "a.p3"]
    # the outline's own passages come first, ranked by beat
    own = passages_for(["Great Eastern 1866", "Queen Victoria"], lib, 1000, first=["a.p2", "a.p4"])
    assert [p.id for p in own[:2]] == ["a.p4", "a.p2"]
    tight = passages_for(["Queen Victoria message Buchanan", "cable failed voltage"], lib, count_tokens(TEXTS["a.p2"]))
    assert [p.id for p in tight] == ["a.p2"]
