"""The image_prompts node: one prompt per chapter in the sheet's style, and charts from supported figures only."""

from __future__ import annotations

import json

from langgraph.runtime import Runtime

from agent.illustration.charts import ChartPrompt, build_chart, chart_code, render_chart, supported_figures
from agent.graph.context import Context, Settings
from agent.llm.base import LLM
from agent.graph.nodes.image_prompts import image_prompts, other_scenes
from agent.illustration.scenes import (
    EXAMPLE, Scene, copied_fields, scene_problems, scene_sentences, unfinished_fields, unknown_names,
)
from agent.storage.folder import RunDir
from agent.state import ChapterCheck
from agent.illustration.style_sheet import DEFAULT_STYLE
from agent.illustration.prompt_checks import check_file, check_prompt, problems
from tests.fakes import FakeProvider
from tests.test_style import SHEET

TEXT = (
    "ChatGPT launched as a research preview [003-b5.p2]. It reached 1 million users in five days [003-b5.p4].\n\n"
    "By January it had 100 million users, said one analyst [004-5a.p1]. The team met 4,321 investors [004-5a.p9]."
)
CHECK = {
    "chapter": 5,
    "claims": [
        {"sentence": "It reached 1 million users in five days.", "claim": "ChatGPT reached 1 million users in five days",
         "verdict": "supported", "evidence": [{"source": "003-b5", "passage_id": "003-b5.p4",
                                               "quote": "ChatGPT crossed 1 million users within five days of its launch"}]},
        {"sentence": "By January it had 100 million users, said one analyst.", "claim": "100 million users by January 2023",
         "verdict": "supported", "evidence": [{"source": "004-5a", "passage_id": "004-5a.p1",
                                               "quote": "reached 100 million monthly active users in January"}]},
        {"sentence": "The team met 4,321 investors.", "claim": "The team met 4,321 investors", "verdict": "unsupported",
         "evidence": [{"source": "004-5a", "passage_id": "004-5a.p9", "quote": "The team met investors"}]},
        {"sentence": "It launched on November 30, 2022 to 2 regions.", "claim": "launch date", "verdict": "supported",
         "evidence": [{"source": "003-b5", "passage_id": "003-b5.p2", "quote": "released on November 30, 2022"}]},
    ],
}
SCENE = {
    "moment": "the night the preview went live",
    "setting": "a glass-walled office, November 2022",
    "people": [{"who": "The Researcher", "action": "reads the first messages"},
               {"who": "two engineers", "action": "grin at a rising server graph"}],
    "foreground": "a desk of coffee cups",
    "background": "city lights through rainy windows",
    "metaphor": "A paper lantern rises from the monitor into the night",
}
SCENE_TEXT = (
    "the night the preview went live, in a glass-walled office, November 2022. "
    "The Researcher, a woman in a green cardigan with round glasses, reads the first messages. "
    "Two engineers grin at a rising server graph. In the foreground, a desk of coffee cups; in the "
    "background, city lights through rainy windows. A paper lantern rises from the monitor into the night."
)
STYLE_SENTENCE = ("Drawn in deep teal, sunrise orange and warm cream, in bright morning light, with an optimistic mood; "
                  "graphic-novel panel.")
OUTLINE = {"title": "Launch", "logline": "How it launched.", "chapters": [
    {"number": 4, "title": "The Waiting Room", "beats": ["Engineers wait for the go-ahead"],
     "visual": "engineers asleep on beanbags beside a blinking server rack", "opening": "a dim office at 3 a.m."},
    {"number": 5, "title": "The Launch That Broke the Internet", "beats": ["The preview goes live", "Sign-ups soar"],
     "purpose": "turning point", "opening": "The Researcher at her desk on November 30, 2022",
     "people": ["The Researcher"], "visual": "a wall of screens filling with first conversations"},
]}


def run_node(tmp_path, replies, **task):
    provider = FakeProvider(replies=list(replies))
    ctx = Context.for_run(Settings(topic="ChatGPT"), run=RunDir(tmp_path, "r1"), llm_factory=lambda role: LLM(provider, role))
    chapter = task.pop("chapter_text", {"number": 5, "title": "The Launch That Broke the Internet", "text": TEXT})
    payload = {"chapter": chapter["number"], "chapter_text": chapter, "outline": OUTLINE, "style_sheet": SHEET.model_dump(),
               "feedback": "", **task}
    return image_prompts(payload, Runtime(context=ctx))["prompts"], provider


