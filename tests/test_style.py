"""The style sheet (written, repaired) and the no-model checks and repair of image prompts."""

from __future__ import annotations

import pytest

from agent.graph.context import Context, Settings
from agent.llm.base import LLM
from agent.storage.folder import RunDir
from agent.state import ChapterPlan, Color, Outline, Recurring, StyleSheet
from agent.illustration.style_sheet import DEFAULT_STYLE, default_sheet, make_style_sheet, repair_sheet, requested_style
from agent.illustration.prompt_checks import (
    MAX_CHARS, check_file, check_prompt, keeps_scene, problems, repair_prompt, safe_file, scene_of,
)
from tests.fakes import FakeProvider

SHEET = StyleSheet(
    medium="colorful digital drawing",
    palette=[Color(name="deep teal", hex="#0f766e"), Color(name="sunrise orange", hex="#f97316"),
             Color(name="warm cream", hex="#fff8f0")],
    lighting="bright morning light",
    framing="wide-landscape, eye-level",
    mood="optimistic",
    required_phrases=[DEFAULT_STYLE, "graphic-novel panel"],
    banned_styles=["photorealistic", "dark horror"],
    characters=[Recurring(name="The Researcher", description="a woman in a green cardigan with round glasses")],
    places=[Recurring(name="The Lab", description="a sunlit open-plan office with whiteboards")],
)
GOOD = (
    f"3: A {DEFAULT_STYLE} showing The Researcher pointing at a whiteboard of neural network diagrams while engineers "
    "cheer. Graphic-novel panel. The Researcher: a woman in a green cardigan with round glasses. "
    "Palette: deep teal (#0f766e), sunrise orange (#f97316), warm cream (#fff8f0)."
)
OUTLINE = Outline(title="Launch", logline="How it launched.",
                  chapters=[ChapterPlan(number=1, title="Seeds", beats=["The team forms"])])


def test_a_prompt_that_follows_the_sheet_passes():
    assert problems(check_prompt(GOOD, SHEET)) == []


def test_checks_catch_a_drifting_prompt():
    wrong_palette = GOOD.replace("Palette: deep teal (#0f766e), sunrise orange (#f97316), warm cream (#fff8f0).",
                                 "Colors: neon pink and black.")
    assert check_prompt(wrong_palette, SHEET)["palette"] == ["names no palette color"]

    missing_phrase = GOOD.replace(" Graphic-novel panel.", "")
    assert check_prompt(missing_phrase, SHEET)["required_phrases"] == ["missing required phrase: graphic-novel panel"]

    described_differently = GOOD.replace("a woman in a green cardigan with round glasses", "a man in a red hoodie")
    assert check_prompt(described_differently, SHEET)["recurring"] == [
        "The Researcher is not described with its fixed words: a woman in a green cardigan with round glasses"
    ]

    banned = GOOD.replace("showing", "showing a photorealistic scene of")
    assert check_prompt(banned, SHEET)["banned_styles"] == ["uses banned style: photorealistic"]
    assert check_prompt("3: A tiny prompt.", SHEET)["length"] == ["length 17 outside 80-4000 characters"]


def test_repair_makes_every_check_pass_and_keeps_the_scene():
    drifting = ("The Researcher, a man in a red hoodie, pointing at a whiteboard of neural network diagrams in The Lab, "
                "photorealistic, neon pink and black")
    fixed = repair_prompt(drifting, SHEET, 3)
    assert problems(check_prompt(fixed, SHEET)) == []
    assert fixed.startswith(f"3: A {DEFAULT_STYLE}; graphic-novel panel. The Researcher")
    assert "pointing at a whiteboard of neural network diagrams in The Lab" in fixed
    assert "The Lab: a sunlit open-plan office with whiteboards." in fixed
    assert "photorealistic" not in fixed
    assert keeps_scene(drifting, fixed, SHEET)


def test_repair_shortens_the_scene_not_the_required_parts():
    fixed = repair_prompt("The Researcher at work. " + "crowds cheering " * 400, SHEET, 1)
    assert len(fixed) <= MAX_CHARS and problems(check_prompt(fixed, SHEET)) == []


def test_keeps_scene_rejects_a_rewrite_of_another_scene():
    assert scene_of(GOOD).startswith("The Researcher pointing at a whiteboard")
    assert keeps_scene(GOOD, GOOD.replace("cheer", "applaud"), SHEET)
    assert not keeps_scene(GOOD, f"A {DEFAULT_STYLE} showing a cat sleeping on a sofa. Palette: deep teal.", SHEET)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("03-seeds.png", "03-seeds.png"),
        ("../../etc/passwd", "03-passwd.png"),
        ("/tmp/evil.png", "03-evil.png"),
        ("..\\..\\win.png", "03-win.png"),
        ("03-café-ünïcode.png", "03-cafe-unicode.png"),
        ("日本語.png", "03-image.png"),
        ("", "03-image.png"),
        ("01-other-chapter.png", "03-other-chapter.png"),
    ],
)
def test_safe_file_never_keeps_path_parts_or_non_ascii(name, expected):
    assert safe_file(name, 3) == expected
    assert check_file(expected) == []


