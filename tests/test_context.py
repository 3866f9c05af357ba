"""The runtime context's model choice per role."""

from __future__ import annotations

from agent.graph import context
from agent.llm import model_store
from agent.settings import Settings


def test_the_planner_writer_and_illustrator_default_to_the_stronger_embedded_model_when_it_is_installed(monkeypatch):
    monkeypatch.setattr(model_store, "installed", lambda name: name == "qwen2.5-coder-1.5b")
    local = Settings(topic="t", provider="local")
    assert context.local_role_model(local, "illustrator", "local") == "qwen2.5-coder-1.5b"
    assert context.local_role_model(local, "planner", "local") == "qwen2.5-coder-1.5b"
    assert context.local_role_model(local, "writer", "local") == "qwen2.5-coder-1.5b"
    assert context.local_role_model(local, "fact_checker", "local") is None  # the default 0.5B
    # a named model always wins, and API providers never get an embedded default
    assert context.local_role_model(Settings(topic="t", model="/m.gguf"), "illustrator", "local") == "/m.gguf"
    named = Settings(topic="t", role_models={"illustrator": "qwen2.5-coder-0.5b"})
    assert context.local_role_model(named, "illustrator", "local") == "qwen2.5-coder-0.5b"
    assert context.local_role_model(Settings(topic="t", provider="openai"), "illustrator", "openai") is None


def test_without_the_stronger_model_every_role_uses_the_default(monkeypatch):
    monkeypatch.setattr(model_store, "installed", lambda name: False)
    local = Settings(topic="t", provider="local")
    assert [context.local_role_model(local, r, "local") for r in ("planner", "writer", "illustrator")] == [None] * 3