def test_the_scene_fields_become_plain_sentences_after_the_number_and_phrase(tmp_path):
    prompts, provider = run_node(tmp_path, [SCENE])
    [prompt] = prompts[5]
    assert prompt["file"] == "05-the-launch-that-broke-the-internet.png" and prompt["kind"] == "image"
    assert prompt["number"] == 5 and "chart" not in prompt
    assert prompt["prompt"] == f"5: A {DEFAULT_STYLE} showing {SCENE_TEXT} {STYLE_SENTENCE}"
    assert "Palette:" not in prompt["prompt"] and "Lighting:" not in prompt["prompt"]
    assert 63 <= len(prompt["prompt"].split()) <= 92
    assert problems(check_prompt(prompt["prompt"], SHEET, "The Launch That Broke the Internet")) == []
    [call] = provider.calls
    assert call["schema"].__name__ == "Scene" and "chart" not in call["schema"].model_fields
    assert set(call["schema"].model_fields) == {"moment", "setting", "people", "foreground", "background", "metaphor"}
    assert all(f.description for f in call["schema"].model_fields.values())


def test_the_illustrator_sees_the_plan_the_whole_chapter_and_the_other_chapters(tmp_path):
    long_text = TEXT + "\n\n" + " ".join(f"Sentence {i} of the long middle [003-b5.p2]." for i in range(200))
    chapter = {"number": 5, "title": "The Launch That Broke the Internet", "text": long_text + " The very last line."}
    _, provider = run_node(tmp_path, [SCENE], chapter_text=chapter)
    user = provider.calls[0]["user"]
    assert "Chapter 5: The Launch That Broke the Internet" in user
    assert "What happens: The preview goes live; Sign-ups soar" in user
    assert "Where it opens: The Researcher at her desk on November 30, 2022" in user
    assert "People in it: The Researcher" in user and "The planned picture: a wall of screens" in user
    assert "The very last line." in user and "[003-b5.p2]" not in user  # whole chapter, markers stripped
    assert "- engineers asleep on beanbags beside a blinking server rack. a dim office at 3 a.m." in user
    assert "- The Researcher: a woman in a green cardigan with round glasses" in user


def test_the_other_chapters_written_scenes_are_used_where_they_exist():
    written = {4: [{"prompt": f"4: A {DEFAULT_STYLE} showing a crowd at a kiosk. {STYLE_SENTENCE}", "kind": "image"}]}
    task = {"outline": OUTLINE, "prompts": written}
    assert other_scenes(task, 5) == ["a crowd at a kiosk."]
    assert other_scenes({"outline": OUTLINE}, 5) == ["engineers asleep on beanbags beside a blinking server rack. a dim office at 3 a.m."]
    assert other_scenes(task, 4) == ["a wall of screens filling with first conversations. The Researcher at her desk on November 30, 2022."]


def test_story_number_feedback_and_a_messy_scene(tmp_path):
    messy = {**SCENE, "moment": '"The moment\nthe preview went live."', "setting": "The Lab"}
    prompts, provider = run_node(tmp_path, [messy], story_number=9, feedback="show more people")
    [prompt] = prompts[5]
    assert prompt["prompt"].startswith(
        f"9: A {DEFAULT_STYLE} showing the moment the preview went live, in The Lab, a sunlit open-plan office with "
        "whiteboards. The Researcher,"
    )
    assert "A reviewer asked for these changes to the image prompts; follow them:\nshow more people" in provider.calls[0]["user"]


def test_a_title_repeat_is_asked_again_with_the_reason(tmp_path):
    title_only = {"moment": "The Launch That Broke the Internet", "setting": "", "people": [], "foreground": "",
                  "background": "", "metaphor": ""}
    prompts, provider = run_node(tmp_path, [title_only, SCENE])
    assert len(provider.calls) == 2
    retry = provider.calls[1]["user"]
    assert ('Your last picture was rejected: it repeats the chapter title "The Launch That Broke the Internet" instead '
            "of showing a moment; it has 6 words; describe the picture in at least 35. Describe a different, concrete picture.") in retry
    assert prompts[5][0]["prompt"] == f"5: A {DEFAULT_STYLE} showing {SCENE_TEXT} {STYLE_SENTENCE}"
    kept = json.loads((tmp_path / "r1" / "drafts" / "05-the-launch-that-broke-the-internet.scenes-rejected.json").read_text())
    assert kept[0][0].startswith("it repeats the chapter title")  # the run folder keeps why it was asked again


