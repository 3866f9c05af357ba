"""Choose and build a provider by name; keys come from the environment and are never stored."""

from __future__ import annotations

import os

from agent.errors import ProviderError
from agent.llm.base import Provider

PROVIDERS = ("anthropic", "openai", "local")


def choose_provider(requested: str | None, env: dict[str, str] | None = None) -> str:
    """Pick the provider: the one asked for, else anthropic/openai by which key is set, else local."""
    env = os.environ if env is None else env
    if requested:
        if requested not in PROVIDERS:
            raise ProviderError(f"unknown provider '{requested}'; choose one of: {', '.join(PROVIDERS)}")
        return requested
    if env.get("ANTHROPIC_API_KEY"):
        return "anthropic"
    if env.get("OPENAI_API_KEY"):
        return "openai"
    return "local"


def make_provider(name: str, model: str | None = None, base_url: str | None = None) -> Provider:
    """Build a provider by name; keys come from the environment and are never stored."""
    if name == "anthropic":
        from agent.llm.providers.anthropic import AnthropicProvider

        return AnthropicProvider(model=model)
    if name == "openai":
        from agent.llm.providers.openai import OpenAIProvider

        return OpenAIProvider(model=model, base_url=base_url)
    if name == "local":
        from agent.llm.providers.local import LocalProvider

        return LocalProvider(model=model)
    raise ProviderError(f"unknown provider '{name}'; choose one of: {', '.join(PROVIDERS)}")
