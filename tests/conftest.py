"""Shared fixtures: the seed reference articles and a scripted provider factory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture
def seed_refs(tmp_path) -> Path:
    """Copy the real ChatGPT-launch reference articles (seeds 001-004) into a folder."""
    files = sorted(SEEDS.glob("00[1-4]_*.txt"))
    if len(files) != 4:
        pytest.skip(f"seed reference articles not found in {SEEDS}")
    refs = tmp_path / "refs"
    refs.mkdir()
    for path in files:
        shutil.copy(path, refs / path.name)
    return refs