def test_a_short_scene_a_near_copy_and_the_example_are_rejected():
    title = "The Launch That Broke the Internet"
    short = "a crowd cheering in a square under a big screen."
    assert scene_problems(short, title, []) == ["it has 10 words; describe the picture in at least 35"]
    assert scene_problems(SCENE_TEXT, title, []) == []
    assert scene_problems(SCENE_TEXT, "Preview", []) == []  # a one-word title may be named in a good scene
    assert scene_problems(f"{title}, as the preview went live.", title, [])[0].startswith("it repeats the chapter title")
    near = SCENE_TEXT.replace("night the", "evening the").replace("coffee cups", "tea cups")
    [reason] = scene_problems(near, title, [SCENE_TEXT])
    assert reason.startswith("it is nearly the same as another chapter's picture")
    assert scene_problems(scene_sentences(EXAMPLE), title, []) == ["it copies the example; describe this chapter's own moment"]
    earlier = ("the night the cable went live, in the telegraph house at Valentia in 1858. In the foreground, two clerks "
               "bent over a galvanometer; in the background, a lamp-lit window on the dark harbour. The wire is a thread "
               "of light across the sea.")
    same_moment = ("the night the cable went live, on the deck of the Niagara in August 1858. In the foreground, sailors "
                   "cheering by the paying-out gear; in the background, rockets over the bay. The ship is a needle "
                   "stitching two continents.")
    assert scene_problems(same_moment, title, [earlier]) == [
        "it shows the moment another chapter's picture shows (\"the night the cable went live\"); choose another moment of "
        "this chapter"]
    assert scene_problems(SCENE_TEXT, title, [earlier]) == []
    # a moment another chapter tells, over a chapter that tells little of it, is that chapter's picture
    chapter = "In 1858 the first cable snapped two days out of Valentia, and the company sent the ships home."
    plan = "The cable goes live in August 1858, and the two ships meet in mid-ocean."
    reasons = scene_problems(same_moment, title, [plan], chapter)
    assert any(r.startswith("it shows what another chapter tells (\"The cable goes live in August 1858") for r in reasons)
    assert scene_problems(same_moment.replace("the cable went live", "the cable snapped"), title, [plan], chapter) == []
    # the story's subject, which every chapter names, places the moment in none of them
    later = "In 1866 the Great Eastern laid a new cable, and the cable's triumph was complete."
    reasons = scene_problems(same_moment.replace("the cable went live", "the cable's triumph"), title, [plan, later],
                             chapter, own_moment="the first cable snapped")
    assert "show a moment this chapter tells, such as \"the first cable snapped\"" in reasons[-1]
    from agent.illustration.scenes import same_moment_shown
    assert same_moment_shown("the cable's landing", "the morning the crew landed the cable at Valentia")
    assert not same_moment_shown("the cable's landing", "the night the queen's message arrived")
    one_field = Scene.model_validate({**SCENE, "background": EXAMPLE.background})
    assert copied_fields(one_field) == ["it copies the example; describe this chapter's own moment"]
    assert copied_fields(Scene.model_validate(SCENE)) == []
    borrowed = Scene.model_validate({**SCENE, "metaphor": "The news falls across the room like a hand reaching from one side to the other."})
    assert copied_fields(borrowed) == ["it copies the example; describe this chapter's own moment"]


def test_after_three_rejections_the_fallback_comes_from_the_plan_never_the_title(tmp_path):
    title_only = {"moment": "The Launch That Broke the Internet", "setting": "", "people": [], "foreground": "",
                  "background": "", "metaphor": ""}
    prompts, provider = run_node(tmp_path, [title_only] * 3)
    assert len(provider.calls) == 3
    text = prompts[5][0]["prompt"]
    assert text.startswith(
        f"5: A {DEFAULT_STYLE} showing a wall of screens filling with first conversations. In the foreground, The "
        "Researcher at her desk on November 30, 2022; in the background, ChatGPT launched as a research preview. "
        "It reached 1 million users in five days."
    )
    assert "Broke the Internet" not in text and text.endswith(STYLE_SENTENCE)


