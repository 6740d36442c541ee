"""A local HTTP server standing in for the internet in the agent tests.

One server on 127.0.0.1 (port 0) plays every remote party:
- POST /v1/chat/completions: an OpenAI-compatible endpoint replaying scripted replies in order. It
  cuts each reply at the first stop sequence the request carries, as real servers do, and reports
  usage (words in the prompt / in the reply), so tests can check what the agent adds up.
- POST /html/: DuckDuckGo's HTML search page, listing `search_results` (the markup ddgs parses).
- GET /api/models: the Hugging Face Hub's model listing, sorted by downloads.
- GET anything in `pages`: fixed web pages.
Every request is recorded in `requests` (method, path, query, parsed body).
"""
from __future__ import annotations

import html
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import SplitResult, parse_qs, urlsplit


@dataclass
class Status:
    """A scripted failure: the chat endpoint answers with this HTTP status instead of a reply."""

    code: int
    headers: dict[str, str] = field(default_factory=dict)


Reply = str | Status | Callable[[dict[str, Any]], str]


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    headers: dict[str, str]


def ddg_results_page(results: list[dict[str, str]]) -> str:
    """Result markup in the shape html.duckduckgo.com serves (what ddgs' xpaths read)."""
    items = []
    for r in results:
        items.append(
            '<div class="result results_links results_links_deep web-result">'
            '<div class="links_main links_deep result__body">'
            '<h2 class="result__title">'
            f'<a rel="nofollow" class="result__a" href="{html.escape(r["href"])}">'
            f'{html.escape(r["title"])}</a></h2>'
            f'<a class="result__snippet" href="{html.escape(r["href"])}">'
            f'{html.escape(r["body"])}</a>'
            '</div></div>')
    return f"<html><body><div id=\"links\" class=\"results\">{''.join(items)}</div></body></html>"


class LocalServer:
    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.chat_requests: list[dict[str, Any]] = []
        self.usages: list[tuple[int, int]] = []  # (prompt, completion) tokens reported per reply
        self.pages: dict[str, tuple[int, str, str]] = {}  # path -> (status, content type, body)
        self.search_results: list[dict[str, str]] = []
        self.search_status = 200
        self.models: list[dict[str, Any]] = []  # fake Hub: {"id", "pipeline_tag", "downloads"}
        self.requests: list[Recorded] = []
        self.delay = 0.0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> "LocalServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def page(self, path: str, body: str, *, status: int = 200,
             content_type: str = "text/html") -> str:
        """Serve `body` at `path`; returns the page's full URL."""
        self.pages[path] = (status, content_type, body)
        return self.url + path

    # -- the chat endpoint -------------------------------------------------------------------

    def _chat(self, request: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            self.chat_requests.append(request)
            if not self.replies:
                return 400, {}, {"error": {"message": "the scripted conversation has no reply left",
                                           "type": "invalid_request_error"}}
            reply = self.replies.pop(0)
        if isinstance(reply, Status):
            return reply.code, reply.headers, {"error": {"message": f"scripted status {reply.code}",
                                                         "type": "scripted"}}
        content = reply(request) if callable(reply) else reply
        for stop in request.get("stop") or []:
            content = content.split(stop, 1)[0]
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in request["messages"])
        completion_tokens = len(content.split())
        with self._lock:
            self.usages.append((prompt_tokens, completion_tokens))
        return 200, {}, {
            "id": f"chatcmpl-{len(self.chat_requests)}", "object": "chat.completion",
            "created": int(time.time()), "model": request.get("model", ""),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        }

    def _models(self, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        tag = query.get("pipeline_tag", [None])[0]
        found = [m for m in self.models if tag is None or m["pipeline_tag"] == tag]
        if query.get("sort", [None])[0] == "downloads":
            found.sort(key=lambda m: m["downloads"], reverse=True)
        limit = int(query.get("limit", ["1000"])[0])
        return [{"id": m["id"], "modelId": m["id"], "pipeline_tag": m["pipeline_tag"],
                 "downloads": m["downloads"], "likes": 0, "private": False, "tags": []}
                for m in found[:limit]]

    # -- HTTP plumbing -----------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: str | bytes, content_type: str,
                      headers: dict[str, str] | None = None) -> None:
                data = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _record(self, body: Any) -> SplitResult:
                parts = urlsplit(self.path)
                with server._lock:
                    server.requests.append(Recorded(
                        self.command, parts.path, parse_qs(parts.query), body,
                        {k.lower(): v for k, v in self.headers.items()}))
                return parts

            def do_GET(self) -> None:
                parts = self._record(None)
                time.sleep(server.delay)
                if parts.path == "/api/models":
                    models = server._models(parse_qs(parts.query))
                    self._send(200, json.dumps(models), "application/json")
                elif parts.path in server.pages:
                    status, content_type, body = server.pages[parts.path]
                    self._send(status, body, content_type)
                else:
                    self._send(404, "<html><body><h1>Not Found</h1></body></html>", "text/html")

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.path.startswith("/v1/chat/completions"):
                    request = json.loads(raw)
                    self._record(request)
                    status, headers, payload = server._chat(request)
                    self._send(status, json.dumps(payload), "application/json", headers)
                elif self.path.startswith("/html"):
                    self._record(parse_qs(raw))
                    page = ddg_results_page(server.search_results)
                    self._send(server.search_status, page, "text/html")
                else:
                    self._record(raw)
                    self._send(404, "not found", "text/plain")

        return Handler


def code_reply(code: str, thought: str = "I will run this.") -> str:
    """A model reply in the agent's format (the stop sequence and a made-up observation included,
    as a model that ignores stop sequences would write them; the server cuts them off)."""
    return f"Thought: {thought}\n```py\n{code}\n```<end_code>\nObservation: (made up by the model)"
