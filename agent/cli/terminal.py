"""Text from stories and references, made safe to print: no escape sequences reach the terminal."""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline; ESC starts every terminal escape sequence.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Return text with control characters (and so every terminal escape sequence's ESC) removed."""
    return _CONTROL_RE.sub("", text)


def one_line(text: str) -> str:
    """Return text as one printable line: every run of whitespace, newlines included, becomes one space."""
    return printable(" ".join(text.split()))


def printable_data(data):
    """Return a copy of JSON-like data (dicts, lists, strings) with printable() applied to every string."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {key: printable_data(value) for key, value in data.items()}
    if isinstance(data, list):
        return [printable_data(value) for value in data]
    return data
