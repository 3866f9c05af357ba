"""Outline: a story arc with every field filled, named chapters, distinct passages in their best chapter, every source used."""

from __future__ import annotations

import json
from pathlib import Path

from langgraph.runtime import Runtime

from agent.graph.context import Context, Settings
from agent.graph.nodes.outline import about_the_sources, assign_passages, good_title, ground_outline, is_generic, outline, outline_schema, tidy, title_from
from agent.llm.base import LLM
from agent.state import ChapterPlan, Outline
from agent.storage.folder import RunDir
from agent.story.references import Library, load_references
from tests.fakes import FakeProvider
from tests.scripted import STYLE

DATA = Path(__file__).parent / "data" / "cable"
TOPIC = "The first Atlantic telegraph cable"


def cable() -> Library:
    sources, passages = load_references([DATA])
    return Library(passages, sources)


def plan(number: int, title: str, *beats: str, ids: tuple[str, ...] = (), **fields) -> ChapterPlan:
    return ChapterPlan(number=number, title=title, beats=list(beats), passage_ids=list(ids), **fields)


MONEY = "In 1856, Cyrus Field raised the money for the Atlantic Telegraph Company in New York and London"
MESSAGE = "Queen Victoria sent a message of 98 words to President Buchanan that took sixteen hours"
FAILURE = "The cable failed in September 1858 when Wildman Whitehouse raised the voltage"


def test_every_field_of_the_arc_is_filled():
    story = Outline(title="T", logline="L", chapters=[plan(1, "Field raises the money", MONEY),
                                                      plan(2, "A queen's message", MESSAGE),
                                                      plan(3, "Silence on the wire", FAILURE)])
    grounded = ground_outline(story, cable(), TOPIC)
    first = grounded.chapters[0]
    assert first.opening == MONEY and first.visual == MONEY
    assert [c.purpose for c in grounded.chapters] == ["setup", "turning point", "outcome"]
    assert "Cyrus Field" in first.people
    assert "Wildman Whitehouse" in grounded.chapters[2].people
    assert all(c.passage_ids for c in grounded.chapters)


def test_planner_fields_are_kept_and_invented_people_dropped():
    chapter = plan(1, "Field raises the money", MONEY, opening="Field in a London office, 1856", purpose="challenge",
                   people=["Cyrus Field", "John Nobody"], visual="Field signing papers")
    grounded = ground_outline(Outline(title="T", logline="L", chapters=[chapter]), cable(), TOPIC).chapters[0]
    assert (grounded.opening, grounded.purpose, grounded.visual) == ("Field in a London office, 1856", "challenge", "Field signing papers")
    assert grounded.people == ["Cyrus Field"]
    assert grounded.beats == [MONEY]  # the planner's beats stay; grounding is the fact-check's job


def test_generic_titles_are_renamed_from_the_opening_or_beats():
    assert is_generic("Introduction") and is_generic("Chapter 3: The Aftermath") and is_generic("Chapter 2")
    assert not is_generic("A Queen's Message") and not is_generic("The Cable Fails") and not is_generic("Part 2")
    story = Outline(title="T", logline="L", chapters=[plan(1, "Introduction", MONEY), plan(2, "Background", MESSAGE),
                                                      plan(3, "Conclusion", FAILURE, opening="On a grey morning in Valentia, the line went dead")])
    titles = [c.title for c in ground_outline(story, cable(), TOPIC).chapters]
    assert titles == ["Cyrus Field raised the money", "Queen Victoria sent a message", "The line went dead"]
    assert title_from(plan(4, "x", "Ok")) == "Part 4"


def test_passages_are_distinct_and_in_the_chapter_they_match_best():
    plans = [plan(1, "Field raises the money", MONEY), plan(2, "A queen's message", MESSAGE),
             plan(3, "Silence on the wire", FAILURE)]
    chosen = assign_passages(plans, cable(), TOPIC)
    ids = [pid for group in chosen for pid in group]
    assert len(ids) == len(set(ids))
    assert "cable-history.p2" in chosen[0]
    assert "cable-history.p4" in chosen[1]
    assert {"cable-history.p5", "wire-magazine.p3"} <= set(chosen[2])
    assert chosen == assign_passages(plans, cable(), TOPIC)  # deterministic


