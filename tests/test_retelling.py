"""The retelling writer: a scene, one sentence per chosen fact tied to its passage, a closing line; bad sentences asked again."""

from __future__ import annotations

import pytest
from langgraph.runtime import Runtime

from agent.errors import InputError
from agent.graph.context import Context, Settings, build_settings
from agent.graph.nodes.write import write, writer_mode
from agent.llm.base import LLM
from agent.state import Passage
from agent.storage.folder import RunDir
from agent.story.retelling import choose_facts, compose, fact_count, sentence_faults, usable
from tests.fakes import FakeProvider
from tests.test_write import task

SCENE = "At the telegraph station the operators bent over their instruments and waited."
CLOSE = "Within weeks the celebrations would give way to a silent wire."


def passage(pid: str, text: str) -> Passage:
    return Passage(id=pid, source_id=pid.split(".")[0], text=text)


def test_fact_count_grows_with_the_length_and_stays_in_bounds():
    assert fact_count(60) == 3
    assert fact_count(150) == 7
    assert fact_count(300) == 10
    assert fact_count(2000) == 10


def test_facts_take_turns_across_passages_and_keep_the_source_order():
    a = passage("a.p1", "The crew sailed from Cork in June of that year. The weather turned bad on the third day at sea. "
                        "A storm broke the cable near the stern of the ship.")
    b = passage("b.p1", "Engineers in London tested a new cable design that winter. The new cable was lighter and stronger.")
    facts = choose_facts("storm cable ship", [a, b], 3)
    assert [f.passage_id for f in facts] == ["a.p1", "a.p1", "b.p1"]
    # within a passage the source's order; the storm sentence (best match) is taken first, then the next best
    assert facts[0].text.startswith("The crew sailed") or facts[0].text.startswith("The weather")
    assert facts[-1].text.startswith("A storm") or facts[1].text.startswith("A storm")
    assert choose_facts("anything", [], 4) == []


def test_compose_splits_scene_facts_and_close_into_two_paragraphs():
    text = compose("It was dawn in the harbour.", ["The crew cast off.", "The storm came", "The cable broke."], "Nobody slept")
    first, second = text.split("\n\n")
    assert first == "It was dawn in the harbour. The crew cast off. The storm came."
    assert second == "The cable broke. Nobody slept."


def test_sentence_faults_flag_meta_talk_fragments_and_copying():
    source = "Queen Victoria sent a message of 98 words to President James Buchanan over the cable that day."
    rows = sentence_faults(["This story is about a cable.", "The message.",
                            "Queen Victoria sent a message of 98 words to President James Buchanan over the cable.",
                            "The queen's greeting crossed the ocean to Buchanan in 98 words."], [source])
    kinds = [{p.kind for p in row} for row in rows]
    assert "meta" in kinds[0] and "fragment" in kinds[1] and "copied" in kinds[2] and not kinds[3]
    assert not usable(rows[0]) and usable(rows[2]) and usable(rows[3])


def run_retelling(tmp_path, replies, writer="auto", name="local", **extra):
    provider = FakeProvider(replies=list(replies), name=name)
    run = RunDir(tmp_path, "r1")
    ctx = Context.for_run(Settings(topic="cable", writer=writer), run=run, llm_factory=lambda role: LLM(provider, role))
    return write(task(**extra), Runtime(context=ctx)), provider, run


def notes_in(user: str) -> list[str]:
    block = user.split("<notes>\n", 1)[1].split("</notes>", 1)[0]
    return [line.split(". ", 1)[1] for line in block.splitlines() if line.strip()]


def test_the_embedded_model_retells_one_sentence_per_fact_with_the_passage_cited(tmp_path):
    told = ["Queen Victoria's greeting to Buchanan ran to 98 words.",
            "Getting it through the weak line took about sixteen hours.",
            "The line went dead within weeks, and the cheering turned to doubt that the message was real."]
    result, provider, run = run_retelling(tmp_path, [{"scene": SCENE, "sentences": told, "close": CLOSE}], words=60)
    call = provider.calls[0]
    assert call["schema"].__name__ == "Retelling" and len(provider.calls) == 1
    notes = notes_in(call["user"])
    assert len(notes) == 3 and 'Chapter 2 of 3: "A queen\'s message"' in call["user"]
    assert "An operator at Valentia waits for the signal" in call["user"]
    assert "Silence on the wire" not in call["user"]  # a small model copies the next title into the chapter
    text = result["draft"]["text"]
    assert text.startswith("At the telegraph station the operators")
    for sentence in told:
        assert sentence[:-1] in text
    assert CLOSE[:-1] in text.split("\n\n")[-1]
    # each retold sentence cites a passage of the chapter
    assert "[cable-history.p4]" in text or "[wire-magazine.p1]" in text
    assert (run.path / "drafts" / "02-a-queen-s-message.1.retelling.json").exists()