def test_a_picture_of_its_own_chapter_that_only_shows_another_chapters_moment_beats_the_stand_in(tmp_path):
    alike = {**SCENE, "moment": "engineers asleep on beanbags beside a blinking server rack"}
    told = {"number": 5, "title": "The Launch That Broke the Internet",
            "text": TEXT + " That night engineers slept on beanbags beside a blinking server rack [003-b5.p3]."}
    prompts, provider = run_node(tmp_path, [alike] * 3, chapter_text=told)
    assert len(provider.calls) == 3  # asked again twice, with the reason
    assert "it shows the moment another chapter's picture shows" in provider.calls[1]["user"]
    text = prompts[5][0]["prompt"]
    assert text.startswith(f"5: A {DEFAULT_STYLE} showing engineers asleep on beanbags beside a blinking server rack, "
                           "in a glass-walled office")
    # when the chapter does not tell that moment at all, the picture is another chapter's: the stand-in is drawn
    prompts, provider = run_node(tmp_path, [alike] * 3)
    assert "it shows what another chapter tells" in provider.calls[1]["user"]
    assert prompts[5][0]["prompt"].startswith(f"5: A {DEFAULT_STYLE} showing a wall of screens filling with first conversations")


def test_a_near_copy_of_another_chapters_whole_picture_never_stands(tmp_path):
    from agent.illustration.scenes import draw_scene, scene_sentences
    from agent.illustration.style_sheet import default_sheet
    from agent.state import Chapter

    provider = FakeProvider(replies=[SCENE] * 3)
    sheet = default_sheet()
    chapter = Chapter(number=5, title="The Launch That Broke the Internet", text=TEXT)
    earlier = scene_sentences(Scene.model_validate(SCENE), sheet)
    text, _, rejected = draw_scene(LLM(provider, "illustrator"), chapter, None, sheet, others=[earlier], figures=[])
    assert len(rejected) == 3 and text != earlier  # the stand-in, not the copy


def test_unsafe_chapter_titles_give_safe_file_names(tmp_path):
    chapter = {"number": 2, "title": "../../../etc/Ünïcode Façade/ passwd", "text": "Text."}
    prompts, _ = run_node(tmp_path, [SCENE], chapter_text=chapter)
    [prompt] = prompts[2]
    assert prompt["file"] == "02-etc-unicode-facade-passwd.png" and check_file(prompt["file"]) == []


def test_supported_figures_only():
    figures = supported_figures(CHECK)
    assert [(f.text, f.value, f.passage_id) for f in figures] == [
        ("1 million", 1e6, "003-b5.p4"), ("100 million", 1e8, "004-5a.p1"),
    ]  # not the unsupported 4,321, not the date or year, not '2 regions' (absent from its evidence)
    assert supported_figures(None) == [] and supported_figures({}) == []


def test_a_chapter_built_on_figures_gets_a_chart_prompt(tmp_path):
    reply = {**SCENE, "chart": {"title": "ChatGPT users", "value_label": "users",
                                "bars": [{"label": "after five days", "figure": "1 million"},
                                         {"label": "by January", "figure": "100 million"}]}}
    prompts, provider = run_node(tmp_path, [reply], checks=CHECK)
    drawing, chart = prompts[5]
    assert drawing["kind"] == "image" and chart["kind"] == "chart"
    assert chart["file"] == "05-the-launch-that-broke-the-internet-chart.png"
    assert [(p["label"], p["value"], p["passage_id"]) for p in chart["chart"]["points"]] == [
        ("after five days", 1e6, "003-b5.p4"), ("by January", 1e8, "004-5a.p1"),
    ]
    assert chart["chart"]["colors"] == ["#0f766e", "#f97316"] and chart["chart"]["background"] == "#fff8f0"
    text = chart["prompt"]
    assert text.startswith('5: A horizontal bar chart, "ChatGPT users", drawn with matplotlib in the story\'s palette')
    assert "after five days: 1,000,000 [003-b5.p4]; by January: 100,000,000 [004-5a.p1]" in text
    assert "```python\nimport matplotlib.pyplot as plt" in text and "colors = ['#0f766e', '#f97316']" in text
    enum = provider.calls[0]["schema"].model_json_schema()["$defs"]["ChartBar"]["properties"]["figure"]["enum"]
    assert enum == ["1 million", "100 million"]
    assert "confirmed these figures from the sources: 1 million; 100 million." in provider.calls[0]["user"]
    ChartPrompt.model_validate(chart)


def test_build_chart_drops_bars_whose_figure_is_not_supported():
    class Bar:
        def __init__(self, label, figure):
            self.label, self.figure = label, figure

    class Draft:
        title, value_label = "Users", "users"
        bars = [Bar("launch", "1 million"), Bar("investors", "4,321")]

    assert build_chart(Draft(), supported_figures(CHECK), SHEET) is None  # one supported bar left: no chart
    assert build_chart(None, supported_figures(CHECK), SHEET) is None


