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
    f"3: A {DEFAULT_STYLE} showing The Researcher, a woman in a green cardigan with round glasses, pointing at a "
    "whiteboard of neural network diagrams while engineers cheer. Drawn in deep teal, sunrise orange and warm cream, "
    "in bright morning light, with an optimistic mood; graphic-novel panel."
)
OUTLINE = Outline(title="Launch", logline="How it launched.",
                  chapters=[ChapterPlan(number=1, title="Seeds", beats=["The team forms"])])


def test_a_prompt_that_follows_the_sheet_passes():
    assert problems(check_prompt(GOOD, SHEET)) == []


def test_checks_catch_a_drifting_prompt():
    wrong_palette = GOOD.replace("deep teal, sunrise orange and warm cream", "neon pink and black")
    assert check_prompt(wrong_palette, SHEET)["palette"] == ["names no palette color"]

    missing_phrase = GOOD.replace("; graphic-novel panel", "")
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
    assert fixed == (
        f"3: A {DEFAULT_STYLE} showing The Researcher, a woman in a green cardigan with round glasses, pointing at a "
        "whiteboard of neural network diagrams in The Lab, a sunlit open-plan office with whiteboards, neon pink and "
        "black. Drawn in deep teal, sunrise orange and warm cream, in bright morning light, with an optimistic mood; "
        "graphic-novel panel."
    )
    assert keeps_scene(drifting, fixed, SHEET)


def test_a_style_sentence_of_the_writers_own_with_hex_codes_gives_way_to_the_sheets():
    rewritten = (f"3: A {DEFAULT_STYLE} showing The Researcher, a woman in a green cardigan with round glasses, at a "
                 "whiteboard. Drawn in deep teal (#0f766e), sunrise orange (#f97316), in harsh noon light.")
    fixed = repair_prompt(rewritten, SHEET, 3)
    assert "#" not in fixed and "noon" not in fixed
    assert fixed.endswith("Drawn in deep teal, sunrise orange and warm cream, in bright morning light, with an optimistic "
                          "mood; graphic-novel panel.")
    assert "at a whiteboard." in fixed and problems(check_prompt(fixed, SHEET)) == []


def test_lighting_without_a_word_for_light_reads_as_light():
    from agent.illustration.style_sheet import fields
    assert fields("soft, warm, and atmospheric", "", "calm", DEFAULT_STYLE)[0] == "soft, warm, and atmospheric light"
    assert fields("soft, early morning sunlight", "", "calm", DEFAULT_STYLE)[0] == "soft, early morning sunlight"


def test_repair_shortens_the_scene_not_the_required_parts():
    fixed = repair_prompt("The Researcher at work. " + "crowds cheering " * 400, SHEET, 1)
    assert len(fixed) <= MAX_CHARS and problems(check_prompt(fixed, SHEET)) == []


def test_keeps_scene_rejects_a_rewrite_of_another_scene():
    assert scene_of(GOOD).startswith("The Researcher, a woman in a green cardigan with round glasses, pointing at")
    assert scene_of(GOOD).endswith("while engineers cheer.")
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
        characters=[Recurring(name="Ada Lovelace", description="a woman in a dark 1840s silk dress"),
                    Recurring(name="ada lovelace", description="dup")],
    )
    sheet = repair_sheet(raw, "watercolor wide-landscape painting", passages=["Ada Lovelace wrote the notes in 1843."])
    assert [c.hex for c in sheet.palette] == ["#0f766e", "#f97316", "#fff8f0", "#2563eb"]  # under 3 valid: the default
    assert [c.name for c in sheet.palette] == ["teal", "dark orange", "floral white", "royal blue"]
    assert (sheet.lighting, sheet.framing, sheet.mood) == ("clear, even daylight", "wide-landscape, eye-level", "vivid and engaging")
    assert sheet.required_phrases == ["watercolor wide-landscape painting", "graphic-novel panel"]
    assert "watercolor" not in sheet.banned_styles and "photorealistic" in sheet.banned_styles
    assert [c.name for c in sheet.characters] == ["Ada Lovelace"]


def test_repair_sheet_accepts_short_and_bare_hex_values():
    raw = default_sheet().model_copy(update={"palette": [Color(name="A", hex="fa3"), Color(name="B", hex="#ABCDEF"),
                                                         Color(name="C", hex="#123456")]})
    assert [(c.name, c.hex) for c in repair_sheet(raw).palette] == [
        ("orange", "#ffaa33"), ("light steel blue", "#abcdef"), ("dark slate gray", "#123456"),
    ]


def test_palette_names_say_the_color_their_hex_shows():
    raw = default_sheet().model_copy(update={"palette": [
        Color(name="green", hex="#00bfff"), Color(name="sunny yellow", hex="#ffd700"), Color(name="blue", hex="#228b22"),
        Color(name="night", hex="#191970"), Color(name="sky", hex="#01bffe"),
    ]})
    sheet = repair_sheet(raw)
    # each name is the nearest named color in CIE Lab; a second color with the same name is dropped
    assert [(c.name, c.hex) for c in sheet.palette] == [
        ("deep sky blue", "#00bfff"), ("gold", "#ffd700"), ("forest green", "#228b22"), ("midnight blue", "#191970"),
    ]


def test_each_field_holds_its_own_kind_of_value():
    raw = default_sheet().model_copy(update={"lighting": "wide-landscape, eye-level", "framing": "wide-landscape, mood",
                                             "mood": "hopeful, close-up"})
    sheet = repair_sheet(raw)
    assert sheet.lighting == "clear, even daylight"  # framing words are no light
    assert sheet.framing == "wide-landscape, eye-level, close-up"
    assert sheet.mood == "hopeful"
    mixed = repair_sheet(default_sheet().model_copy(update={"lighting": "soft dawn light, low angle", "framing": "eye-level"}))
    assert (mixed.lighting, mixed.framing) == ("soft dawn light", "wide-landscape, eye-level, low angle")