def test_a_sentence_that_talks_about_the_notes_is_asked_again_alone_and_replaced(tmp_path):
    first = {"scene": SCENE, "sentences": ["The notes say the greeting had 98 words.",
                                           "Getting it through the weak line took about sixteen hours.",
                                           "The line went dead within weeks, and the cheering turned to doubt that the message was real."], "close": CLOSE}
    again = {"sentences": ["The queen's greeting ran to 98 words."]}
    result, provider, _ = run_retelling(tmp_path, [first, again], words=60)
    assert len(provider.calls) == 2 and provider.calls[1]["schema"].__name__ == "Retold"
    redo = provider.calls[1]["user"]
    assert len(notes_in(redo)) == 1 and "Problem: a sentence talks about the passages" in redo
    text = result["draft"]["text"]
    assert "The queen's greeting ran to 98 words" in text and "notes say" not in text


def test_a_sentence_bad_twice_is_left_out_and_a_bad_scene_falls_back_to_the_plan(tmp_path):
    first = {"scene": "This chapter is about a message.", "sentences": ["The notes say it had 98 words.",
             "Getting it through the weak line took about sixteen hours.",
             "The line went dead within weeks, and the cheering turned to doubt that the message was real."],
             "close": CLOSE}
    again = {"sentences": ["As mentioned in the notes, it had 98 words."]}
    result, _, _ = run_retelling(tmp_path, [first, again], words=60)
    text = result["draft"]["text"]
    assert "98 words" not in text and "This chapter" not in text
    assert text.startswith("An operator at Valentia waits for the signal")


def test_writer_mode_auto_means_retelling_for_the_embedded_model_and_prose_for_api_models():
    assert writer_mode("auto", "local") == "retelling"
    assert writer_mode("auto", "anthropic") == "prose" and writer_mode("auto", "openai") == "prose"
    assert writer_mode("prose", "local") == "prose" and writer_mode("retelling", "openai") == "retelling"


def test_the_writer_setting_is_checked():
    assert build_settings(topic="cable", refs=["tests/data/cable"], writer="retelling").writer == "retelling"
    with pytest.raises(InputError, match="unknown --writer 'poem'"):
        build_settings(topic="cable", refs=["tests/data/cable"], writer="poem")


def test_a_fact_told_twice_in_the_notes_is_offered_once():
    a = passage("a.p1", "The ship left Cork on June 10, 1857, with the cable aboard. The sea was calm that week.")
    b = passage("b.p1", "With the cable aboard, the ship left Cork on June 10, 1857. Crowds cheered on the quay.")
    facts = [f.text for f in choose_facts("ship cable Cork", [a, b], 4)]
    assert sum("left Cork" in f for f in facts) == 1 and len(facts) == 3


def test_a_sentence_repeating_the_previous_chapter_is_a_repeat_and_fragments_are_caught():
    rows = sentence_faults(["The ship left Cork on June 10, 1857, with the cable aboard.",
                            "while the crowds cheered on the quay below them.",
                            "Field wrote that the company always."],
                           [], before=["The ship left Cork on June 10, 1857, with the cable aboard."])
    assert [p.kind for p in rows[0]] == ["repeated"]
    assert "fragment" in {p.kind for p in rows[1]}
    assert sentence_faults(["Field wrote that the company would fail and that."], [])[0][0].kind == "fragment"


def test_each_retold_sentence_cites_the_passage_it_retells_even_out_of_order(tmp_path):
    told = ["The line went dead within weeks, and the cheering turned to doubt that the message was real.",
            "Queen Victoria's greeting to President Buchanan ran to 98 words.",
            "The weak line needed about sixteen hours to carry it."]
    result, provider, _ = run_retelling(tmp_path, [{"scene": SCENE, "sentences": told, "close": CLOSE}], words=60)
    text = result["draft"]["text"]
    cited = {s.split(" [")[0]: s for s in text.replace("\n\n", " ").split(". ")}
    greeting = next(v for k, v in cited.items() if k.startswith("Queen Victoria's greeting"))
    assert "[cable-history.p4]" in greeting