def test_a_side_note_never_owns_a_chapter_while_central_events_are_untold():
    plans = [plan(1, "Field raises the money", MONEY), plan(2, "A queen's message", MESSAGE),
             plan(3, "Souvenirs", "Tiffany and Company sold pieces of the cable as souvenirs", ids=("cable-history.p6",))]
    chosen = assign_passages(plans, cable(), TOPIC)
    assert all("cable-history.p6" not in group for group in chosen)
    assert chosen[2] and set(chosen[2]) <= {p.id for p in cable().passages} - {"cable-history.p6"}


def test_a_relevant_source_no_chapter_uses_gives_its_best_passage():
    plans = [plan(1, "Field raises the money", "Cyrus Field, paper merchant, found investors for the company"),
             plan(2, "A queen's message", "The message of 98 words took sixteen hours; Buchanan called it a triumph")]
    chosen = assign_passages(plans, cable(), TOPIC, per_chapter=1)
    assert chosen[0] == ["cable-history.p2"] and chosen[1][0].startswith("cable-history.")
    assert any(pid.startswith("wire-magazine.") for group in chosen for pid in group)


def test_the_node_shows_the_planner_summaries_of_central_passages_and_writes_the_outline(tmp_path):
    reply = {"title": "Wire", "logline": "A cable crosses an ocean.",
             "chapters": [{"number": 1, "title": "Introduction", "beats": [MONEY]},
                          {"number": 2, "title": "A queen's message", "beats": [MESSAGE], "purpose": "turning point",
                           "opening": "A telegraph office at Valentia, August 16, 1858", "people": ["Queen Victoria"],
                           "visual": "An operator bent over the receiver", "passage_ids": ["cable-history.p4"]}]}
    provider = FakeProvider(replies=[reply, {"titles": ["Introduction", "A Queen's Word"]}, STYLE])
    sources, passages = load_references([DATA])
    run = RunDir(tmp_path, "r1")
    ctx = Context.for_run(Settings(topic=TOPIC), run=run, llm_factory=lambda role: LLM(provider, role))
    state = {"topic": TOPIC, "chapters": 2, "sources": [s.model_dump() for s in sources],
             "passages": [p.model_dump() for p in passages]}
    result = outline(state, Runtime(context=ctx))
    user = provider.calls[0]["user"]
    assert "In August 1858 a telegraph cable laid across the floor of the Atlantic Ocean carried the first message" in user
    assert "It worked for only three weeks" not in user  # a summary, not the whole passage
    assert '"opening"' in user and "exactly 2 chapters" in user
    saved = json.loads((run.path / "outline.json").read_text())
    assert saved == result["outline"]
    assert saved["chapters"][0]["title"] == "Cyrus Field raised the money"
    # an opening the chapter's passages do not support ("a telegraph office") gives way to the chapter's moment
    assert saved["chapters"][1]["opening"] == ("On August 16, 1858, Queen Victoria sent a message of 98 words to "
                                               "President James Buchanan over the cable.")
    assert "cable-history.p4" in saved["chapters"][1]["passage_ids"]


def test_a_chapter_that_repeats_earlier_beats_tells_the_untold_central_passages():
    story = Outline(title="T", logline="L", chapters=[plan(1, "A queen's message", MESSAGE), plan(2, "Turning Point", MESSAGE),
                                                      plan(3, "A queen's message", MESSAGE)])
    chapters = ground_outline(story, cable(), TOPIC).chapters
    assert sum(c.beats == [MESSAGE] for c in chapters) == 1  # chapters then go in the order of their years
    for later in (c for c in chapters if c.beats != [MESSAGE]):
        assert later.passage_ids and later.beats != [MESSAGE]
        assert later.opening.rstrip(".") in " ".join(cable().get(pid).text for pid in later.passage_ids)  # a moment it tells
        assert later.beats[0].split()[:3] == cable().get(later.passage_ids[0]).text.split()[:3]
    titles = [c.title for c in chapters]
    assert len(set(titles)) == 3 and "Turning Point" not in titles
    ids = [pid for c in chapters for pid in c.passage_ids]
    assert len(ids) == len(set(ids))


