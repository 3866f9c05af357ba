"""Evidence retrieval and verbatim spans."""

from __future__ import annotations

from agent.factcheck.evidence import Index
from agent.factcheck.text import stems
from agent.story.references import Library
from agent.state import Passage, Source

LONG = " ".join(f"word{i}" for i in range(120)) + " the cable reached Newfoundland in August 1858 " + " ".join(f"tail{i}" for i in range(80)) + "."


def library() -> Library:
    passages = [
        Passage(id="cable.p1", source_id="cable", text="Cyrus Field raised money in New York.\n\nThe first transatlantic "
                "telegraph cable was completed on August 5, 1858. It failed after three weeks."),
        Passage(id="cable.p2", source_id="cable", text="Queen Victoria sent a message of 98 words to President Buchanan. "
                "It took 16 hours to transmit."),
        Passage(id="talk.p1", source_id="talk", text=LONG),
    ]
    return Library(passages, [Source(id="cable", title="The Cable"), Source(id="talk", title="A Talk")])


def test_spans_are_verbatim_and_best_first():
    index = Index(library())
    spans = index.spans("The telegraph cable was completed in August 1858.")
    assert spans[0].passage_id == "cable.p1"
    assert spans[0].quote == "The first transatlantic telegraph cable was completed on August 5, 1858."
    for span in spans:
        assert span.quote in span.passage.text
    assert spans[0].coverage > 0.8


def test_cited_passages_are_candidates_and_only_limits_the_search():
    index = Index(library())
    spans = index.spans("Queen Victoria sent 98 words.", cited=["cable.p1"], only=["cable.p1"])
    assert [s.passage_id for s in spans] == ["cable.p1"]
    assert spans[0].coverage < 0.5
    assert "cable.p1" in [p.id for p in index.candidates("Queen Victoria", cited=["cable.p1", "nope.p9"])]


def test_a_long_sentence_gives_a_short_verbatim_window():
    index = Index(library())
    passage = index.library.get("talk.p1")
    span = index.best_span(set(stems("The cable reached Newfoundland in 1858.")), passage)
    assert span.quote in passage.text
    assert "Newfoundland" in span.quote and len(span.quote.split()) <= 40


def test_general_equivalents_count_as_covered():
    from agent.factcheck.text import meaning_stems

    assert meaning_stems("The crew came back on their own") == meaning_stems("The crew returned alone")
    assert set(meaning_stems("a little hut on a tilted ledge")) == set(meaning_stems("a small hut on a sloping shelf"))
    assert set(meaning_stems("The whole stairway was built")) == set(meaning_stems("The full staircase was constructed"))
    # topic words and words with a second sense are left alone
    assert meaning_stems("close") != meaning_stems("near") and meaning_stems("nearly") == meaning_stems("near")
    lib = Library([Passage(id="fort.p1", source_id="fort", text="The garrison returned to the fort with nine mules. "
                           "The whole stairway of forty steps was then cleared.")], [Source(id="fort", title="Fort")])
    index = Index(lib)
    assert index.spans("The garrison came back with nine mules.")[0].coverage == 1.0
    assert index.spans("The full staircase had forty steps.")[0].coverage == 1.0