def test_a_citation_marker_is_not_talk_about_the_writing():
    from agent.story.prose import talks_about_writing

    assert not talks_about_writing("Schulman watched the feed fill with screenshots [mit-tr-inside-story.p4].", "schulman")
    assert talks_about_writing("The piece is titled for its hero.", "schulman")


def test_a_long_note_is_cut_at_a_clause_and_a_sentence_contained_in_an_earlier_one_repeats_it():
    from agent.story.retelling import _clip

    long = ("OpenAI was founded about nine years before the essay, because its founders believed that general "
            "intelligence was possible and that it could become the most influential technology in human history, "
            "and they wanted to build it and make sure that it broadly benefits humanity and the world at large.")
    assert _clip(long) == "OpenAI was founded about nine years before the essay, because its founders believed that general intelligence was possible and that it could become the most influential technology in human history."
    rows = sentence_faults(["Altman says OpenAI believed it had something cool but could not work out what to do with it.",
                            "By the time of GPT-3, Altman says, OpenAI believed it had something cool but could not work out what to do with it."], [])
    assert [p.kind for p in rows[1]] == ["repeated"]


def test_a_style_sheet_description_reads_after_the_name():
    from agent.illustration.cast import appositive

    said = "Sam Altman is a young man with short brown hair and a casual outfit. He looks like he's about to speak"
    assert appositive("Sam Altman", said) == "a young man with short brown hair and a casual outfit"


def test_a_fact_an_earlier_chapter_tells_is_not_offered_again():
    a = passage("a.p1", "The ship left Cork on June 10, 1857, with the cable aboard. Crowds cheered on the quay.")
    facts = [f.text for f in choose_facts("ship", [a], 4, told=["With the cable aboard, the ship left Cork on June 10, 1857."])]
    assert facts == ["Crowds cheered on the quay."]


def test_a_scene_repeating_an_earlier_chapters_opening_gives_way_to_the_plan(tmp_path):
    told = ["Queen Victoria's greeting to Buchanan ran to 98 words.",
            "Getting it through the weak line took about sixteen hours.",
            "The line went dead within weeks, and the cheering turned to doubt that the message was real."]
    reply = {"scene": "Cyrus Field sat at his desk in New York in 1856.", "sentences": told, "close": CLOSE}
    result, _, _ = run_retelling(tmp_path, [reply], words=60)
    assert result["draft"]["text"].startswith("An operator at Valentia waits for the signal")


def test_each_sentence_of_a_slot_is_checked_on_its_own():
    from agent.story.retelling import kept, slot_faults

    slots = ["Cable ships met in the middle of the ocean in July 1858. The second birthday.", "The cable failed."]
    checked = slot_faults(slots, [])
    assert kept(checked[0]) == "Cable ships met in the middle of the ocean in July 1858."
    assert kept(checked[1]) == ""  # three words: a fragment


def test_a_chapter_left_too_short_is_written_again_from_the_start_and_the_longer_stands(tmp_path):
    broken = {"scene": "the signal", "sentences": ["even since", "with the cable,", "and an alliance,"], "close": "Buchanan."}
    again = {"sentences": ["even since", "with the cable,", "and an alliance,"]}
    good = {"scene": SCENE, "sentences": ["Queen Victoria's greeting to Buchanan ran to 98 words.",
                                          "Getting it through the weak line took about sixteen hours.",
                                          "The line went dead within weeks, and the cheering turned to doubt that the message was real."], "close": CLOSE}
    result, provider, run = run_retelling(tmp_path, [broken, again, good], words=60)
    assert [c["schema"].__name__ for c in provider.calls] == ["Retelling", "Retold", "Retelling"]
    assert "98 words" in result["draft"]["text"] and "even since" not in result["draft"]["text"]
    assert (run.path / "drafts" / "02-a-queen-s-message.2.retelling.json").exists()


def test_notes_are_third_person_facts_not_a_transcript_or_the_article_s_voice():
    from agent.story.prose import narratable

    assert narratable('Schulman said the team could not wait until the system was "perfect".')
    assert narratable('He said: "We were surprised."')
    for line in ["John Schulman: You can't wait until your system is perfect to release it.",
                 "Let's understand what happened and why it matters.", "We had a lot of arguments about it.",
                 "What did it mean for the company?", "It's hard to do unless you're a particle accelerator."]:
        assert not narratable(line), line
    a = passage("a.p1", "John Schulman: You can't wait until it is perfect. The team released the chatbot on a Wednesday.")
    assert [f.text for f in choose_facts("chatbot", [a], 3)] == ["The team released the chatbot on a Wednesday."]


