"""What providers need to use their prompt caches and rate-limit hints: the shared part of a prompt, the wait of a 429.

Prompts put the static instructions and the shared `<sources>` block first and the per-call part last
(see prompt_templates/_passages.j2), so a provider's prefix cache serves the part calls share: OpenAI
caches such prefixes by itself, Anthropic where the request marks them, llama.cpp reuses its KV cache.
"""

from __future__ import annotations

SOURCES_END = "</sources>"


def shared_prefix(user: str) -> tuple[str, str]:
    """Split a user prompt after its sources block: (shared head, per-call tail); ("", user) without one."""
    at = user.find(SOURCES_END)
    if at < 0:
        return "", user
    cut = at + len(SOURCES_END)
    return user[:cut], user[cut:].lstrip("\n") or "."


def retry_after(response) -> float | None:
    """Return the seconds a 429 response asks to wait (retry-after-ms or retry-after), or None."""
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            return None  # an HTTP date: let the backoff decide
    return None
