"""Built-in web tools: `web_search` (DuckDuckGo through the `ddgs` package) and `visit_webpage`
(requests + markdownify).

Both return text meant for a model and are bounded in size. The search backend is injectable: any
callable `(query, max_results) -> [{"title", "href", "body"}]`. The default, `DuckDuckGoSearch`,
runs ddgs' own DuckDuckGo engine (its HTTP client, request payload and HTML parsing); its URL can be
moved, which is how tests serve result pages locally (ddgs' `DDGS` class has no base-URL option).
Environment: SAFEEXEC_SEARCH_URL overrides the search URL.

Traps: web pages are hostile input; they reach the model as text only. DuckDuckGo answers a
rate-limited request with a non-200 status, which ddgs reports as "no page": that is an error here,
not "no results".
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from .tools import Tool

SearchBackend = Callable[[str, int], list[dict[str, str]]]
DDG_HTML_URL = "https://html.duckduckgo.com/html/"


class DuckDuckGoSearch:
    """Searches with ddgs' DuckDuckGo engine at `url` (default: SAFEEXEC_SEARCH_URL, else DDG)."""

    def __init__(self, url: str | None = None, *, timeout: int = 10, proxy: str | None = None,
                 region: str = "us-en") -> None:
        from ddgs.engines.duckduckgo import Duckduckgo

        self.engine = Duckduckgo(proxy=proxy, timeout=timeout)
        self.engine.search_url = url or os.environ.get("SAFEEXEC_SEARCH_URL") or DDG_HTML_URL
        self.region = region

    def __call__(self, query: str, max_results: int) -> list[dict[str, str]]:
        results = self.engine.search(query, region=self.region)
        if results is None:
            raise ConnectionError(
                f"the search engine at {self.engine.search_url} gave no result page "
                "(rate limited or unreachable); try again later or another query")
        return [{"title": r.title, "href": r.href, "body": r.body} for r in results][:max_results]


class WebSearchTool(Tool):
    """`web_search(query)`: the top results as markdown links with their snippets."""

    name = "web_search"
    description = ("Searches the web (DuckDuckGo) and returns the top results: for each, its title "
                   "as a markdown link to the page, then a snippet of its text.")
    inputs = {"query": {"type": "string", "description": "The search query."}}
    output_type = "string"

    def __init__(self, max_results: int = 10, search: SearchBackend | None = None) -> None:
        self.max_results = max_results
        self.search = search
        super().__init__()

    def forward(self, query: str) -> str:
        if not isinstance(query, str) or not query.strip():
            raise ValueError("web_search needs a non-empty query string")
        if self.search is None:  # made on first use: building the tool needs no network stack
            self.search = DuckDuckGoSearch()
        results = self.search(query, self.max_results)
        if not results:
            raise LookupError(f"no results for {query!r}: try a shorter or less specific query")
        lines = [f"[{r.get('title', '')}]({r.get('href', '')})\n{r.get('body', '')}"
                 for r in results]
        return "## Search Results\n\n" + "\n\n".join(lines)


class VisitWebpageTool(Tool):
    """`visit_webpage(url)`: the page as markdown, cut to `max_length` characters."""

    name = "visit_webpage"
    description = ("Fetches the web page at a URL and returns its content as markdown text "
                   "(long pages are cut, keeping their beginning and end).")
    inputs = {"url": {"type": "string",
                      "description": "The URL of the page to read (http or https)."}}
    output_type = "string"

    def __init__(self, max_length: int = 40_000, timeout: float = 20.0, session: Any = None,
                 user_agent: str = "Mozilla/5.0 (compatible; safeexec-agent)") -> None:
        self.max_length = max_length
        self.timeout = timeout
        self.session = session  # a requests.Session, e.g. with proxies or adapters
        self.user_agent = user_agent
        super().__init__()

    def forward(self, url: str) -> str:
        import requests
        from markdownify import markdownify

        if not isinstance(url, str) or not re.match(r"https?://", url):
            raise ValueError(f"visit_webpage needs an http(s) URL, got {url!r}")
        http = self.session or requests
        try:
            response = http.get(url, timeout=self.timeout, headers={"User-Agent": self.user_agent})
            response.raise_for_status()
        except requests.RequestException as exc:
            raise ConnectionError(f"could not fetch {url}: {exc}") from None
        markdown = markdownify(response.text).strip()
        markdown = re.sub(r"\n{3,}", "\n\n", markdown)
        return truncate_middle(markdown, self.max_length)


def truncate_middle(text: str, max_length: int) -> str:
    """`text` if short enough, else its head and tail around a note saying how much was cut."""
    if len(text) <= max_length:
        return text
    note = (f"\n\n..._(the middle of this page was cut; it has {len(text)} characters in all)_"
            "...\n\n")
    keep = max(max_length - len(note), 0)
    return text[: keep // 2] + note + text[len(text) - (keep - keep // 2):]
