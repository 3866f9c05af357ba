"""The local provider: llama-cpp-python in process, with a JSON-schema grammar for typed output."""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path

from pydantic import BaseModel

from agent.errors import ProviderError
from agent.llm.base import Reply, TokenScore
from agent.llm.model_store import ensure_model, model_spec

LLAMA_CPP_INSTALL = (
    'CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" '
    "pip install --no-cache-dir 'storyagent[local]'"
)
LLAMA_CPP_MISSING = (
    f"llama-cpp-python is not installed; the local provider needs it: {LLAMA_CPP_INSTALL} "
    "(or run scripts/install.sh), or choose --provider anthropic or --provider openai"
)
N_CTX = 8192
REPEAT_PENALTY = 1.1
CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def _defuse(text: str) -> str:
    return text.replace("<|", "< |").replace("|>", "| >")


def _logits(llama):
    """Return llama.cpp's logits of the last decode: one row per token that asked for them, in batch order."""
    from llama_cpp import llama_cpp

    return llama_cpp.llama_get_logits(llama.ctx)


class LocalProvider:
    """Run a GGUF model in this process; the embedded Qwen model by default."""

    name = "local"

    def __init__(self, model: str | None = None):
        if importlib.util.find_spec("llama_cpp") is None:  # fail when the run is set up, not at its first call
            raise ProviderError(LLAMA_CPP_MISSING)
        self._spec = model_spec(model)
        if self._spec is not None:
            self._path: Path | None = None
            self.model = self._spec.name
        else:
            path = Path(model).expanduser()
            if not path.is_file():
                raise ProviderError(
                    f"local model file {path} does not exist; give --model a path to a .gguf file "
                    "or an embedded model: qwen2.5-coder-0.5b, qwen2.5-coder-1.5b"
                )
            self._path = path
            self.model = path.stem
        self._llama = None
        self._formatter = None
        self._vocabulary = None  # the model's word pieces, read once when a reply first avoids copying
        # One Llama context serves every thread (LangGraph runs Send tasks in threads); it is not thread-safe.
        self._lock = threading.Lock()

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        """Return a plain-text reply."""
        return self._chat(system, user, max_tokens, temperature)

    def complete_typed(
        self, system: str, user: str, schema: type[BaseModel], *, max_tokens: int, temperature: float
    ) -> Reply:
        """Return JSON text constrained by a grammar built from the schema."""
        # llama-cpp's converter resolves pydantic's "#/$defs/..." refs itself (checked on Outline, ChapterDraft,
        # StyleSheet), so the schema goes in as pydantic writes it.
        response_format = {"type": "json_object", "schema": schema.model_json_schema()}
        return self._chat(system, user, max_tokens, temperature, response_format)

    def complete_typed_avoiding(
        self, system: str, user: str, schema: type[BaseModel], avoid: list[str], *, max_tokens: int, temperature: float
    ) -> Reply:
        """Return JSON text like complete_typed, decoded so that it never copies a run of words of `avoid`."""
        response_format = {"type": "json_object", "schema": schema.model_json_schema()}
        return self._chat(system, user, max_tokens, temperature, response_format, avoid=avoid)

    def continuation_scores(
        self, system: str, pairs: list[tuple[str, str]]
    ) -> tuple[list[list[TokenScore]], Reply]:
        """Return, per (user prompt, continuation) pair, how the model rates each token of the continuation.

        The continuation is read as the start of the model's reply, in one forward pass, and nothing is
        sampled. Pairs are evaluated in order over the tokens already in the context: the part a prompt
        shares with the one before it (system prompt, instruction, the same evidence) is reused from the
        KV cache, not read again.
        """
        import numpy as np

        with self._lock:
            llama = self._load()
            n_vocab = llama.n_vocab()
            found, read = [], 0
            for user, continuation in pairs:
                tokens = llama.tokenize(self._prompt(llama, system, user).encode(), add_bos=False, special=True)
                tail = llama.tokenize(continuation.encode(), add_bos=False, special=False)
                if not tail:
                    found.append([])
                    continue
                if len(tokens) + len(tail) >= llama.n_ctx():
                    raise ProviderError(f"a prompt of {len(tokens) + len(tail)} tokens does not fit the local model's context")
                cached = llama.input_ids[: llama.n_tokens].tolist()
                keep = 0
                while keep < min(len(cached), len(tokens) - 1) and cached[keep] == tokens[keep]:
                    keep += 1
                llama.n_tokens = keep
                try:
                    llama.eval(tokens[keep:])
                    first = np.ctypeslib.as_array(_logits(llama), shape=(n_vocab,)).astype(np.float32)
                    # The continuation goes in as one batch with logits for every token; it is not kept in
                    # llama.input_ids, so the next eval drops it from the KV cache and keeps the prompt.
                    llama._batch.set_batch(tail, n_past=llama.n_tokens, logits_all=True)
                    llama._ctx.decode(llama._batch)
                    rest = np.ctypeslib.as_array(_logits(llama), shape=(len(tail) * n_vocab,)).reshape(len(tail), n_vocab)
                except (ValueError, RuntimeError) as exc:
                    raise ProviderError(f"the local model {self.model} failed: {exc}") from None
                read += len(tokens) - keep + len(tail)
                logits = np.vstack([first[None, :], rest[:-1]]).astype(np.float64)
                logits -= logits.max(axis=1, keepdims=True)
                logprobs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
                rows = []
                for j, token in enumerate(tail):
                    top = int(logprobs[j].argmax())
                    rows.append(TokenScore(self._piece(llama, token), float(logprobs[j, token]),
                                           self._piece(llama, top), float(logprobs[j, top])))
                found.append(rows)
        return found, Reply(text="", input_tokens=read, output_tokens=0)

    @staticmethod
    def _piece(llama, token: int) -> str:
        return llama.detokenize([token]).decode("utf-8", errors="ignore")

    def _prompt(self, llama, system: str, user: str) -> str:
        """Return the chat prompt as the model's own template writes it, up to where the reply begins."""
        if self._formatter is None:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            template = llama.metadata.get("tokenizer.chat_template") or CHATML
            self._formatter = Jinja2ChatFormatter(template, eos_token="", bos_token="")
        # Control-token text inside the data must stay text, never become a turn boundary.
        messages = [{"role": "system", "content": _defuse(system)}, {"role": "user", "content": _defuse(user)}]
        return self._formatter(messages=messages).prompt

    def _chat(self, system: str, user: str, max_tokens: int, temperature: float, response_format=None,
              avoid: list[str] | None = None) -> Reply:
        # Always our own system prompt: Qwen's default one says Alibaba wrote the text.
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        with self._lock:
            llama = self._load()
            processors = None
            if avoid:
                from llama_cpp import LogitsProcessorList

                from agent.llm.copy_block import CopyBlock, Vocabulary

                if self._vocabulary is None:
                    self._vocabulary = Vocabulary(llama)
                processors = LogitsProcessorList([CopyBlock(llama, self._vocabulary, avoid)])
            try:
                result = llama.create_chat_completion(
                    messages=messages,
                    max_tokens=max_tokens,
                    temperature=temperature,
                    repeat_penalty=REPEAT_PENALTY,
                    response_format=response_format,
                    logits_processor=processors,
                )
            except (ValueError, RuntimeError) as exc:
                raise ProviderError(f"the local model {self.model} failed: {exc}") from None
        usage = result.get("usage") or {}
        choice = result["choices"][0]
        return Reply(
            text=choice["message"].get("content") or "",
            input_tokens=usage.get("prompt_tokens", 0),
            output_tokens=usage.get("completion_tokens", 0),
            truncated=choice.get("finish_reason") == "length",
        )

    def _load(self):
        if self._llama is None:
            # llama.cpp's OpenMP threads spin while they wait; on a busy machine (2 cores, other processes) that
            # cut generation from 9-19 to 1-3 tokens/s in our measurements. Read once, when the library loads.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            try:
                from llama_cpp import Llama
            except ImportError:
                raise ProviderError(LLAMA_CPP_MISSING) from None
            path = self._path or ensure_model(self._spec)
            try:
                self._llama = Llama(model_path=str(path), n_ctx=N_CTX, n_threads=os.cpu_count() or 2, verbose=False)
            except (ValueError, RuntimeError) as exc:
                raise ProviderError(f"cannot load the local model {path}: {exc}") from None
        return self._llama
