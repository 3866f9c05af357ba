"""The fact-check benchmark runs on the dev splits and holds its thresholds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_benchmark(*args: str, split: str = "dev") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / "factcheck.py"), "--split", split, *args],
                          capture_output=True, text=True, timeout=1200, cwd=ROOT)


def test_rules_hold_their_thresholds_on_dev():
    result = run_benchmark("--methods", "rules", "--min-balanced-accuracy", "0.85", "--min-recall", "0.85",
                           "--min-atom-balanced-accuracy", "0.78", "--min-citation-precision", "0.5")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "through the checker's own splitting" in result.stdout
    assert re.search(r"atoms: n 69 \| balanced accuracy 0\.\d+", result.stdout)
    assert "contradicted precision" in result.stdout


def test_dev2_confirms_the_rules():
    result = run_benchmark("--methods", "rules", "--citations", "none", "--min-balanced-accuracy", "0.85", split="dev2")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "split dev2: 129 claims" in result.stdout


def test_a_threshold_that_is_not_met_names_the_metric_that_fell_short():
    result = run_benchmark("--methods", "rules", "--citations", "none", "--min-balanced-accuracy", "0.99",
                           "--min-atom-balanced-accuracy", "0.99")
    assert result.returncode == 1
    assert re.search(r"^  FAIL: rules balanced accuracy 0\.\d{3} < 0\.99$", result.stdout, re.M)
    assert re.search(r"^  FAIL: rules atom balanced accuracy 0\.\d{3} < 0\.99$", result.stdout, re.M)


def test_the_held_out_split_reads_its_own_folder(tmp_path):
    (tmp_path / "heldout" / "demo" / "refs").mkdir(parents=True)
    (tmp_path / "heldout" / "demo" / "refs" / "a.md").write_text("The Vell bridge opened in 1911 and was 240 metres long.\n")
    (tmp_path / "heldout" / "demo" / "story.md").write_text(
        "# Demo\n\n## Chapter 1: Bridge\n\nThe Vell bridge opened in 1911, and it was 300 metres long.\n")
    line = ('{"id": "d-1", "topic": "demo", "chapter": 1, "unit": "paragraph", "sentence": "The Vell bridge opened in 1911, '
            'and it was 300 metres long.", "claim": "%s", "label": "%s", "contradicted": %s, "kind": "number", '
            '"failure_class": null, "split": "test", "note": ""}')
    (tmp_path / "heldout" / "claims.jsonl").write_text(
        line % ("The Vell bridge opened in 1911.", "supported", "false") + "\n"
        + line.replace("d-1", "d-2") % ("The Vell bridge was 300 metres long.", "unsupported", "true") + "\n")
    result = run_benchmark("--methods", "rules", "--data", str(tmp_path), split="test")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "split test: 2 claims (1 unsupported) over 1 topics; 2 atom-level rows" in result.stdout
    assert "atoms: n 2 | balanced accuracy 1.000" in result.stdout


def test_data_may_name_a_held_out_folder_itself(tmp_path):
    (tmp_path / "demo" / "refs").mkdir(parents=True)
    (tmp_path / "demo" / "refs" / "a.md").write_text("The Vell bridge opened in 1911 and was 240 metres long.\n")
    (tmp_path / "demo" / "story.md").write_text("# Demo\n\n## Chapter 1: Bridge\n\nThe Vell bridge opened in 1911.\n")
    (tmp_path / "claims.jsonl").write_text(
        '{"id": "d-1", "topic": "demo", "chapter": 1, "unit": "single", "sentence": "The Vell bridge opened in 1911.", '
        '"claim": "The Vell bridge opened in 1911.", "label": "supported", "contradicted": false, "kind": "date", '
        '"failure_class": null, "split": "test", "note": ""}\n')
    result = run_benchmark("--methods", "rules", "--citations", "none", "--data", str(tmp_path), split="test")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "split test: 1 claims (0 unsupported) over 1 topics; 1 atom-level rows" in result.stdout


@pytest.mark.model
def test_combined_with_embedded_model_holds_its_threshold_on_atoms_dev():
    # the atom-level dev set only: the embedded model reads about one claim a second on a shared machine.
    # The model reads every pass on coverage short of TRUST_COVERAGE, chosen for unsupported recall as much as for
    # balanced accuracy: here it flags no false atom's pass and takes back some paraphrases (0.905 to 0.833)
    result = run_benchmark("--methods", "combined", "--citations", "none", "--min-balanced-accuracy", "0.80",
                           "--min-recall", "0.95", "--min-atom-balanced-accuracy", "0.75", split="atoms-dev")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
