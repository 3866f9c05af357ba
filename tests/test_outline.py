"""Outline grounding: valid, distinct passages per chapter; beats the passages talk about; tidy strings."""

from __future__ import annotations

from agent.graph.nodes.outline import ground_outline, grounded_beats, outline_schema, tidy
from agent.story.references import Library
from agent.state import ChapterPlan, Outline, Passage, Source

TEXTS = [
    "The cable was laid in 1858 between Ireland and Newfoundland by the ships Agamemnon and Niagara.",
    "Queen Victoria sent a message of 98 words to President Buchanan over the new cable.",
    "The cable failed after three weeks because the voltage applied to it was too high.",
    "A lasting cable was laid in 1866 by the Great Eastern, the largest ship of its day.",
    "Messages that took ten days by ship now took minutes over the cable.",
    "Cyrus Field raised the money for the cable company in New York and London.",
]


def library() -> Library:
    passages = [Passage(id=f"cable.p{i}", source_id="cable", text=t) for i, t in enumerate(TEXTS, start=1)]
    return Library(passages, [Source(id="cable", title="The Cable")])


def test_chapters_get_distinct_known_passages():
    plans = [ChapterPlan(number=9, title="The cable", beats=["The cable was laid in 1858"], passage_ids=["cable.p1", "nope.p9"])
             for _ in range(3)]
    grounded = ground_outline(Outline(title="T", logline="L", chapters=plans), library(), per_chapter=2)
    ids = [pid for chapter in grounded.chapters for pid in chapter.passage_ids]
    assert [c.number for c in grounded.chapters] == [1, 2, 3]
    assert len(ids) == len(set(ids)) == 6
    assert grounded.chapters[0].passage_ids[0] == "cable.p1"
    assert "nope.p9" not in ids
    # the same beat is not told three times: later chapters take beats from their own passages
    assert grounded.chapters[0].beats == ["The cable was laid in 1858"]
    assert grounded.chapters[1].beats != grounded.chapters[0].beats


def test_beats_the_passages_do_not_mention_are_replaced():
    beats = grounded_beats(["Aliens landed in Paris"], [TEXTS[0]])
    assert beats == [TEXTS[0]]


def test_outline_schema_fixes_the_chapter_count():
    schema = outline_schema(3).model_json_schema()
    assert schema["properties"]["chapters"]["minItems"] == 3 == schema["properties"]["chapters"]["maxItems"]


def test_tidy_cuts_only_strings_that_hit_their_limit():
    assert tidy("The Scripted Story", 90) == "The Scripted Story"
    cut = tidy(("word " * 44).strip(), 220)
    assert cut.endswith("…") and len(cut) < 220
