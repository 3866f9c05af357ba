"""fallback_scene: built from the chapter's own sentences, however long they are."""

from __future__ import annotations

from agent.illustration.scenes import fallback_scene, scene_sentences


def test_the_stand_in_never_tells_one_sentence_twice():
    from agent.state import ChapterPlan
    plan = ChapterPlan(number=1, title="The Lab", beats=["The lab is quiet"], opening="In 2022 the lab was still quiet.", people=["Ada Vik"],
                       visual="Ada Vik at her desk in the quiet lab")
    text = "In 2022 the lab was still quiet. Ada Vik wrote to the board in March. The board met in April."
    scene = fallback_scene(plan, text, "The Lab")
    assert scene.foreground == "In 2022 the lab was still quiet."
    assert "quiet" not in f"{scene.background} {scene.metaphor}" and not scene.people  # Ada Vik is in the picture
    assert "In the foreground, in 2022 the lab" in scene_sentences(scene)
    assert "In the foreground, in May 1820 Vik" in scene_sentences(scene.model_copy(update={"foreground": "In May 1820 Vik hired weavers"}))
    twice = ChapterPlan(number=1, title="The Lab", beats=["The lab is quiet"], opening="Vik Mills, the Leeds cotton firm.",
                        people=[], visual="Vik Mills, the Leeds cotton firm")
    scene = fallback_scene(twice, "Vik Mills, a Leeds cotton firm. It hired 900 weavers in 1820. The mill burned in 1821.", "Mills")
    assert scene.foreground == "It hired 900 weavers in 1820." and "Leeds" not in scene.metaphor


def test_a_long_chapter_sentence_is_cut_to_a_scene_field_at_a_word():
    phrases = ["The board met again in the small glass room above the harbour", "Ships unloaded grain and timber on "
               "the eastern quay", "Clerks counted crates of tea by lamplight", "Fishermen mended nets beside the old "
               "customs house"]
    longs = [" ".join([p] * 6) for p in phrases]
    scene = fallback_scene(None, " ".join(f"{long}." for long in longs), "Harbour Days")
    assert scene.moment and scene.foreground and scene.metaphor
    for value in filter(None, (scene.moment, scene.foreground, scene.background, scene.metaphor)):
        long = next(x for x in longs if x.startswith(value[:30]))
        assert len(value) <= 240 and long.startswith(value[:60])
        assert not value.endswith(" ") and value.split()[-1] in long.split()


def test_a_scene_set_in_a_year_the_chapter_never_names_is_rejected():
    from agent.illustration.scenes import wrong_period

    chapter = "OpenAI released ChatGPT on November 30, 2022, and by January 2023 it had 100 million users."
    assert "1950" in wrong_period("A small town in 1950, scientists around a table.", chapter)
    assert "1950s" in wrong_period("An office in the 1950s with typewriters.", chapter)
    assert wrong_period("A San Francisco office in late 2022, engineers at their desks.", chapter) == ""
    assert wrong_period("An office in the 2020s, engineers at their desks.", chapter) == ""
    assert wrong_period("A small town in 1950.", "A chapter without any year in it.") == ""


def test_a_chapter_that_names_no_year_takes_its_period_from_the_passages_it_cites():
    from agent.illustration.scenes import chapter_years, draw_scene
    from agent.llm.base import LLM
    from agent.state import Chapter
    from tests.fakes import FakeProvider
    from tests.test_style import SHEET

    assert chapter_years(["In 1912 the dam was begun; it opened in 1914.", "By 1914 it carried ships."]) == [1914, 1912]
    scene = {"moment": "the first ship rising in the lock chamber at dawn", "setting": "a canal lock in the 1960s",
             "people": [{"who": "a lock keeper", "action": "turns the great wheel by hand"}],
             "foreground": "ropes and wet stone steps", "background": "gates opening onto green hills",
             "metaphor": "The water lifts the ship like an open palm."}
    fake = FakeProvider(replies=[scene, {**scene, "setting": "a canal lock in 1914, fresh concrete walls"}])
    chapter = Chapter(number=1, title="The Locks", text="The gates opened and the first ship rose in the chamber.")
    text, _, rejected = draw_scene(LLM(fake, "illustrator"), chapter, None, SHEET, others=[], figures=[],
                                   sources=["The canal opened to shipping in August 1914, after ten years of work."])
    assert "When it happens: 1914" in fake.calls[0]["user"]
    assert rejected and "1960s" in rejected[0][0] and "1914" in rejected[0][0]
    assert "1914" in text


