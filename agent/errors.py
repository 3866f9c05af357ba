"""One error hierarchy; the CLI prints any of these as a single `Error:` line."""


class StoryAgentError(Exception):
    """Base class: the message is what the user reads after `Error:`."""

    exit_code = 2


class InputError(StoryAgentError):
    """Bad user input: options, reference folders, files."""


class ProviderError(StoryAgentError):
    """A model provider is misconfigured or failed."""


class ModelOutputError(ProviderError):
    """A typed reply stayed invalid after its retries."""


class RunError(StoryAgentError):
    """A run folder or its checkpoint cannot be used."""


class MalformedReplyError(ProviderError):
    """A provider's reply could not be read (cut short in transit, not JSON): the graph's RetryPolicy tries again."""