def test_check_file_rejects_unsafe_names():
    for name in ("../x.png", "/abs/01-x.png", "01-é.png", "01-x.PNG", "01-x.png/..", "x.png"):
        assert check_file(name), name


def test_repair_sheet_fixes_palette_framing_and_keeps_the_users_style():
    raw = StyleSheet(
        medium="", palette=[Color(name="Teal", hex="0F766E"), Color(name="bad", hex="#zzzzzz"), Color(name="Sun", hex="#fa3")],
        lighting="", framing="", mood="", required_phrases=["", "graphic-novel panel"],
        banned_styles=["watercolor", "photorealistic"],
        characters=[Recurring(name="Ada", description="a woman in a yellow raincoat"), Recurring(name="ada", description="dup")],
    )
    sheet = repair_sheet(raw, "watercolor wide-landscape painting")
    assert [c.hex for c in sheet.palette] == ["#0f766e", "#f97316", "#fff8f0", "#2563eb"]  # under 3 valid: the default
    assert sheet.framing == "wide-landscape"
    assert sheet.required_phrases == ["watercolor wide-landscape painting", "graphic-novel panel"]
    assert "watercolor" not in sheet.banned_styles and "photorealistic" in sheet.banned_styles
    assert [c.name for c in sheet.characters] == ["Ada"]


def test_repair_sheet_accepts_short_and_bare_hex_values():
    raw = default_sheet().model_copy(update={"palette": [Color(name="A", hex="abc"), Color(name="B", hex="#ABCDEF"),
                                                         Color(name="C", hex="#123456")]})
    assert [c.hex for c in repair_sheet(raw).palette] == ["#aabbcc", "#abcdef", "#123456"]


def test_requested_style_uses_the_users_text_or_the_default():
    assert requested_style({}) == DEFAULT_STYLE
    assert requested_style({"style": "  ink and\nwash, wide-landscape. "}) == "ink and wash, wide-landscape"


def _context(tmp_path, provider) -> Context:
    return Context.for_run(Settings(topic="t"), run=RunDir(tmp_path, "r1"), llm_factory=lambda role: LLM(provider, role))


def test_make_style_sheet_asks_the_illustrator_once_and_repairs(tmp_path):
    provider = FakeProvider(replies=[SHEET.model_copy(update={"required_phrases": ["graphic-novel panel"], "framing": ""})])
    sheet = make_style_sheet(_context(tmp_path, provider), {"topic": "ChatGPT", "style": "pastel wide-landscape ink drawing"}, OUTLINE)
    assert sheet.required_phrases == ["pastel wide-landscape ink drawing", "graphic-novel panel"]
    assert sheet.framing == "wide-landscape"
    assert len(provider.calls) == 1 and provider.calls[0]["schema"] is StyleSheet
    assert "Requested style: pastel wide-landscape ink drawing" in provider.calls[0]["user"]


def test_make_style_sheet_defaults_the_style(tmp_path):
    provider = FakeProvider(replies=[SHEET.model_copy(update={"required_phrases": []})])
    sheet = make_style_sheet(_context(tmp_path, provider), {"topic": "ChatGPT"}, OUTLINE)
    assert sheet.required_phrases == [DEFAULT_STYLE]
    assert f"Requested style: {DEFAULT_STYLE}" in provider.calls[0]["user"]


def test_make_style_sheet_drops_phrases_and_descriptions_copied_from_the_outline(tmp_path):
    copied = SHEET.model_copy(update={
        "required_phrases": ["The team forms", "ink outlines"],
        "characters": [Recurring(name="The Team", description="the team forms"),
                       Recurring(name="The Researcher", description="a woman in a green cardigan with round glasses")],
    })
    sheet = make_style_sheet(_context(tmp_path, FakeProvider(replies=[copied])), {"topic": "ChatGPT"}, OUTLINE)
    assert sheet.required_phrases == [DEFAULT_STYLE, "ink outlines"]
    assert [c.name for c in sheet.characters] == ["The Researcher"]


def test_a_banned_style_the_sheet_itself_uses_is_dropped():
    raw = default_sheet().model_copy(update={"mood": "dark and hopeful", "banned_styles": ["dark", "neon"]})
    sheet = repair_sheet(raw)
    assert "dark" not in sheet.banned_styles and "neon" in sheet.banned_styles
    assert problems(check_prompt(repair_prompt("The Researcher in a dark room", sheet, 1), sheet)) == []
