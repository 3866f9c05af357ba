"""`storyagent illustrate`: the OpenAI Images API through the real SDK over mocked HTTP, and local charts."""

from __future__ import annotations

import base64
import io
import json

import httpx
import pytest
import respx
from PIL import Image
from typer.testing import CliRunner

import agent.cli.images  # noqa: F401  (registers illustrate and export on the app)
from agent.cli.app import app
from agent.errors import ProviderError, RunError
from agent.illustration.images import IMAGE_SIZE, illustrate, images_client, render_charts
from agent.storage.folder import RunDir
from tests.test_style_consistency import CHART

API = "https://api.openai.com/v1"
PROMPTS = [
    {"chapter": 1, "number": 1, "file": "01-seeds.png", "kind": "image", "prompt": "1: A colorful drawing of a lab at dawn."},
    {"chapter": 2, "number": 2, "file": "02-launch.png", "kind": "image", "prompt": "2: A colorful drawing of a launch button."},
    {"chapter": 2, "number": 2, "file": "../../evil.png", "kind": "image", "prompt": "2: Escape the run folder."},
    {**CHART},
]


def png_bytes(color=(15, 118, 110)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), color).save(buffer, format="PNG")
    return buffer.getvalue()


def generated(data: bytes | None = None) -> httpx.Response:
    """A response body shaped like the Images API's for a GPT image model."""
    return httpx.Response(200, json={
        "created": 1763830000, "background": "opaque", "output_format": "png", "quality": "medium", "size": IMAGE_SIZE,
        "data": [{"b64_json": base64.b64encode(data or png_bytes()).decode()}],
        "usage": {"input_tokens": 52, "input_tokens_details": {"image_tokens": 0, "text_tokens": 52},
                  "output_tokens": 1056, "total_tokens": 1108},
    })