def test_the_default_style_fits_any_topic():
    sheet = default_sheet()
    words = " ".join([DEFAULT_STYLE, sheet.mood, sheet.lighting, sheet.medium]).lower()
    for topical in ("technology", "tech", "optimistic", "futur", "digital"):
        assert topical not in words
    assert DEFAULT_STYLE.startswith("colorful, bright wide-landscape drawing")


CAST_OUTLINE = Outline(title="The Night ChatGPT Arrived", logline="How a chatbot reached the world.", chapters=[
    ChapterPlan(number=1, title="Before", beats=["The lab trains the model"], people=["Sam Altman"]),
    ChapterPlan(number=2, title="After", beats=["Users arrive"], people=["Sam Altman", "ChatGPT"]),
])
CAST_PASSAGES = ["In November 2022 Sam Altman announced the research preview from San Francisco.",
                 "Meta released Llama in 2023; Greg Brockman posted the user numbers."]


def test_only_real_people_and_places_from_the_sources_recur():
    raw = SHEET.model_copy(update={
        "characters": [
            Recurring(name="ChatGPT Launch", description="the art director of an illustrated story"),
            Recurring(name="Llama", description="a style sheet that every image of the story follows"),
            Recurring(name="The Night ChatGPT Arrived", description="a glowing screen"),
            Recurring(name="ChatGPT", description="a friendly robot"),
            Recurring(name="Sam Altman", description="the art director of the graphic novel's style sheet"),
            Recurring(name="Greg Brockman", description="a man in his thirties in a plain grey sweater"),
            Recurring(name="The Researcher", description="a woman in a green cardigan"),
        ],
        "places": [Recurring(name="San Francisco", description="steep streets under fog, a glass office tower"),
                   Recurring(name="Atlantis", description="a sunken city")],
    })
    sheet = repair_sheet(raw, outline=CAST_OUTLINE, topic="ChatGPT launch", passages=CAST_PASSAGES)
    # topic, title, product and model names go; so do meta descriptions and anyone the sources never name
    assert [(c.name, c.description) for c in sheet.characters] == [
        ("Greg Brockman", "a man in his thirties in a plain grey sweater"),
    ]
    assert [p.name for p in sheet.places] == ["San Francisco"]


def test_requested_style_uses_the_users_text_or_the_default():
    assert requested_style({}) == DEFAULT_STYLE
    assert requested_style({"style": "  ink and\nwash, wide-landscape. "}) == "ink and wash, wide-landscape"


def _context(tmp_path, provider) -> Context:
    return Context.for_run(Settings(topic="t"), run=RunDir(tmp_path, "r1"), llm_factory=lambda role: LLM(provider, role))


def test_make_style_sheet_asks_the_illustrator_once_and_repairs(tmp_path):
    provider = FakeProvider(replies=[SHEET.model_copy(update={"required_phrases": ["graphic-novel panel"], "framing": ""})])
    sheet = make_style_sheet(_context(tmp_path, provider), {"topic": "ChatGPT", "style": "pastel wide-landscape ink drawing"}, OUTLINE)
    assert sheet.required_phrases == ["pastel wide-landscape ink drawing", "graphic-novel panel"]
    assert sheet.framing == "wide-landscape, eye-level"
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
        "characters": [Recurring(name="Sam Altman", description="the team forms"),
                       Recurring(name="Greg Brockman", description="a man in his thirties in a plain grey sweater")],
    })
    state = {"topic": "ChatGPT", "passages": [{"id": "a.p1", "text": t} for t in CAST_PASSAGES]}
    sheet = make_style_sheet(_context(tmp_path, FakeProvider(replies=[copied])), state, OUTLINE)
    assert sheet.required_phrases == [DEFAULT_STYLE, "ink outlines"]
    assert [c.name for c in sheet.characters] == ["Greg Brockman"]


def test_make_style_sheet_shows_the_real_people_with_their_sources_and_the_period(tmp_path):
    provider = FakeProvider(replies=[SHEET])
    state = {"topic": "ChatGPT launch", "passages": [{"id": "a.p1", "text": t} for t in CAST_PASSAGES]}
    make_style_sheet(_context(tmp_path, provider), state, CAST_OUTLINE)
    user = provider.calls[0]["user"]
    assert "The sources speak of the years 2022-2023." in user
    assert "- Sam Altman: In November 2022 Sam Altman announced the research preview from San Francisco." in user
    assert "- ChatGPT:" not in user  # a product the outline listed among its people is no person to draw
    assert "the clothing of their role in those years" in user


def test_a_banned_style_the_sheet_itself_uses_is_dropped():
    raw = default_sheet().model_copy(update={"mood": "dark and hopeful", "banned_styles": ["dark", "neon"]})
    sheet = repair_sheet(raw)
    assert "dark" not in sheet.banned_styles and "neon" in sheet.banned_styles
    assert problems(check_prompt(repair_prompt("The Researcher in a dark room", sheet, 1), sheet)) == []


def test_a_required_phrase_that_names_a_subject_is_no_style():
    sheet = StyleSheet(medium="ink", palette=[], lighting="soft light", framing="", mood="calm",
                       required_phrases=["OpenAI research lab", "the Valentia Station", "loose ink hatching"], banned_styles=[])
    assert repair_sheet(sheet).required_phrases == [DEFAULT_STYLE, "loose ink hatching"]
