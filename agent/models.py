"""Chat models the agent talks to: the `Model` protocol and OpenAI-compatible clients.

`OpenAIModel` speaks the chat-completions API through the `openai` package, which covers OpenAI,
Hugging Face's router, vLLM, llama.cpp's server and Ollama. Retries are ours, not the client's
(`max_retries=0` on the client), so that backoff is visible and its `sleep` replaceable in tests.

Traps: the API accepts at most 4 stop sequences; some servers omit `usage` (counted as 0 tokens);
a server may send `content: null` (read as "").
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

Message = dict[str, Any]  # {"role": "system" | "user" | "assistant", "content": str}


@dataclass
class TokenUsage:
    """Tokens one model call (or a sum of calls) consumed."""

    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    def __add__(self, other: "TokenUsage | None") -> "TokenUsage":
        if other is None:
            return TokenUsage(self.input_tokens, self.output_tokens)
        return TokenUsage(self.input_tokens + other.input_tokens,
                          self.output_tokens + other.output_tokens)

    def to_dict(self) -> dict[str, int]:
        return {"input_tokens": self.input_tokens, "output_tokens": self.output_tokens}


@dataclass
class ChatMessage:
    """A model's reply: its text and what it cost."""

    content: str
    role: str = "assistant"
    token_usage: TokenUsage = field(default_factory=TokenUsage)
    raw: Any = field(default=None, repr=False)


class Model(Protocol):
    """Anything the agent can ask: messages in, one assistant message out."""

    def __call__(self, messages: list[Message],
                 stop_sequences: Sequence[str] | None = None) -> ChatMessage:
        ...


class OpenAIModel:
    """A chat model behind an OpenAI-compatible `/chat/completions` endpoint.

    model_id:   the model name the server expects.
    base_url:   e.g. "http://localhost:8000/v1" (vLLM), "http://localhost:11434/v1" (Ollama);
                None means the openai package's default (OPENAI_BASE_URL or OpenAI itself).
    api_key:    None reads OPENAI_API_KEY; local servers accept any placeholder.
    max_retries, initial_delay, max_delay: exponential backoff on rate limits (429), server errors
                (5xx), timeouts and dropped connections; other errors (400, 401, ...) are raised.
    sleep:      how to wait between retries (tests pass a recorder).
    **kwargs:   passed to every completion call (temperature, max_tokens, ...).
    """

    def __init__(self, model_id: str, base_url: str | None = None, api_key: str | None = None, *,
                 max_retries: int = 5, initial_delay: float = 2.0, max_delay: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep, timeout: float = 120.0,
                 **kwargs: Any) -> None:
        import openai  # the agent extra; imported here so that `import agent` stays light

        self.model_id = model_id
        self.base_url = base_url
        self.max_retries = max_retries
        self.initial_delay = initial_delay
        self.max_delay = max_delay
        self.sleep = sleep
        self.completion_kwargs = kwargs
        key = api_key or os.environ.get("OPENAI_API_KEY") or "not-needed"
        self.client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0, timeout=timeout)
        # 429, any 5xx, and network failures (APITimeoutError is an APIConnectionError)
        self._retryable = (openai.RateLimitError, openai.InternalServerError,
                           openai.APIConnectionError)

    def __call__(self, messages: list[Message],
                 stop_sequences: Sequence[str] | None = None) -> ChatMessage:
        kwargs = dict(self.completion_kwargs)
        if stop_sequences:
            kwargs["stop"] = list(stop_sequences)[:4]
        for attempt in range(self.max_retries + 1):
            try:
                response = self.client.chat.completions.create(
                    model=self.model_id, messages=messages, **kwargs)
                break
            except Exception as exc:
                if not isinstance(exc, self._retryable) or attempt == self.max_retries:
                    raise
                self.sleep(self._delay(attempt, exc))
        choice = response.choices[0]
        usage = response.usage
        tokens = TokenUsage(getattr(usage, "prompt_tokens", 0) or 0,
                            getattr(usage, "completion_tokens", 0) or 0)
        return ChatMessage(content=choice.message.content or "", token_usage=tokens, raw=response)

    def _delay(self, attempt: int, exc: Exception) -> float:
        """Backoff doubling from `initial_delay`; a longer `Retry-After` (in seconds) wins."""
        delay = self.initial_delay * 2 ** attempt
        response = getattr(exc, "response", None)
        retry_after = response.headers.get("retry-after") if response is not None else None
        try:
            delay = max(delay, float(retry_after)) if retry_after else delay
        except ValueError:  # an HTTP date: keep our own backoff
            pass
        return min(delay, self.max_delay)

    def __repr__(self) -> str:
        return f"OpenAIModel({self.model_id!r}, base_url={self.base_url!r})"


HF_ROUTER_URL = "https://router.huggingface.co/v1"


class HfApiModel(OpenAIModel):
    """A model behind Hugging Face's inference router (OpenAI-compatible), with HF_TOKEN."""

    def __init__(self, model_id: str = "Qwen/Qwen2.5-Coder-32B-Instruct", token: str | None = None,
                 base_url: str = HF_ROUTER_URL, **kwargs: Any) -> None:
        token = token or os.environ.get("HF_TOKEN")
        if not token:
            raise ValueError("HfApiModel needs a Hugging Face token: pass token= or set HF_TOKEN")
        super().__init__(model_id, base_url=base_url, api_key=token, **kwargs)