def test_a_list_written_as_one_sentence_is_no_fact_to_tell():
    a = passage("a.p1", "New mills opened along the river in 1820. The leading makers were Hale, who spun cotton; Vik, "
                        "a wool house with two looms; Berg, known for linen; and Moe.")
    assert [f.text for f in choose_facts("mills makers", [a], 3)] == ["New mills opened along the river in 1820."]


def test_a_transcript_line_or_a_sentence_spoken_to_the_reader_is_first_person():
    rows = sentence_faults(["John Schulman: You can't wait until your system is perfect to release it.",
                            "You could feel the excitement in the room that night.",
                            "Schulman said the team could not wait for a perfect system."], [])
    assert [{p.kind for p in row} for row in rows] == [{"first person"}, {"first person"}, set()]


def test_a_sentence_the_rules_rule_out_is_asked_again_and_an_ungrounded_closing_line_is_left_out(tmp_path):
    first = {"scene": SCENE, "sentences": ["Queen Victoria's greeting to Buchanan ran to 45 words.",
                                           "Getting it through the weak line took about sixteen hours.",
                                           "The line went dead within weeks, and the cheering turned to doubt that the message was real."],
             "close": "Napoleon sent the cable to Paris."}
    again = {"sentences": ["Queen Victoria's greeting to Buchanan ran to 98 words."]}
    result, provider, _ = run_retelling(tmp_path, [first, again], words=60)
    redo = provider.calls[1]["user"]
    assert len(notes_in(redo)) == 1 and "Problem: a sentence says what its note does not" in redo
    text = result["draft"]["text"]
    assert "98 words" in text and "45 words" not in text and "Napoleon" not in text


def test_only_the_scene_the_writer_imagined_may_be_labeled_dramatized():
    from agent.story.chapters import attribute

    cable = passage("c.p1", "The cable was laid in 1858 between Valentia Island and Newfoundland.")
    text = "The harbour was quiet at dawn. The ships rested in calm water."
    assert attribute(text, [cable]).count("[dramatized]") == 2
    marked = attribute(text, [cable], scenes=["The harbour was quiet at dawn."])
    assert "The harbour was quiet at dawn [dramatized]." in marked and "calm water [dramatized]" not in marked


def test_a_sentence_telling_an_earlier_ones_fact_in_other_words_is_a_repeat():
    first = "The board signed a contract with Glass, Elliot and Company to make the Atlantic cable in 1857 [a.p1]."
    again = "Glass, Elliot and Company agreed with the board to manufacture the Atlantic cable [a.p1]."
    other = "The cable was loaded onto the Agamemnon and the Niagara that summer [a.p2]."
    rows = sentence_faults([first, again, other], [])
    assert [[p.kind for p in row] for row in rows] == [[], ["repeated"], []]
    # the same event on the same day in other words: the scene told the launch, a note tells it again
    scene = "The company quietly put its app out on March 3, 2009."
    rows = sentence_faults([scene, "The app was finally named Lark and launched on March 3, 2009.", other], [])
    assert [[p.kind for p in row] for row in rows] == [[], ["repeated"], []]


def test_a_sentence_the_references_still_do_not_support_after_asking_again_is_left_out(tmp_path):
    first = {"scene": SCENE, "sentences": ["Queen Victoria's greeting to Buchanan ran to 45 words.",
                                           "Getting it through the weak line took about sixteen hours.",
                                           "The line went dead within weeks, and the cheering turned to doubt that the message was real."], "close": CLOSE}
    again = {"sentences": ["Queen Victoria's greeting to Buchanan ran to 45 words."]}
    result, _, _ = run_retelling(tmp_path, [first, again, first, again], words=60)
    text = result["draft"]["text"]
    assert "45 words" not in text and "sixteen hours" in text