def test_a_plan_that_talks_about_the_articles_is_replaced_by_central_events():
    story = Outline(title="T", logline="L", chapters=[
        plan(1, "Sam writes", "The author writes about the article's key point", people=["Attacks that work are added"]),
        plan(2, "A queen's message", MESSAGE)])
    chapters = ground_outline(story, cable(), TOPIC).chapters
    first = chapters[0]
    assert "article" not in " ".join([first.title, first.opening, *first.beats])
    assert first.opening == first.beats[0] and first.passage_ids
    assert first.opening.split()[:3] == cable().get(first.passage_ids[0]).text.split()[:3]
    assert first.people != ["Attacks that work are added"]
    assert chapters[1].beats == [MESSAGE]


def test_outline_schema_fixes_the_chapter_count():
    schema = outline_schema(3).model_json_schema()
    assert schema["properties"]["chapters"]["minItems"] == 3 == schema["properties"]["chapters"]["maxItems"]


def test_tidy_cuts_only_strings_that_hit_their_limit():
    assert tidy("The Scripted Story", 90) == "The Scripted Story"
    cut = tidy(("word " * 44).strip(), 220)
    assert cut.endswith("…") and len(cut) < 220


def test_titles_that_name_nothing_are_asked_for_as_headlines_and_checked(tmp_path):
    reply = {"title": "Wire", "logline": "A cable crosses an ocean.",
             "chapters": [{"number": 1, "title": "Introduction", "beats": [MONEY]},
                          {"number": 2, "title": "Turning Point", "beats": [MESSAGE]},
                          {"number": 3, "title": "A queen's message", "beats": [MESSAGE]}]}
    titles = {"titles": ["The Paper Merchant's Gamble", "The Wire", "Anything"]}
    provider = FakeProvider(replies=[reply, titles, STYLE])
    sources, passages = load_references([DATA])
    ctx = Context.for_run(Settings(topic=TOPIC), run=RunDir(tmp_path, "r1"), llm_factory=lambda role: LLM(provider, role))
    state = {"topic": TOPIC, "chapters": 3, "sources": [s.model_dump() for s in sources],
             "passages": [p.model_dump() for p in passages]}
    chapters = outline(state, Runtime(context=ctx))["outline"]["chapters"]
    call = provider.calls[1]
    assert call["schema"].__name__ == "ChapterTitles" and "Chapter 3:" in call["user"] and "<notes>" in call["user"]
    assert chapters[0]["title"] == "The Paper Merchant's Gamble"
    assert chapters[1]["title"] not in {"The Wire", "Turning Point"}  # the story's own title: kept the plan's
    assert "A queen's message" in [c["title"] for c in chapters]  # the planner's own title stays


def test_a_title_made_from_a_reported_opening_names_its_subject_not_the_reporter():
    def made(opening: str) -> str:
        return title_from(plan(1, "x", "a beat", opening=opening))
    assert made("Sam Altman writes about how early OpenAI was a research lab with strong belief.") == "Early OpenAI"
    assert made("Agarwal said that the team shipped the preview on a Wednesday.") == "The team shipped the preview"
    assert made("OpenAI quietly released ChatGPT on November 30, 2022.") == "OpenAI quietly released ChatGPT"
    assert made("Altman writes that at the time hardly anyone cared about AGI.") == "Hardly anyone cared about AGI"


