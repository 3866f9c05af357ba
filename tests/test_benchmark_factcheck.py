"""The fact-check benchmark runs on the dev split and holds its threshold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_benchmark(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / "factcheck.py"), "--split", "dev", *args],
                          capture_output=True, text=True, timeout=1200, cwd=ROOT)


def test_rules_hold_their_threshold_on_dev():
    result = run_benchmark("--methods", "rules", "--min-balanced-accuracy", "0.80", "--min-recall", "0.83")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "balanced accuracy" in result.stdout


def test_threshold_is_enforced():
    result = run_benchmark("--methods", "rules", "--min-balanced-accuracy", "0.99")
    assert result.returncode != 0


@pytest.mark.model
def test_combined_with_embedded_model_holds_its_threshold_on_dev():
    result = run_benchmark("--methods", "combined", "--citations", "none", "--min-balanced-accuracy", "0.84", "--min-recall", "0.88")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