def test_chart_code_compiles_and_the_chart_renders_from_data(tmp_path):
    draft = type("D", (), {"title": "Users $", "value_label": "users",
                           "bars": [type("B", (), {"label": "a", "figure": "1 million"})(),
                                    type("B", (), {"label": "b", "figure": "100 million"})()]})()
    data = build_chart(draft, supported_figures(CHECK), SHEET)
    compile(chart_code(data, "05-x-chart.png"), "chart.py", "exec")
    png = render_chart(data)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_checks_model_round_trip():
    assert ChapterCheck.model_validate(CHECK).flagged[0].claim == "The team met 4,321 investors"


def test_a_long_scene_is_shortened_to_fit_the_prompt_and_cut_at_clauses(tmp_path):
    wordy = {key: f"{value}, " + "with many more words about every small detail of the room " * 3
             for key, value in SCENE.items() if isinstance(value, str)}
    wordy["people"] = [{"who": "The Researcher", "action": "reads the first messages, " + "slowly and carefully " * 6}] * 3
    prompts, _ = run_node(tmp_path, [wordy])
    text = prompts[5][0]["prompt"]
    assert len(text.split()) <= 92 and text.endswith(STYLE_SENTENCE)
    assert "the night the preview went live" in text and "A paper lantern rises from the monitor into the night." in text


def test_a_scene_naming_a_place_or_company_the_story_never_names_is_drawn_again():
    known = "Cyrus Field raised the money in New York. The cable ran from Valentia Island to Newfoundland in 1858."
    scene = ("the night the cable went live, in the telegraph house at Valentia Island in 1858. In the foreground, Cyrus "
             "Field reads a message by a lamp; in the background, the harbour of Boston and a Western Union office.")
    assert unknown_names(scene, known) == ["Boston", "Western Union"]
    assert unknown_names(scene.replace("Boston", "New York").replace(" and a Western Union office", ""), known) == []
    [reason] = scene_problems(scene, "A queen's message", [], "", known)
    assert reason == "it names Boston, Western Union, which the story never names; show only its own people and places"
    assert scene_problems(scene, "A queen's message", []) == []  # nothing known: nothing to compare with


def test_a_place_named_more_closely_after_a_known_one_is_no_new_name():
    known = "The cable company of New York | Valentia Island"
    scene = "the landing, at Valentia Island, Ireland, in 1858. Engineers from New York, USA watch from Boston."
    assert unknown_names(scene, known) == ["Boston"]


def test_a_field_cut_off_mid_phrase_or_placed_in_the_other_half_is_asked_for_again():
    cut = Scene.model_validate({**SCENE, "foreground": "two engineers and a large screen displaying"})
    assert unfinished_fields(cut) == ['its foreground stops mid-phrase ("a large screen displaying"); finish every field']
    cut = Scene.model_validate({**SCENE, "metaphor": "The cable is like a thread tied to the"})
    assert unfinished_fields(cut)[0].startswith("its metaphor stops mid-phrase")
    cut = Scene.model_validate({**SCENE, "metaphor": "The talk mirrors the rapid growth of the chatbot as it"})
    assert unfinished_fields(cut)[0].startswith("its metaphor stops mid-phrase")
    swapped = Scene.model_validate({**SCENE, "foreground": "a group of engineers at work in the background"})
    assert unfinished_fields(swapped) == ["its foreground describes the other half of the picture; say only what fills the foreground"]
    assert unfinished_fields(Scene.model_validate(SCENE)) == []
    assert unfinished_fields(EXAMPLE) == []


def test_a_possessive_name_is_the_name_and_a_field_ending_on_a_year_is_finished():
    known = "Liam Fedus and Jan Leike worked on the chatbot in San Francisco."
    assert unknown_names("A desk in the office. Liam Fedus' laptop glows beside Jan Leike's notes.", known) == []
    assert unfinished_fields(Scene.model_validate({**SCENE, "setting": "an open-plan office building in 2022"})) == []


def test_the_stand_in_shows_what_the_plan_pictures_not_the_words_naming_a_picture():
    from agent.illustration.scenes import fallback_scene
    from agent.state import ChapterPlan

    plan = ChapterPlan(number=2, title="The Cable Goes Live", beats=["The cable carried a message."],
                       visual="A picture showing two operators bent over a telegraph key at dawn")
    assert fallback_scene(plan, TEXT, plan.title).moment == "two operators bent over a telegraph key at dawn"