def test_a_good_title_is_a_short_headline_not_taken():
    assert good_title("A Queen's Message", set())
    assert not good_title("Introduction", set()) and not good_title("Aftermath", set())
    assert not good_title("Altman writes that hardly anyone cared about it.", set())
    assert not good_title("Launch", set()) and not good_title("A Queen's Message", {"a queen's message"})
    assert not good_title("The Message of the Queen", {"a queen's message"})  # the same title in other words
    assert good_title("A Queen's Message", set(), "Queen Victoria sent a message")
    assert not good_title("The Night the Servers Melted", set(), "Queen Victoria sent a message")  # names nothing of it
    notes = "A month after the app's second birthday, its founder wrote that 300 million people used it weekly."
    assert good_title("The App's Second Birthday", set(), notes) and good_title("300 Million a Week", set(), notes)
    assert not good_title("The App's First Birthday", set(), notes)  # an ordinal the notes do not tell
    assert not good_title("A Billion Users", set(), notes) and not good_title("The App in 2021", set(), notes)
    assert not good_title("Cyrus Field", set(), people=["Cyrus Field"]) and not good_title("Field", set(), people=["Cyrus Field"])
    assert good_title("Field Raises the Money", set(), people=["Cyrus Field"])


def test_a_title_loses_the_story_title_put_before_it():
    from agent.graph.nodes.outline import own_part

    assert own_part("The Wire: A Queen's Message", "The Wire") == "A Queen's Message"
    assert own_part("the wire - silence on the line", "The Wire") == "Silence on the line"
    assert own_part("The Wire Goes Dead", "The Wire") == "The Wire Goes Dead"  # no colon: the title's own words
    assert own_part("The Wire: Dead", "The Wire") == "The Wire: Dead"  # nothing left to name the chapter


def test_chapters_go_in_the_order_of_the_years_their_passages_name():
    from agent.graph.nodes.outline import in_time_order

    library = cable()
    story = Outline(title="T", logline="L", chapters=[plan(1, "Silence on the wire", FAILURE), plan(2, "A queen's message", MESSAGE),
                                                      plan(3, "Field raises the money", MONEY)])
    chapters = ground_outline(story, library, TOPIC).chapters
    assert [c.number for c in chapters] == [1, 2, 3]
    assert chapters[0].title == "Field raises the money"
    assert [c.purpose for c in chapters] == ["setup", "turning point", "outcome"]
    undated = [c.model_copy(update={"passage_ids": []}) for c in chapters]
    assert [c.title for c in in_time_order(undated, library)] == [c.title for c in chapters]  # no years: order kept


def test_a_passage_that_happens_in_another_chapters_time_moves_there():
    from agent.graph.nodes.outline import settle_in_time

    library = cable()  # p2: 1856; p3: July 1858; p4, wire p1: August 1858; p5, wire p3: September 1858; wire p4: 1866
    chosen = [["cable-history.p2", "cable-history.p5"], ["cable-history.p3", "cable-history.p4"],
              ["wire-magazine.p3", "wire-magazine.p4", "cable-history.p6"]]
    settled = settle_in_time(chosen, library)
    assert settled[0] == ["cable-history.p2"]  # the failure of 1858 left the chapter about 1856
    assert "cable-history.p5" in settled[1] + settled[2]
    assert "cable-history.p6" in settled[2]  # undated: stays where the plan put it
    assert sorted(pid for ids in settled for pid in ids) == sorted(pid for ids in chosen for pid in ids)
    assert settle_in_time([["cable-history.p5"], ["cable-history.p2"]], library) == [["cable-history.p5"], ["cable-history.p2"]]


def test_a_chapter_left_with_few_passages_takes_the_central_ones_that_fit_it():
    plans = [plan(1, "Field raises the money", MONEY), plan(2, "A queen's message", MESSAGE),
             plan(3, "Tiffany souvenirs", "Tiffany sold souvenirs")]
    chosen = assign_passages(plans, cable(), TOPIC)
    assert all(len(group) >= 3 for group in chosen)
    ids = [pid for group in chosen for pid in group]
    assert len(ids) == len(set(ids))


