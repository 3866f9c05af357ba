"""Size limits on what a run takes in, so one huge file cannot eat the machine's memory and disk."""

from __future__ import annotations

import os

from agent.errors import InputError

MAX_REFERENCE_MB = 5.0  # a long article is well under 1 MB of text; 5 MB leaves room for HTML pages
ENV_MAX_REFERENCE_MB = "STORYAGENT_MAX_REFERENCE_MB"


def max_reference_mb() -> float:
    """Return the largest reference file accepted, in MB (STORYAGENT_MAX_REFERENCE_MB overrides the default)."""
    raw = os.environ.get(ENV_MAX_REFERENCE_MB, "").strip()
    if not raw:
        return MAX_REFERENCE_MB
    try:
        megabytes = float(raw)
    except ValueError:
        raise InputError(f"{ENV_MAX_REFERENCE_MB} must be a number of megabytes, got '{raw}'") from None
    if megabytes <= 0:
        raise InputError(f"{ENV_MAX_REFERENCE_MB} must be above 0, got '{raw}'")
    return megabytes


def check_reference_size(path, size: int) -> None:
    """Refuse a reference file larger than the limit, saying how to raise it."""
    limit = max_reference_mb()
    if size > limit * 1024 * 1024:
        shown = f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{size / 1024:.1f} KB"
        raise InputError(f"reference file {path} is {shown}, over the {limit:g} MB limit; "
                         f"split or trim it, or raise the limit with {ENV_MAX_REFERENCE_MB}")
