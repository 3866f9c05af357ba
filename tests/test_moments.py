"""Moments: a chapter opens on a moment its own passages tell, and its title names its own events."""

from __future__ import annotations

from agent.state import ChapterPlan
from agent.story.moments import ground_openings, misplaced_titles, moment, names_someone, supported, told_lines
from agent.story.retelling import Fact
from tests.test_outline import cable

MONEY_IDS = ["cable-history.p2"]
MESSAGE_IDS = ["cable-history.p4"]
FAILURE_IDS = ["cable-history.p5"]


def chapter(number: int, title: str, opening: str, ids: list[str], visual: str = "") -> ChapterPlan:
    return ChapterPlan(number=number, title=title, opening=opening, beats=[opening or title], passage_ids=ids, visual=visual)


def test_a_moment_is_the_first_fact_that_says_when_and_names_someone():
    facts = [Fact("It worked for only three weeks, but it showed the way.", "a"),
             Fact("the crowds were happy about the news from the coast.", "a"),
             Fact("On August 16, 1858, Queen Victoria sent a message.", "a"),
             Fact("In September 1858 Whitehouse raised the voltage.", "a")]
    assert moment(facts) == "On August 16, 1858, Queen Victoria sent a message."
    assert moment(facts[1:2]) == "the crowds were happy about the news from the coast."  # nothing better
    assert moment([]) == ""
    assert names_someone("The cable failed when Whitehouse raised the voltage.")
    assert not names_someone("the ship sank in the storm.")


def test_a_moment_is_the_main_clause_of_its_fact():
    from agent.story.moments import main_clause

    assert main_clause("In 1858 Field hired the Niagara, a warship that had never laid cable.") == "In 1858 Field hired the Niagara."
    assert main_clause("The first cable failed at sea, even though it had worked.") == "The first cable failed at sea."
    assert main_clause("On August 16, 1858, Queen Victoria sent a message.") == "On August 16, 1858, Queen Victoria sent a message."
    assert main_clause("It failed, a blow.") == "It failed, a blow."  # too little left to open on
    assert moment([Fact("In June 1858 the Niagara sailed, leaving Plymouth behind.", "a")]) == "In June 1858 the Niagara sailed."


def test_an_opening_stands_only_where_the_chapters_own_passages_support_it():
    library = cable()
    told = "On August 16, 1858, Queen Victoria sent a message of 98 words to President James Buchanan over the cable."
    assert supported(told, library, passage_ids=MESSAGE_IDS) and supported(told, library)
    assert not supported(told, library, passage_ids=MONEY_IDS)  # true, but another chapter's passage tells it
    assert not supported("Queen Victoria was interviewed by Cyrus Field in a London office.", library, passage_ids=MESSAGE_IDS)
    assert not supported("Queen Victoria was interviewed by Cyrus Field in a London office.", library)
    assert not supported("", library) and not supported(told, library, passage_ids=[])


def test_an_invented_or_already_told_opening_gives_way_to_the_chapters_moment():
    library = cable()
    kept = "Cyrus Field, a New York paper merchant, raised the money for the Atlantic Telegraph Company in 1856."
    plans = [chapter(1, "Money", kept, MONEY_IDS),
             chapter(2, "A message", "Queen Victoria is interviewed by Cyrus Field about the cable.", MESSAGE_IDS),
             chapter(3, "Silence", kept, FAILURE_IDS, visual="A dark telegraph room")]
    grounded = ground_openings(plans, library, words=150)
    assert grounded[0].opening == kept  # supported and told nowhere before
    assert grounded[1].opening.startswith("On August 16, 1858, Queen Victoria sent a message")
    assert grounded[1].visual == grounded[1].opening  # the visual follows an opening that was replaced
    assert grounded[2].opening != kept and grounded[2].opening in library.get("cable-history.p5").text
    assert grounded[2].visual == "A dark telegraph room"  # the planner's own visual stays


def test_a_title_naming_another_chapters_events_is_misplaced():
    library = cable()
    plans = [chapter(1, "A message", "", MESSAGE_IDS), chapter(2, "Silence", "", FAILURE_IDS)]
    texts = [" ".join(lines) for lines in told_lines(plans, library, words=150)]
    assert "Queen Victoria" in texts[0] and "voltage" in texts[1]
    assert misplaced_titles(["The Queen's Message", "The Voltage Burns the Insulation"], texts, library) == []
    assert misplaced_titles(["The Queen's Message", "Queen Victoria's Message"], texts, library) == [1]
    assert misplaced_titles(["Fireworks in New York", "Whitehouse"], texts, library) == []  # each its own