def test_a_scene_writing_out_the_reason_it_was_asked_again_is_asked_again():
    from agent.illustration.scenes import echoes_reasons

    reasons = ["it shows the moment another chapter's picture shows (\"the night the cable went live\"); choose another "
               "moment of this chapter"]
    echo = "the moment another chapter's picture shows, on the deck of a ship at night, sailors at the rail."
    assert echoes_reasons(echo, reasons)[0].startswith("it writes out the reason")
    assert echoes_reasons("the night the cable went live, on the deck of the Niagara.", reasons) == []


def test_a_picture_naming_an_unknown_landmark_beats_the_stand_in_when_no_answer_is_clean(tmp_path):
    from agent.illustration.scenes import draw_scene
    from agent.illustration.style_sheet import default_sheet
    from agent.state import Chapter

    landmark = {**SCENE, "background": "the Golden Gate Bridge in fog"}
    provider = FakeProvider(replies=[landmark] * 3)
    chapter = Chapter(number=5, title="The Launch That Broke the Internet", text=TEXT)
    text, _, rejected = draw_scene(LLM(provider, "illustrator"), chapter, None, default_sheet(), others=[], figures=[],
                                   names=["ChatGPT"])
    assert len(rejected) == 3 and all(r[0].startswith("it names") and "Golden Gate Bridge" in r[0] for r in rejected)
    assert "Golden Gate Bridge in fog" in text


def test_a_picture_whose_only_fault_is_its_year_is_put_in_the_chapters_year_over_the_stand_in(tmp_path):
    year_off = {**SCENE, "setting": "a glass-walled office, November 2021"}
    prompts, provider = run_node(tmp_path, [year_off] * 3)
    assert len(provider.calls) == 3
    assert "it sets the picture in 2021, but the chapter happens in 2022" in provider.calls[1]["user"]
    text = prompts[5][0]["prompt"]
    assert "in a glass-walled office, November 2022" in text and "2021" not in text
    assert text.startswith(f"5: A {DEFAULT_STYLE} showing the night the preview went live")


def test_a_picture_whose_moment_only_names_the_title_gets_the_plans_moment_over_the_stand_in(tmp_path):
    titled = {**SCENE, "moment": "The Launch That Broke the Internet"}
    prompts, provider = run_node(tmp_path, [titled] * 3)
    assert len(provider.calls) == 3 and "it repeats the chapter title" in provider.calls[1]["user"]
    text = prompts[5][0]["prompt"]
    # the answer's own picture stays; only its moment is the plan's
    assert text.startswith(f"5: A {DEFAULT_STYLE} showing a wall of screens filling with first conversations, in a "
                           "glass-walled office, November 2022. The Researcher")
    assert "in the foreground, a desk of coffee cups" in text.lower() and "Broke the Internet" not in text


def test_a_moment_that_opens_on_a_day_is_no_clause_to_wrap():
    from agent.illustration.scenes import scene_sentences

    text = scene_sentences(Scene.model_validate({**SCENE, "moment": "the day Microsoft announced Bing Chat"}))
    assert text.startswith("the day Microsoft announced Bing Chat, in a glass-walled office")
    assert scene_sentences(Scene.model_validate({**SCENE, "moment": "OpenAI was still a quiet lab"})).startswith(
        "the moment when OpenAI was still a quiet lab")


def test_a_picture_of_another_chapters_moment_gets_the_plans_moment_and_loses_an_unknown_place(tmp_path):
    elsewhere = {**SCENE, "moment": "engineers asleep on beanbags beside a blinking server rack",
                 "setting": "an office in Mountain View, November 2022"}
    prompts, provider = run_node(tmp_path, [elsewhere] * 3)
    assert len(provider.calls) == 3 and "it shows what another chapter tells" in provider.calls[1]["user"]
    text = prompts[5][0]["prompt"]
    # the answer's own picture stays, with the plan's moment and without the place the story never names
    assert text.startswith(f"5: A {DEFAULT_STYLE} showing a wall of screens filling with first conversations. The Researcher")
    assert "in the foreground, a desk of coffee cups" in text.lower()
    assert "Mountain View" not in text and "beanbags" not in text


def test_a_picture_of_another_chapters_moment_with_people_the_chapter_never_names_is_not_mended(tmp_path):
    elsewhere = {**SCENE, "moment": "engineers asleep on beanbags beside a blinking server rack",
                 "people": [{"who": "Ada Vik", "action": "reads the first messages"}]}
    prompts, _ = run_node(tmp_path, [elsewhere] * 3)
    text = prompts[5][0]["prompt"]
    assert "Ada Vik" not in text and "beanbags" not in text  # the stand-in, built from the chapter's own plan
