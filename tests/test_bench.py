"""bench/: the figures' arithmetic on known call records, and the scripted API's replies (no timing asserted)."""

from __future__ import annotations

from bench.figures import critical_path, recheck_ratio
from bench.latency import chapter, own_words, sentences_of


def call(step, chapter=None, seconds=1.0, tokens=100):
    return {"step": step, "chapter": chapter, "seconds": seconds, "input_tokens": tokens, "sources_tokens": 0}


def test_the_critical_path_is_outline_plus_the_slowest_chain_and_image_plus_style():
    calls = [call("outline", seconds=2.0), call("outline", seconds=1.0),
             call("write", 1, 1.5), call("fact_check", 1, 0.5), call("write", 2, 1.0), call("revise", 2, 2.0),
             call("image_prompts", 1, 0.7), call("image_prompts", 2, 0.9), call("style_consistency", seconds=0.4)]
    assert critical_path(calls) == 3.0 + 3.0 + 0.9 + 0.4


def test_the_recheck_ratio_counts_fact_check_tokens_after_each_revise_over_those_before():
    calls = [call("write", 1), call("fact_check", 1, tokens=300), call("fact_check", 1, tokens=100),
             call("revise", 1, tokens=500), call("fact_check", 1, tokens=80),
             call("write", 2), call("fact_check", 2, tokens=200)]
    ratio, counted = recheck_ratio(calls)
    assert (round(ratio, 3), counted) == (0.2, 1)


def test_the_scripted_writer_retells_without_copying_and_adds_one_invented_sentence():
    notes = ("- OpenAI released ChatGPT on November 30, 2022 as a free research preview for anyone.\n"
             "- The article says it was a surprise.\n- Within five days more than a million people had signed up to try it.")
    assert sentences_of(notes) == ["OpenAI released ChatGPT on November 30, 2022 as a free research preview for anyone.",
                                   "Within five days more than a million people had signed up to try it."]
    assert own_words("one two three four five six") == "one two three four then five six"
    text = chapter([("a.p1", notes)])
    assert "The team met 4,321 investors in Atlantis." in text and "[" not in text and "article" not in text
