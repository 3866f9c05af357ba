"""The response cache: an identical request is answered from it, a re-run never is, --no-cache bypasses it."""

from __future__ import annotations

import json

from pydantic import BaseModel, Field

from agent.graph.context import Context, Settings, default_llm_factory
from agent.llm import model_store
from agent.llm.base import LLM
from agent.llm.cache import ResponseCache
from agent.storage.folder import RunDir
from tests.approval_support import draft_args, invoke
from tests.fakes import FakeProvider, FakeScorer, words
from tests.scripted import respond


class Answer(BaseModel):
    answer: str = Field(description="The answer")


def test_an_identical_request_is_answered_from_the_cache_and_logged_as_a_hit(tmp_path):
    provider = FakeProvider(replies=["Once upon a time.", "A second reply."])
    records: list[dict] = []
    cache = ResponseCache(tmp_path / "responses.sqlite")
    llm = LLM(provider, "writer", log=records.append, cache=cache)
    assert llm.text("You write.", "Begin.", temperature=0.0) == "Once upon a time."
    assert llm.text("You write.", "Begin.", temperature=0.0) == "Once upon a time."
    assert len(provider.calls) == 1
    assert [r.get("cache_hit", False) for r in records] == [False, True]
    assert records[0]["key"] == records[1]["key"] and len(records[0]["key"]) == 16
    assert records[1]["input_tokens"] == 0 and records[1]["seconds"] == 0.0
    # another process, same file: still a hit
    again = LLM(provider, "writer", cache=ResponseCache(tmp_path / "responses.sqlite"))
    assert again.text("You write.", "Begin.", temperature=0.0) == "Once upon a time."
    assert len(provider.calls) == 1


def test_any_change_to_the_request_misses_the_cache(tmp_path):
    provider = FakeProvider(respond=lambda call: f"reply {len(call['user'])}")
    llm = LLM(provider, "writer", cache=ResponseCache(tmp_path / "c.sqlite"))
    llm.text("s", "u", temperature=0.0)
    llm.text("s", "u", temperature=0.5)
    llm.text("s", "u", temperature=0.0, max_tokens=10)
    llm.text("s2", "u", temperature=0.0)
    assert len(provider.calls) == 4
    provider.respond = lambda call: {"answer": "cached"}
    assert llm.typed("s", "u", Answer) == Answer(answer="cached")
    assert llm.typed("s", "u", Answer) == Answer(answer="cached")
    assert len(provider.calls) == 5


def test_fresh_calls_skip_reading_the_cache_but_store_their_replies(tmp_path):
    provider = FakeProvider(replies=["first", "second", "third"])
    cache = ResponseCache(tmp_path / "c.sqlite")
    LLM(provider, "writer", cache=cache).text("s", "u")
    fresh = LLM(provider, "writer", cache=cache, fresh=True)
    assert fresh.text("s", "u") == "second"
    assert LLM(provider, "writer", cache=cache).text("s", "u") == "second"
    assert len(provider.calls) == 2


def test_score_calls_are_cached_with_their_token_scores(tmp_path):
    provider = FakeScorer()
    llm = LLM(provider, "fact_checker", cache=ResponseCache(tmp_path / "c.sqlite"))
    first = llm.score("s", [("Text: a b", "a b c")])
    assert llm.score("s", [("Text: a b", "a b c")]) == first == [words("a b c", -0.5)]
    assert len(provider.calls) == 1


def test_the_default_factory_shares_one_cache_file_under_storyagent_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYAGENT_CACHE", str(tmp_path / "cache"))
    import agent.graph.context

    monkeypatch.setattr(agent.graph.context, "make_provider", lambda name, model, base_url: FakeProvider(replies=["x"]))
    monkeypatch.setattr(model_store, "installed", lambda name: False)  # one embedded model: one provider, one throttle
    run = RunDir(tmp_path / "runs", "r")
    factory = default_llm_factory(Settings(topic="t"), run)
    writer, checker = factory("writer"), factory("fact_checker")
    assert writer.cache is checker.cache and writer.cache.path == tmp_path / "cache" / "responses.sqlite"
    assert writer.throttle is checker.throttle and writer.throttle.limit == 1
    assert default_llm_factory(Settings(topic="t", cache=False), run)("writer").cache is None
    context = Context.for_run(Settings(topic="t"), run=run, llm_factory=factory)
    llm = context.llm("writer")
    context.bypass_cache()
    assert llm.fresh and context.llm("planner").fresh


def cached_scripted(tmp_path, monkeypatch):
    import agent.graph.context

    provider = FakeProvider(respond=respond)
    cache = ResponseCache(tmp_path / "responses.sqlite")

    def factory(settings, run):
        return lambda role: LLM(provider, role, log=run.log_call, cache=cache if settings.cache else None)

    monkeypatch.setattr(agent.graph.context, "default_llm_factory", factory)
    return provider


def calls(run) -> list[dict]:
    return [json.loads(line) for line in (run / "calls.jsonl").read_text().splitlines()]


def test_a_second_identical_draft_makes_no_call_and_a_rerun_is_never_cached(tmp_path, seed_refs, monkeypatch):
    provider = cached_scripted(tmp_path, monkeypatch)
    assert invoke(*draft_args(tmp_path, seed_refs, "one", "--yes")).exit_code == 0
    first = len(provider.calls)
    assert first > 5
    result = invoke(*draft_args(tmp_path, seed_refs, "two", "--yes"))
    assert result.exit_code == 0, result.output
    assert len(provider.calls) == first
    one, two = tmp_path / "runs" / "one", tmp_path / "runs" / "two"
    assert (one / "story.md").read_text() == (two / "story.md").read_text()
    assert all(c.get("cache_hit") for c in calls(two)) and len(calls(two)) == len(calls(one))

    before = len(calls(two))
    assert invoke("rerun", "two", "--chapter", "2", "--yes", "--runs-dir", tmp_path / "runs").exit_code == 0
    rerun = calls(two)[before:]
    assert rerun and not any(c.get("cache_hit") for c in rerun)
    assert {c["step"] for c in rerun} >= {"write", "image_prompts"}

    assert invoke(*draft_args(tmp_path, seed_refs, "three", "--yes", "--no-cache")).exit_code == 0
    assert not any(c.get("cache_hit") for c in calls(tmp_path / "runs" / "three"))
