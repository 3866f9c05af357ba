"""One error hierarchy; the CLI prints any of these as a single `Error:` line."""

import os
import re

SECRET_NAME_RE = re.compile(r"(API_KEY|_TOKEN|SECRET|PASSWORD)$", re.IGNORECASE)
KEY_LIKE_RE = re.compile(r"\b(sk|pk|rk)-[A-Za-z0-9_\-*]{6,}")
MESSAGE_CHARS = 300  # how much of a provider's error message is shown


def redact(text: str, limit: int | None = None) -> str:
    """Blank every secret from the environment (API keys, tokens) and anything shaped like a key in text, even a
    masked one; with a `limit`, on one line and cut to that many characters (a provider's error message)."""
    for name, value in os.environ.items():
        if value and len(value) >= 8 and SECRET_NAME_RE.search(name):
            text = text.replace(value, "[key]")
    text = KEY_LIKE_RE.sub("[key]", text)
    return text if limit is None else " ".join(text.split())[:limit]


class StoryAgentError(Exception):
    """Base class: the message is what the user reads after `Error:`."""

    exit_code = 2


class InputError(StoryAgentError):
    """Bad user input: options, reference folders, files."""


class ProviderError(StoryAgentError):
    """A model provider is misconfigured or failed."""


class RateLimited(ProviderError):
    """The provider refused a call for now (HTTP 429); `retry_after` is its wait in seconds, if it said."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class ModelOutputError(ProviderError):
    """A typed reply stayed invalid after its retries."""


class RunError(StoryAgentError):
    """A run folder or its checkpoint cannot be used."""


class MalformedReplyError(ProviderError):
    """A provider's reply could not be read (cut short in transit, not JSON): the graph's RetryPolicy tries again."""