def test_a_source_sentence_about_its_own_reporting_is_no_fact_to_retell():
    from agent.story.prose import is_meta

    assert is_meta("For the piece, the reporter interviewed four engineers.") and is_meta("In this article we look back.")
    assert not is_meta("He sold a piece of the cable.") and not is_meta("In the piece of cable, the copper had cracked.")
    passage = Passage(id="s.p1", source_id="s", text="For the piece, the reporter interviewed four engineers who built it. "
                                                     "The engineers finished the bridge in the spring of 1883.")
    assert [f.text for f in choose_facts("bridge engineers", [passage], 3)] == ["The engineers finished the bridge in the spring of 1883."]


def test_present_tense_verbs_take_the_past_form_the_sources_use():
    from agent.story.retelling import past_tense

    sources = ["The company quietly released the app in March. Its founder reached out and signed the deal."]
    assert past_tense("The company quietly releases the app.", sources) == "The company quietly released the app."
    assert past_tense("The founder signs the deal and reaches out.", sources) == "The founder signed the deal and reached out."
    assert past_tense("Its releases were read; the press releases were long.", sources) == "Its releases were read; the press releases were long."
    assert past_tense("The app carries messages.", sources) == "The app carries messages."  # no source says "carried"
    assert past_tense("The founder is sitting by the window; engineers are quietly watching.", sources) == (
        "The founder was sitting by the window; engineers were quietly watching.")
    assert past_tense('He said "we are shipping it" that night.', sources) == 'He said "we are shipping it" that night.'
    spoken = ["The chief engineer said the line was weak and admitted that he wrote the report."]
    assert past_tense("Field says the line is weak and admits it.", spoken) == "Field said the line is weak and admitted it."
    assert past_tense("She writes the report; he tells the board.", spoken) == "She wrote the report; he tells the board."
    # a general statement keeps its present: no person says it
    assert past_tense("A good cable says little about the weather.", spoken) == "A good cable says little about the weather."


def test_a_subject_the_model_put_in_brackets_loses_them():
    from agent.story.retelling import clean_line

    assert clean_line("(The ship's crew) hauled the cable aboard") == "The ship's crew hauled the cable aboard."
    assert clean_line("(1858) The cable failed.") == "(1858) The cable failed."


def test_the_retelling_sees_the_previous_chapter_by_its_title_until_it_is_written(tmp_path):
    told = ["The line went dead within weeks, and the cheering turned to doubt that the message was real.",
            "Queen Victoria's greeting to President Buchanan ran to 98 words.",
            "The weak line needed about sixteen hours to carry it."]
    _, provider, _ = run_retelling(tmp_path, [{"scene": SCENE, "sentences": told, "close": CLOSE}], words=60)
    user = provider.calls[0]["user"]
    assert 'Just before this chapter: Chapter 1, "Field raises the money".' in user
    assert "Cyrus Field raised the money in 1856" not in user  # the plan's events: a small model retells them as its own


def test_a_short_sentence_an_earlier_one_already_holds_is_a_repeat():
    rows = sentence_faults(["The company quietly launched its app."],
                           [], before=["The company quietly released its app in late March 2009."])
    assert [p.kind for p in rows[0]] == ["repeated"]
    assert "repeated" not in {p.kind for p in sentence_faults(["The cable failed at sea."], [], before=["The cable carried a message."])[0]}


def test_a_source_sentence_that_leans_on_the_one_before_is_no_note():
    from agent.story.prose import standalone

    assert not standalone("That's when the company quietly released its app.") and not standalone("He had expected less.")
    assert not standalone("This was true across many firms.") and not standalone("It was seen as a preview.")
    assert standalone("There were many attempts.") and standalone("Itaipu opened in 1984.") and standalone("Thereafter it rained.")
    # a count standing for things named before ("Many were ...") leans too; one with its own noun does not
    assert not standalone("Many were forgeries, and the museum sold them.") and not standalone("Some of them sank.")
    assert standalone("Many sailors were lost.") and standalone("Each crew had a cook.") and standalone("Mostly it rained.")
    passage = Passage(id="s.p1", source_id="s", text="The company quietly released its app on March 3, 2009. "
                                                     "It was seen inside as a research preview of older work.")
    assert [f.text for f in choose_facts("app preview", [passage], 3)] == ["The company quietly released its app on March 3, 2009."]


