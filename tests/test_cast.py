"""Cast: the recurring people a style sheet describes are real, from the sources, and described in a phrase."""

from __future__ import annotations

from agent.illustration.cast import keep_cast
from agent.state import ChapterPlan, Outline, Recurring

OUTLINE = Outline(title="The Wire", logline="A cable crosses an ocean.", chapters=[
    ChapterPlan(number=1, title="Money", beats=["Field raised the money"], people=["Cyrus Field", "Ada Lind"])])
PASSAGES = "Cyrus Field raised the money in 1856. Ada Lind kept the company's books."


def test_a_description_longer_than_a_phrase_is_dropped():
    items = [Recurring(name="Cyrus Field", description="a lean man in a dark frock coat with a neat beard"),
             Recurring(name="Ada Lind", description="the original author of Weekly Wire News the second anniversary just "
                                                    "passed a little over a month ago in the city")]
    kept = keep_cast(items, person=True, outline=OUTLINE, topic="cable", passages_text=PASSAGES, limit=4,
                     copied=lambda text: False)
    assert [c.name for c in kept] == ["Cyrus Field"]
    assert kept[0].description == "a lean man in a dark frock coat with a neat beard"


def test_a_description_reads_after_the_name_in_lower_case():
    from agent.illustration.cast import appositive

    assert appositive("Ada Lind", "A tall woman in a grey coat.") == "a tall woman in a grey coat"
    assert appositive("Ada Lind", "Ada Lind is An engineer with ink on her cuffs") == "an engineer with ink on her cuffs"


def test_a_description_that_says_what_or_where_instead_of_how_it_looks_is_dropped():
    from agent.illustration.cast import describes_look

    items = [Recurring(name="Cyrus Field", description="the company's founder and a leader of the project"),
             Recurring(name="Ada Lind", description="a young woman in a navy coat with her hair pinned up")]
    kept = keep_cast(items, person=True, outline=OUTLINE, topic="cable", passages_text=PASSAGES, limit=4,
                     copied=lambda text: False)
    assert [c.name for c in kept] == ["Ada Lind"]
    assert not describes_look("a city in California, United States, known for its industry and culture")
    assert describes_look("a hilly city of fog, cable cars and glass towers by the bay")
    assert describes_look("a stone harbour town under grey skies") and describes_look("dressed in teal")
