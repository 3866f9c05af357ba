"""Make a run's pictures: drawings through the OpenAI Images API, charts locally with matplotlib."""

from __future__ import annotations

import base64
import binascii
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import openai
from pydantic import ValidationError

from agent.illustration.charts import ChartPrompt, render_chart
from agent.errors import ProviderError, RunError, redact
from agent.storage.folder import RunDir
from agent.illustration.prompt_checks import check_file, unnumbered

# gpt-image-1 was shut down on 2026-10-23 (openai SDK 3.54 docs); flare is the fast GPT Image 2.5 variant.
DEFAULT_IMAGE_MODEL = "gpt-image-2.5-flare"
IMAGE_SIZE = "1536x1024"  # wide-landscape, a standard size of every GPT image model
RETRIES, BACKOFF = 3, 2.0
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TRANSIENT = (openai.APIConnectionError, openai.RateLimitError, openai.InternalServerError, openai.ConflictError)
FATAL = (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError)


@dataclass
class Outcome:
    """What one illustrate or render pass did, file by file."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def load_prompts(run: RunDir) -> list[ChartPrompt]:
    """Return the run's image prompts from image_prompts.json."""
    path = run.file("image_prompts.json")
    if not path.is_file():
        raise RunError(
            f"run '{run.run_id}' has no image_prompts.json in {run.path}; finish it first: storyagent resume {run.run_id}"
        )
    try:
        return [ChartPrompt.model_validate(item) for item in run.read_json("image_prompts.json")]
    except (ValueError, TypeError, ValidationError) as exc:
        raise RunError(f"{path} is not a list of image prompts: {str(exc).splitlines()[0]}") from None


def target(run: RunDir, prompt: ChartPrompt) -> Path | None:
    """Return where a prompt's picture goes, next to story.md; None if its file name is unsafe."""
    if check_file(prompt.file):
        return None
    path = (run.path / prompt.file).resolve()
    return path if path.parent == run.path.resolve() else None


def write_bytes(path: Path, data: bytes) -> None:
    """Write bytes atomically, so an interrupted run never leaves half an image that later counts as done."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def images_client(http_client=None) -> openai.OpenAI:
    """Return an OpenAI client for the Images API; the key comes from OPENAI_API_KEY."""
    key = os.environ.get("OPENAI_API_KEY")
    if not key:
        raise ProviderError(
            "OPENAI_API_KEY is not set: export your OpenAI API key to generate images "
            "(charts render without it: storyagent illustrate RUN_ID --render-charts --no-images)"
        )
    return openai.OpenAI(api_key=key, max_retries=0, timeout=300.0, http_client=http_client)


def _message(exc: openai.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error") if isinstance(body.get("error"), dict) else body
    return redact(str((error or {}).get("message") or exc.message))[:300]


def generate(client: openai.OpenAI, model: str, prompt: str, *, retries: int = RETRIES, backoff: float = BACKOFF,
             sleep: Callable[[float], None] = time.sleep) -> bytes:
    """Return the PNG bytes of one image, retrying connection errors, rate limits and server errors.

    Other API errors (a refused prompt, a bad key) are raised as the SDK raises them, for the caller to judge.
    """
    for attempt in range(retries + 1):
        try:
            response = client.images.generate(model=model, prompt=prompt, size=IMAGE_SIZE, n=1, output_format="png")
            break
        except TRANSIENT as exc:
            if attempt == retries:
                what = f"error {exc.status_code}" if isinstance(exc, openai.APIStatusError) else "connection failed"
                raise ProviderError(f"OpenAI Images API {what} after {retries + 1} tries") from None
            sleep(backoff * 2**attempt)
    image = (response.data or [None])[0]
    try:
        data = base64.b64decode(image.b64_json or "", validate=True) if image else b""
    except (binascii.Error, ValueError):
        data = b""
    if not data.startswith(PNG_MAGIC):
        raise ProviderError("OpenAI Images API returned no PNG image (no b64_json data)")
    return data


def illustrate(run: RunDir, model: str = DEFAULT_IMAGE_MODEL, client: openai.OpenAI | None = None, *,
               retries: int = RETRIES, backoff: float = BACKOFF, sleep: Callable[[float], None] = time.sleep,
               on_file: Callable[[str, str], None] | None = None) -> Outcome:
    """Generate every drawing of a run's image_prompts.json that is not on disk yet."""
    outcome = Outcome()
    todo = []
    for prompt in load_prompts(run):
        if prompt.kind != "image":
            continue
        path = target(run, prompt)
        if path is None:
            outcome.failed[prompt.file] = "unsafe file name; run the style check again"
        elif path.exists():
            outcome.skipped.append(prompt.file)
        else:
            todo.append((prompt, path))
    if todo and client is None:
        client = images_client()
    for prompt, path in todo:
        try:
            data = generate(client, model, unnumbered(prompt.prompt), retries=retries, backoff=backoff, sleep=sleep)
        except FATAL as exc:  # a bad key, a forbidden or unknown model fails every image alike
            raise ProviderError(f"OpenAI Images API error {exc.status_code} for model {model}: {_message(exc)}") from None
        except openai.APIStatusError as exc:
            outcome.failed[prompt.file] = f"OpenAI Images API error {exc.status_code}: {_message(exc)}"
            continue
        except ProviderError as exc:
            outcome.failed[prompt.file] = str(exc)
            continue
        write_bytes(path, data)
        outcome.written.append(prompt.file)
        if on_file:
            on_file(prompt.file, "written")
    return outcome


def render_charts(run: RunDir, *, force: bool = False) -> Outcome:
    """Draw every chart prompt of a run from its structured data (never by running code), next to story.md."""
    outcome = Outcome()
    for prompt in load_prompts(run):
        if prompt.kind != "chart":
            continue
        path = target(run, prompt)
        if path is None or prompt.chart is None:
            outcome.failed[prompt.file] = "unsafe file name" if path is None else "the chart prompt holds no chart data"
        elif path.exists() and not force:
            outcome.skipped.append(prompt.file)
        else:
            write_bytes(path, render_chart(prompt.chart))
            outcome.written.append(prompt.file)
    return outcome