def test_a_setting_that_is_a_day_takes_on_and_a_place_or_year_takes_in():
    from agent.illustration.scenes import Scene, scene_sentences

    base = dict(moment="the day the app went live", people=[], foreground="a laptop", background="a window", metaphor="")
    assert ", on November 30, 2022 in San Francisco." in scene_sentences(Scene(setting="November 30, 2022 in San Francisco", **base))
    assert ", on 4 May 1904." in scene_sentences(Scene(setting="4 May 1904", **base))
    assert ", in a harbour office in 1904." in scene_sentences(Scene(setting="a harbour office in 1904", **base))
    assert ", in May 1904." in scene_sentences(Scene(setting="May 1904", **base))


def test_a_moment_opening_on_its_date_loses_it_when_the_setting_gives_the_year():
    from agent.illustration.scenes import Scene, scene_sentences

    base = dict(people=[], foreground="a laptop", background="a window", metaphor="")
    dated = scene_sentences(Scene(moment="2022 November 30, the company releases its chatbot", setting="an office in 2022", **base))
    assert dated.startswith("the company releases its chatbot, in an office in 2022.")
    kept = scene_sentences(Scene(moment="On May 4, the ship sails from the harbour", setting="a quay", **base))
    assert kept.startswith("on May 4, the ship sails from the harbour, in a quay.")  # the only time the scene gives
    # a moment written as a clause is shown as a moment; a phrase with a clause of its own stays as it is
    clause = scene_sentences(Scene(moment="in 1858 the cable company was still a small firm", setting="London, 1858", **base))
    assert clause.startswith("the moment when the cable company was still a small firm, in London, 1858.")
    phrase = scene_sentences(Scene(moment="the night the cable went live", setting="London, 1858", **base))
    assert phrase.startswith("the night the cable went live, in London, 1858.")


def test_a_field_cut_to_its_length_does_not_end_on_a_word_owed_its_object():
    from agent.illustration.scenes import _part

    assert _part("the team talks about the new chatbot at a conference in the city hall", 12) == \
        "the team talks about the new chatbot at a conference"
    assert _part("the team at work", 12) == "the team at work"
    assert _part("the talk mirrors the rapid growth of the chatbot as it spreads around the world", 11) == \
        "the talk mirrors the rapid growth of the chatbot"


def test_a_field_the_model_left_as_null_is_empty():
    from agent.illustration.scenes import Scene, scene_sentences

    text = scene_sentences(Scene(moment="the day the locks opened", setting="Gatun in 1914", people=[],
                                 foreground="a steamer in the lock", background="null", metaphor="None"))
    assert "null" not in text and "None" not in text and "in the foreground, a steamer in the lock." in text.lower()


def test_the_stand_in_shows_a_chapter_sentence_not_an_opening_that_reports_what_someone_wrote():
    from agent.state import ChapterPlan

    plan = ChapterPlan(number=2, title="Early Days", beats=["The lab was small."], passage_ids=[],
                       opening="Sam Altman writes about how early OpenAI was a small lab.", visual="a small lab at night")
    text = "Twelve researchers shared one room above a garage. The board met on Fridays."
    scene = fallback_scene(plan, text, "Early Days")
    assert "writes about" not in scene.foreground and scene.foreground.startswith(("Twelve researchers", "The board"))
