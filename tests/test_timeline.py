"""Timeline: when a sentence happens, from its dates, spans from the central event, or 'ago' from its source."""

from __future__ import annotations

import pytest

from agent.story.references import Library, Passage, Source
from agent.story.retelling import choose_facts
from agent.story.timeline import (Clock, as_year, central_time, in_order, made_times, same_event, sentence_time,
                                  written_time)

CENTRE = as_year(1969, 7)


@pytest.mark.parametrize("sentence, expected", [
    ("The lander touched down on 20 July 1969.", as_year(1969, 7)),
    ("The program began in 1961 and ended in 1972.", (1961 + 1972) / 2),
    ("Three months after the landing, the crew toured the world.", CENTRE + 0.25),
    ("A year later the next crew flew.", CENTRE + 1),
    ("Almost two years before, a fire killed three astronauts.", CENTRE - 2),
    ("In the weeks after the flight, the samples were studied.", CENTRE + 1 / 52),
    ("A month after the landing's second anniversary, he retired.", CENTRE + 2 + 1 / 12),
    ("On its tenth anniversary the site became a museum.", CENTRE + 10),
    ("During the months leading up to the launch, the crew trained.", CENTRE - 1 / 12),
    ("The crew trained hard.", None),
])
def test_a_sentence_says_when_it_happens(sentence, expected):
    found = sentence_time(sentence, CENTRE)
    assert found == pytest.approx(expected) if expected is not None else found is None


def test_ago_counts_back_from_when_the_source_was_written():
    assert written_time("2025-01-05") == pytest.approx(2025.0)
    assert written_time("1999") == 1999.0 and written_time("") is None
    assert sentence_time("We founded the company about nine years ago.", CENTRE, 2025.0) == pytest.approx(2016.0)
    assert sentence_time("We founded the company about nine years ago.", CENTRE) is None  # undated source


def test_the_central_event_is_the_month_named_most():
    texts = ["The ship sailed in April 1912.", "On 15 April 1912 it sank.", "It was built from 1909."]
    assert central_time(texts) == as_year(1912, 4)
    assert central_time(["Built in 1909.", "Refitted in 1910.", "Opened in 1910."]) == 1910.0
    assert central_time(["No dates here."]) is None


def test_timed_items_go_in_order_and_untimed_ones_keep_their_place():
    assert in_order(["c", "x", "a", "b"], [3.0, None, 1.0, 2.0]) == ["a", "x", "b", "c"]
    assert in_order(["a", "b"], [None, None]) == ["a", "b"]
    assert in_order(["a", "b"], [2.0, 2.0]) == ["a", "b"]  # equal times keep their order


def test_one_event_told_twice_in_other_words():
    assert same_event("The company released its app on March 3, 2009.", "In early March 2009 the company put its app out quietly.")
    assert not same_event("The company released its app on March 3, 2009.", "The company released its app on March 9, 2009.")
    assert not same_event("In August 1858 the cable failed.", "In August 1858 Field was feted in New York.")
    assert same_event("The lab released Orca on May 2, 2019.", "The model was finally named Orca and launched on May 2, 2019.")
    assert not same_event("The lab released Orca on May 2, 2019.", "Rivals cut prices on May 2, 2019.")
    assert not same_event("The company released its app in 2009.", "The company released its app in 2009 again.")  # a year is no moment


def _library() -> Library:
    sources = [Source(id="news", title="News", date="2010-06-01"), Source(id="memo", title="Memo", date="2012-01-01")]
    passages = [
        Passage(id="news.p1", source_id="news",
                text="Two months after the launch, the app had a million users. The company released its app on March 3, 2009."),
        Passage(id="memo.p1", source_id="memo",
                text="The founders started the company about four years ago. In early March 2009 the company put its app out quietly."),
    ]
    return Library(passages, sources)


def test_chosen_facts_go_in_time_order_and_an_event_is_told_once():
    library = _library()
    facts = choose_facts("app launch users founders", library.passages, 4, clock=Clock(library))
    texts = [f.text for f in facts]
    assert texts[0].startswith("The founders started")  # 2008, from the memo written in 2012
    assert texts.index("The company released its app on March 3, 2009.") < texts.index(
        "Two months after the launch, the app had a million users.")
    assert not any(t.startswith("In early March 2009") for t in texts)  # the release, told once
    untimed = choose_facts("app launch users founders", library.passages, 4)
    assert untimed[0].text.startswith("Two months after")  # without a clock, the passages' order


def test_things_made_at_a_date_date_the_sentences_that_name_them():
    made = made_times(["The jump from Model-2 in 2019 to Model-3 in 2021 was large.",
                       "In 1931, the Bureau began building Boulder Dam.",
                       "The company released the Vista Phone on June 29, 2007, to long queues.",
                       "Ms Reyes in 2015 wrote a memo."])  # a person beside a date was not made then
    assert made == {"Model-2": 2019.0, "Model-3": 2021.0, "Boulder Dam": 1931.0, "Vista Phone": as_year(2007, 6)}


def test_an_undated_sentence_takes_the_date_of_the_thing_it_names_but_not_of_the_story_subject():
    sources = [Source(id="a", title="A", path="a.md")]
    passages = [Passage(id=f"a.p{n}", source_id="a", text=text) for n, text in enumerate([
        "The Rover shipped on May 4, 2010, after Model-2 in 2008 had failed.",
        "By the time of Model-2, the team was small and the Rover was a sketch.",
        "The Rover sold well.",
        "Reviewers praised the Rover.",
        "A year later the Rover had rivals.",
        "Its price fell twice.",
        "Shops ran out of stock.",
    ], start=1)]
    clock = Clock(Library(passages, sources))
    assert clock.sentence("By the time of Model-2, the team was small.") == 2008.0
    assert clock.sentence("By the time of Model-2, the team was small.", named=False) is None
    assert clock.sentence("Reviewers praised the Rover.") is None  # the Rover is in most passages: the subject
    assert clock.passages(["a.p2"]) == 2008.0 and clock.passages(["a.p2"], named=False) is None
    assert clock.passages(["a.p2", "a.p5"]) == clock.passages(["a.p5"])  # a told time outranks a named one
    assert in_order(passages, [clock.passages([p.id]) for p in passages])[0].id == "a.p2"


def test_a_launch_and_a_release_in_the_same_month_are_one_event():
    from agent.story.timeline import same_event
    assert same_event("The Falcon's launch in May 1910 was the turning point.", "Vik Motors released the Falcon on 4 May 1910.")
    assert not same_event("The Falcon's launch in May 1910 was the turning point.", "Vik Motors opened a plant in May 1910.")
