"""fallback_scene: built from the chapter's own sentences, however long they are."""

from __future__ import annotations

from agent.illustration.scenes import fallback_scene


def test_a_long_chapter_sentence_is_cut_to_a_scene_field_at_a_word():
    long = "The board met again in the small glass room above the harbour " * 6
    text = " ".join([f"{long.strip()}."] * 4)
    scene = fallback_scene(None, text, "Harbour Days")
    assert scene.moment and scene.foreground and scene.metaphor
    for value in filter(None, (scene.moment, scene.foreground, scene.background, scene.metaphor)):
        assert len(value) <= 240 and long.startswith(value[:60])
        assert not value.endswith(" ") and value.split()[-1] in long.split()
