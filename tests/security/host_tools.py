"""Host-side tools that the security corpus hands to the sandbox, each hiding a secret.

Every secret is a random token made at import, so no attack (and no test) can know it in advance:
an attack that prints one has reached into host state. Where each secret hides:

- SECRET                 module globals of `search` (route: __globals__, frames, tracebacks)
- `fetch`                a closure cell (route: __closure__, cell_contents)
- `translate`            a keyword-only default (routes: __kwdefaults__, help(), signatures)
- `lookup`               a bound method; its instance holds `api_key` (routes: __self__, __func__)
- `web_search`           a callable dataclass instance holding `api_key` (routes: plain attribute
                         reads, vars(), dataclasses.asdict, copy, pickle, json default=vars)
- `summarize`            a functools.partial whose keywords hold a token (routes: .func, .keywords)
- `weather`              a functools.wraps wrapper (route: __wrapped__)
- `remember`             compares its argument with host records (route: a sandbox __eq__
                         receives the host's `client`)

Must not import safeexec: these are plain host objects, as a user of the library would write them.
"""
from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass, field

SECRET = "host-secret-" + secrets.token_hex(16)
CLOSURE_TOKEN = "closure-token-" + secrets.token_hex(16)
KWDEFAULT_TOKEN = "kwdefault-token-" + secrets.token_hex(16)
API_KEY = "sk-live-" + secrets.token_hex(16)
TOOL_API_KEY = "sk-tool-" + secrets.token_hex(16)
PARTIAL_TOKEN = "partial-token-" + secrets.token_hex(16)
ENV_SECRET = "env-secret-" + secrets.token_hex(16)
ENV_VAR = "SAFEEXEC_TEST_SECRET"

#: Every token the host owns; none may ever come back from the sandbox.
TOKENS = (SECRET, CLOSURE_TOKEN, KWDEFAULT_TOKEN, API_KEY, TOOL_API_KEY, PARTIAL_TOKEN, ENV_SECRET)


def search(query: str, limit: int = 3, *, region: str = "us") -> str:
    """Pretend web search. Harmless itself; its module globals hold SECRET."""
    return f"{limit} results for {query!r} in {region}"


def _make_fetch(token: str):
    def fetch(url: str) -> str:
        """Pretend HTTP GET; the bearer token lives in a closure cell."""
        return f"GET {url} (authorised: {bool(token)})"
    return fetch


fetch = _make_fetch(CLOSURE_TOKEN)


def translate(text: str, *, key: str = KWDEFAULT_TOKEN) -> str:
    """Pretend translation API; the key is a keyword-only default."""
    return text[::-1] if key else text


class Client:
    """An API client; `lookup` is handed to the sandbox as a bound method."""

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key
        self.table = {"paris": "France", "rome": "Italy"}

    def lookup(self, city: str) -> str:
        return self.table.get(str(city).lower(), "unknown")


client = Client(API_KEY)
lookup = client.lookup


@dataclass
class SearchTool:
    """A callable tool object, as agent frameworks define them; `api_key` is a plain field."""

    api_key: str
    endpoint: str = "https://search.example/api"
    calls: list = field(default_factory=list)

    def __call__(self, query: str) -> str:
        return f"searched {query!r}"

    def __lt__(self, other: object) -> bool:   # only __lt__: total_ordering would add the rest
        return isinstance(other, SearchTool) and self.endpoint < other.endpoint


web_search = SearchTool(TOOL_API_KEY)


def _summarize(text: str, *, key: str, words: int = 5) -> str:
    return " ".join(str(text).split()[:words]) if key else ""


summarize = functools.partial(_summarize, key=PARTIAL_TOKEN)


def _weather(city: str) -> str:
    return f"sunny in {city}"


@functools.wraps(_weather)
def weather(city: str) -> str:
    return _weather(city)


class Notebook:
    """A tool object that keeps host-side records and compares what it is given against them
    (`item in records`): CPython then calls the sandbox object's __eq__ with each host record."""

    def __init__(self) -> None:
        self.records = [client]

    def remember(self, item: object) -> bool:
        return item in self.records


notebook = Notebook()


def explode(x: object) -> None:
    """Fails in host code, with a chained cause: its traceback frames are host frames."""
    try:
        {}["missing"]
    except KeyError as inner:
        raise ValueError(f"tool failed on {x!r}") from inner


def stream(query: str):
    """A host generator: its gi_frame holds host globals."""
    for word in str(query).split():
        yield word
    return len(str(query))


def tools() -> dict[str, object]:
    """The tool set every attack gets, as an agent would register them."""
    return {
        "search": search, "fetch": fetch, "translate": translate, "lookup": lookup,
        "web_search": web_search, "summarize": summarize, "weather": weather,
        "explode": explode, "stream": stream, "remember": notebook.remember,
    }
