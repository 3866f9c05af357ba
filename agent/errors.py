"""One error hierarchy; the CLI prints any of these as a single `Error:` line."""


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
