"""The no-model thresholds in agent/factcheck/ are the ones benchmarks/tune.py picks on dev."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_code_holds_the_tuned_no_model_thresholds():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "tune.py")], capture_output=True, text=True,
                            timeout=1200, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    names = [line.split(" = ")[0].rsplit(".", 1)[-1] for line in result.stdout.splitlines() if " = " in line]
    assert names == ["FALLBACK_COVERAGE", "CONTRADICT_COVERAGE", "RELATED_SHARE", "JOIN_GAIN", "NARROW_TRIES"]
    assert "the code has" not in result.stdout