def test_a_chapter_happens_when_the_notes_it_tells_do_not_when_its_background_does():
    from agent.graph.nodes.outline import chapter_time, in_time_order
    from agent.story.references import Passage, Source
    from agent.story.timeline import Clock

    sources = [Source(id="s", title="S", path="s.md")]
    passages = [
        Passage(id="s.p1", source_id="s", text=(
            "Crowds cheered the opening of the bridge on May 24, 1883. Ferries lost riders in the weeks after the opening.")),
        Passage(id="s.p2", source_id="s", text=(
            "Crowds crossed the bridge by the thousand a year after the opening, and tolls paid off its debts. "
            "Two ferry companies went bankrupt two years after the opening. "
            "Its design went back to a plan of 1857. Its cables copied a mill of 1855. Its towers followed a quarry "
            "survey of 1856. Its caissons came from a French method of 1859.")),
        Passage(id="s.p3", source_id="s", text="In 1869 the engineer drew the towers. In 1870 the first caisson sank into the river."),
    ]
    library = Library(passages, sources)
    crowds = plan(1, "Crowds and tolls", "crowds crossed the bridge and tolls paid off the debts", ids=("s.p2",))
    opening = plan(2, "The opening day", "crowds cheered the opening of the bridge", ids=("s.p1",))
    building = plan(3, "Sinking the caissons", "the engineer drew the towers and the caisson sank", ids=("s.p3",))
    clock = Clock(library)
    assert clock.passages(["s.p2"]) < 1860  # the passage's own dates are its background
    assert chapter_time(crowds, library, clock, words=60) > 1883  # what the chapter tells happens after the opening
    ordered = in_time_order([crowds, opening, building], library, words=60)
    assert [c.title for c in ordered] == ["Sinking the caissons", "The opening day", "Crowds and tolls"]


def test_an_opening_that_reports_what_someone_wrote_opens_on_what_they_reported():
    from agent.graph.nodes.outline import unreported

    assert unreported("Ada Byron writes about how the small engine club met in a London attic.") == (
        "The small engine club met in a London attic.")
    assert unreported("Babbage recalled that the first trial ran for six hours.") == "The first trial ran for six hours."
    # a report whose rest leans on its speaker, or a quotation, stays whole
    assert unreported("Babbage wrote that he was tired of the engine.") == "Babbage wrote that he was tired of the engine."
    assert unreported("Babbage said: 'It works.'") == "Babbage said: 'It works.'"
    assert unreported("The engine ran in 1843.") == "The engine ran in 1843."


def test_a_title_naming_a_source_or_its_telling_is_no_chapter_title():
    sources = ["The Inside Story of the Atlantic Cable", "Cable News of 1858"]
    assert about_the_sources("The Inside Story of the Cable", sources)
    assert about_the_sources("Field Reflects on the Cable Years", sources)
    assert not about_the_sources("The Cable Goes Dead", sources) and not about_the_sources("A Queen's Message", sources)
    assert not good_title("Inside Story: Atlantic Cable", set(), "", sources)
    assert good_title("The Cable Goes Dead", set(), "", sources)
    reflecting = plan(1, "x", "Queen Victoria sent a message of 98 words.", opening="Cyrus Field reflects on the cable years.")
    assert title_from(reflecting) == "Queen Victoria sent a message"


def test_a_planned_title_that_is_only_a_person_of_the_chapter_is_renamed():
    story = Outline(title="T", logline="L", chapters=[plan(1, "Cyrus Field", MONEY), plan(2, "A queen's message", MESSAGE)])
    titles = [c.title for c in ground_outline(story, cable(), TOPIC).chapters]
    assert "Cyrus Field" not in titles and "A queen's message" in titles


def test_a_title_made_from_the_plan_is_never_only_a_person():
    opening = "Cyrus Field, a New York paper merchant, raised the money in 1856"
    assert title_from(plan(1, "x", MONEY, opening=opening), ["Cyrus Field"]) == "Cyrus Field raised the money"


def test_a_title_made_from_the_plan_never_opens_on_a_pronoun():
    made = title_from(plan(1, "x", "Field says they would love to know more", MONEY))
    assert made == "Cyrus Field raised the money"
