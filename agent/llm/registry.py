"""Choose and build a provider by name; keys come from the environment and are never stored."""

from __future__ import annotations

from agent.errors import ProviderError
from agent.llm.base import Provider
from agent.settings import PROVIDERS, choose_provider  # noqa: F401  (choose_provider: used by callers)


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