def api_error(status: int, message: str) -> httpx.Response:
    return httpx.Response(status, json={"error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}})


@pytest.fixture
def run(tmp_path) -> RunDir:
    run = RunDir(tmp_path / "runs", "r1")
    run.create()
    run.write_json("image_prompts.json", PROMPTS)
    run.write_text("story.md", "# Story\n")
    return run


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-123")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    return images_client(http_client=httpx.Client())  # respx mocks httpx transports; the SDK accepts an httpx client


def test_generates_each_missing_image_with_the_right_request(run, client):
    with respx.mock(base_url=API) as mock:
        route = mock.post("/images/generations").mock(side_effect=[generated(png_bytes((1, 2, 3))), generated()])
        outcome = illustrate(run, "gpt-image-2.5-flare", client, sleep=lambda s: None)
    assert outcome.written == ["01-seeds.png", "02-launch.png"] and outcome.skipped == []
    assert outcome.failed == {"../../evil.png": "unsafe file name; run the style check again"}
    bodies = [json.loads(call.request.content) for call in route.calls]
    assert bodies == [
        {"model": "gpt-image-2.5-flare", "prompt": "A colorful drawing of a lab at dawn.", "size": "1536x1024", "n": 1, "output_format": "png"},
        {"model": "gpt-image-2.5-flare", "prompt": "A colorful drawing of a launch button.", "size": "1536x1024", "n": 1, "output_format": "png"},
    ]
    assert route.calls[0].request.headers["authorization"] == "Bearer sk-test-123"
    assert Image.open(run.path / "01-seeds.png").getpixel((0, 0)) == (1, 2, 3)
    assert not (run.root.parent / "evil.png").exists() and not (run.root / "evil.png").exists()
    assert sorted(p.name for p in run.path.iterdir()) == ["01-seeds.png", "02-launch.png", "image_prompts.json", "story.md"]


def test_skips_images_that_exist(run, client):
    (run.path / "01-seeds.png").write_bytes(png_bytes())
    with respx.mock(base_url=API) as mock:
        route = mock.post("/images/generations").mock(return_value=generated())
        outcome = illustrate(run, "gpt-image-1", client)
    assert outcome.skipped == ["01-seeds.png"] and outcome.written == ["02-launch.png"] and route.call_count == 1
    assert json.loads(route.calls[0].request.content)["model"] == "gpt-image-1"


def test_retries_server_errors_and_rate_limits_with_backoff(run, client):
    waits = []
    with respx.mock(base_url=API) as mock:
        route = mock.post("/images/generations").mock(side_effect=[
            api_error(500, "The server had an error"), api_error(429, "Rate limit reached"), generated(),
            httpx.ConnectError("connection reset"), generated(),
        ])
        outcome = illustrate(run, "gpt-image-2.5-flare", client, backoff=1.5, sleep=waits.append)
    assert outcome.written == ["01-seeds.png", "02-launch.png"] and route.call_count == 5
    assert waits == [1.5, 3.0, 1.5]


def test_a_refused_or_failing_image_is_reported_and_the_others_still_made(run, client):
    with respx.mock(base_url=API) as mock:
        mock.post("/images/generations").mock(side_effect=[
            api_error(400, "Your request was rejected by the safety system."),
            api_error(503, "busy"), api_error(503, "busy"), api_error(503, "busy"),
        ])
        outcome = illustrate(run, "gpt-image-2.5-flare", client, retries=2, sleep=lambda s: None)
    assert outcome.written == []
    assert outcome.failed["01-seeds.png"] == "OpenAI Images API error 400: Your request was rejected by the safety system."
    assert outcome.failed["02-launch.png"] == "OpenAI Images API error 503 after 3 tries"
    assert not (run.path / "01-seeds.png").exists()


def test_a_bad_key_stops_at_once(run, client):
    with respx.mock(base_url=API) as mock:
        route = mock.post("/images/generations").mock(return_value=api_error(401, "Incorrect API key provided: sk-test***"))
        with pytest.raises(ProviderError, match=r"^OpenAI Images API error 401 for model gpt-image-2.5-flare: Incorrect API key"):
            illustrate(run, "gpt-image-2.5-flare", client)
    assert route.call_count == 1


def test_a_reply_without_a_png_is_a_failure(run, client):
    with respx.mock(base_url=API) as mock:
        mock.post("/images/generations").mock(side_effect=[generated(b"GIF89a not a png"), generated()])
        outcome = illustrate(run, "gpt-image-2.5-flare", client)
    assert outcome.failed["01-seeds.png"] == "OpenAI Images API returned no PNG image (no b64_json data)"
    assert outcome.written == ["02-launch.png"]


def test_missing_key_is_a_provider_error(run, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ProviderError, match=r"^OPENAI_API_KEY is not set: "):
        illustrate(run)
    for name in ("01-seeds.png", "02-launch.png"):
        (run.path / name).write_bytes(png_bytes())
    assert illustrate(run).skipped == ["01-seeds.png", "02-launch.png"]  # nothing to draw: no key needed


def test_a_run_without_prompts_is_a_run_error(tmp_path):
    run = RunDir(tmp_path, "empty")
    run.create()
    with pytest.raises(RunError, match="has no image_prompts.json"):
        illustrate(run)


def test_render_charts_draws_from_data_and_keeps_existing(run):
    outcome = render_charts(run)
    assert outcome.written == ["02-users-chart.png"]
    assert Image.open(run.path / "02-users-chart.png").size == (1500, 900)
    assert render_charts(run).skipped == ["02-users-chart.png"]


def test_render_charts_never_writes_an_unsafe_name(tmp_path):
    run = RunDir(tmp_path / "runs", "r2")
    run.create()
    run.write_json("image_prompts.json", [{**CHART, "file": "../../../chart.png"}, {**CHART, "file": "/tmp/abs-chart.png"}])
    outcome = render_charts(run)
    assert outcome.written == [] and set(outcome.failed) == {"../../../chart.png", "/tmp/abs-chart.png"}
    assert list(tmp_path.rglob("*.png")) == []


def test_cli_missing_key_prints_one_error_line(run, monkeypatch):
    result = CliRunner().invoke(app, ["illustrate", "r1", "--runs-dir", str(run.root)], env={"OPENAI_API_KEY": ""})
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: OPENAI_API_KEY is not set: ")


def test_cli_renders_charts_without_a_key(run):
    result = CliRunner().invoke(app, ["illustrate", "r1", "--runs-dir", str(run.root), "--render-charts", "--no-images"],
                                env={"OPENAI_API_KEY": ""})
    assert result.exit_code == 0, result.output
    assert "Charts: 1 written, 0 already there, 0 failed" in result.output
    assert (run.path / "02-users-chart.png").is_file()


def test_cli_unknown_run(tmp_path):
    result = CliRunner().invoke(app, ["illustrate", "nope", "--runs-dir", str(tmp_path)])
    assert result.exit_code == 2 and result.output.startswith(f"Error: no run 'nope' in {tmp_path}")
