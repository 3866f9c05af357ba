"""Tying drafted sentences to the passages they draw on."""

from __future__ import annotations

from agent.factcheck.checker import check_chapter
from agent.story.chapters import attribute, supporting
from agent.story.references import Library
from agent.state import Passage, Source

PASSAGES = [
    Passage(id="dam.p1", source_id="dam", text="The Orrin dam was finished in 1962 after four years of work by 900 men."),
    Passage(id="dam.p2", source_id="dam", text="Its reservoir flooded the village of Kell, whose church spire still shows in dry summers."),
    Passage(id="mill.p1", source_id="mill", text="The Kell woollen mill closed in 1931 and its looms were sold to Leeds."),
]


def test_a_sentence_joining_two_passages_cites_both():
    sentence = "The Orrin dam was finished in 1962, and its reservoir flooded the village of Kell."
    assert supporting(sentence, PASSAGES)[0] == ["dam.p1", "dam.p2"]
    assert supporting("The Orrin dam was finished in 1962.", PASSAGES)[0] == ["dam.p1"]
    assert supporting("Nobody knows why the sky is blue.", PASSAGES)[0] == []


def test_attributed_citations_support_the_sentence_atom_by_atom():
    text = attribute("The Orrin dam was finished in 1962, and its reservoir flooded the village of Kell.\n\n"
                     "The Kell woollen mill closed in 1931.", PASSAGES)
    assert text == ("The Orrin dam was finished in 1962, and its reservoir flooded the village of Kell [dam.p1][dam.p2].\n\n"
                    "The Kell woollen mill closed in 1931 [mill.p1].")
    library = Library(PASSAGES, [Source(id="dam", title="The Dam"), Source(id="mill", title="The Mill")])
    report = check_chapter(1, text, library, None).citations
    assert report.recall == 1.0 and report.precision == 1.0
    assert report.sentences[0].cited == ["dam.p1", "dam.p2"] and report.sentences[0].irrelevant == []