def test_a_scene_sentence_stating_a_wrong_fact_is_left_out_while_writing_and_the_imagined_one_stays(tmp_path):
    told = ["Queen Victoria's greeting to Buchanan ran to 98 words.",
            "Getting it through the weak line took about sixteen hours.",
            "The line went dead within weeks, and the cheering turned to doubt that the message was real."]
    scene = "The room was quiet and dim. Queen Victoria's greeting to Buchanan ran to 45 words."
    result, provider, _ = run_retelling(tmp_path, [{"scene": scene, "sentences": told, "close": CLOSE}], words=60)
    assert len(provider.calls) == 1  # the note's own sentence does not repeat the scene's false one
    text = result["draft"]["text"]
    assert text.startswith("The room was quiet and dim [dramatized].")
    assert "45 words" not in text and "98 words" in text


def test_a_scene_that_writes_out_the_request_for_a_scene_is_the_example_echoed():
    echo = "The time, the place and the people at this moment: the cable is landed at Trinity Bay."
    rows = sentence_faults([echo, "The board met in London in 1856."], [])
    assert [[p.kind for p in row] for row in rows] == [["example"], []]


def test_a_sentence_broken_across_two_slots_is_a_fragment_on_both_sides():
    rows = sentence_faults(["The board met in London in 1856.", "Field said the cable's raw strength,",
                            "The crowd in New York cheered for a parade around the harbour",
                            "sailors and merchants joining in.", "The cable failed in September 1858."], [])
    assert [[p.kind for p in row] for row in rows] == [[], ["fragment"], ["fragment"], ["fragment"], []]


def test_a_scene_opening_on_he_or_this_leaves_out_what_leans_on_nothing(tmp_path):
    told = ["Queen Victoria's greeting to Buchanan ran to 98 words.",
            "Getting it through the weak line took about sixteen hours.",
            "The line went dead within weeks, and the cheering turned to doubt that the message was real."]
    reply = {"scene": "He had been waiting all night. " + SCENE, "sentences": told, "close": CLOSE}
    result, _, _ = run_retelling(tmp_path, [reply], words=60)
    assert result["draft"]["text"].startswith("At the telegraph station the operators")
    reply = {"scene": "He had been waiting all night.", "sentences": told, "close": CLOSE}
    result, _, _ = run_retelling(tmp_path, [reply], words=60)
    assert result["draft"]["text"].startswith("An operator at Valentia waits for the signal")


def second_sentence_asked_again(tmp_path, wrong: str, again: str, problem: str) -> str:
    """Retell three notes with a `wrong` second sentence, answered `again` when asked with the `problem`; the text."""
    first = {"scene": SCENE, "sentences": [
        "Queen Victoria's greeting to Buchanan ran to 98 words.", wrong,
        "The line went dead within weeks, and the cheering turned to doubt that the message was real."], "close": CLOSE}
    result, provider, _ = run_retelling(tmp_path, [first, {"sentences": [again]}], words=60)
    assert len(provider.calls) == 2 and problem in provider.calls[1]["user"]
    return result["draft"]["text"]


def test_a_retelling_that_bends_its_notes_words_is_asked_again_then_the_note_stands(tmp_path):
    from agent.story.retelling import bent

    note = "The message took about sixteen hours to send, because the signal was so weak."
    assert bent("The message was took about sixteen hours to send, because the signal was so weak.", note)
    assert bent("The message took about sixteen hours to send, because the signal was so unweak.", note)
    assert not bent("The message took about sixteen hours to get through, the signal being so weak.", note)
    assert not bent("Sending the greeting was slow work: the faint signal needed some sixteen hours.", note)
    text = second_sentence_asked_again(tmp_path, "The message was took about sixteen hours to send, because the signal was so weak.",
                                       "The messaging took about sixteen hours to send, because the signal was so weak.",
                                       "Problem: a word of the note was turned into another form")
    assert "was took" not in text and "messaging" not in text and "The message took about sixteen hours to send" in text


def test_on_the_last_try_a_chapter_still_short_tells_its_lost_facts_in_the_notes_words(tmp_path):
    invented = {"scene": SCENE, "sentences": ["The notes say a crowd sang.", "The notes say the mayor spoke.",
                                               "The notes say the band played."], "close": CLOSE}
    again = {"sentences": ["As the notes say, a crowd sang.", "As the notes say, the mayor spoke.",
                           "As the notes say, the band played."]}
    result, provider, _ = run_retelling(tmp_path, [invented, again] * 3, words=60)
    assert len(provider.calls) == 6  # written three times, each asked again once
    text = result["draft"]["text"]
    assert "notes say" not in text and "Queen Victoria sent a message of 98 words" in text
