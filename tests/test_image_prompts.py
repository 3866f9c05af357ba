"""The image_prompts node: one prompt per chapter in the sheet's style, and charts from supported figures only."""

from __future__ import annotations

from langgraph.runtime import Runtime

from agent.illustration.charts import ChartPrompt, build_chart, chart_code, render_chart, supported_figures
from agent.graph.context import Context, Settings
from agent.llm.base import LLM
from agent.graph.nodes.image_prompts import image_prompts
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
SCENE = {"scene": "The Researcher presses a glowing launch button while screens fill with messages",
         "characters": ["The Researcher"]}


def run_node(tmp_path, replies, **task):
    provider = FakeProvider(replies=list(replies))
    ctx = Context.for_run(Settings(topic="ChatGPT"), run=RunDir(tmp_path, "r1"), llm_factory=lambda role: LLM(provider, role))
    chapter = task.pop("chapter_text", {"number": 5, "title": "The Launch That Broke the Internet", "text": TEXT})
    payload = {"chapter": chapter["number"], "chapter_text": chapter, "outline": {}, "style_sheet": SHEET.model_dump(),
               "feedback": "", **task}
    return image_prompts(payload, Runtime(context=ctx))["prompts"], provider


def test_one_numbered_prompt_in_the_sheets_style(tmp_path):
    prompts, provider = run_node(tmp_path, [SCENE])
    [prompt] = prompts[5]
    assert prompt["file"] == "05-the-launch-that-broke-the-internet.png" and prompt["kind"] == "image"
    assert prompt["number"] == 5 and "chart" not in prompt
    assert prompt["prompt"].startswith(
        f"5: A {DEFAULT_STYLE} showing The Researcher presses a glowing launch button while screens fill with messages. "
        "Graphic-novel panel. The Researcher: a woman in a green cardigan with round glasses. Palette: deep teal (#0f766e)"
    )
    assert problems(check_prompt(prompt["prompt"], SHEET)) == []
    [call] = provider.calls
    assert call["schema"].__name__ == "Scene" and "chart" not in call["schema"].model_fields
    assert "Chapter 5: The Launch That Broke the Internet" in call["user"]
    assert "in five days." in call["user"] and "[003-b5.p4]" not in call["user"]  # markers stripped
    assert "- The Researcher: a woman in a green cardigan with round glasses" in call["user"]


def test_story_number_feedback_and_a_messy_scene(tmp_path):
    messy = {"scene": '"Scene: A photorealistic crowd\ncheers as The Lab lights up."', "characters": []}
    prompts, provider = run_node(tmp_path, [messy], story_number=9, feedback="show more people")
    [prompt] = prompts[5]
    assert prompt["prompt"].startswith(f"9: A {DEFAULT_STYLE} showing a crowd cheers as The Lab lights up.")
    assert "The Lab: a sunlit open-plan office with whiteboards." in prompt["prompt"]
    assert "photorealistic" not in prompt["prompt"] and problems(check_prompt(prompt["prompt"], SHEET)) == []
    assert "A reviewer asked for these changes to the image prompts; follow them:\nshow more people" in provider.calls[0]["user"]


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
