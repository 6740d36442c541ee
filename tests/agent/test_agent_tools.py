"""Tools: schemas from `@tool`, clear definition errors, the Tool base class, and the web tools
against a local server (real ddgs engine and requests code paths, no internet)."""
from typing import Any, Optional

import pytest
import safeexec

from agent import (DuckDuckGoSearch, FinalAnswerTool, Tool, ToolDefinitionError, VisitWebpageTool,
                   WebSearchTool, tool)
from agent.tools import as_sandbox_callable, parse_docstring
from agent.web_tools import truncate_middle


# -- @tool schemas ------------------------------------------------------------------------------

@pytest.mark.parametrize("hint, expected", [
    (str, {"type": "string"}),
    (int, {"type": "integer"}),
    (float, {"type": "number"}),
    (bool, {"type": "boolean"}),
    (list, {"type": "array"}),
    (list[str], {"type": "array", "items": {"type": "string"}}),
    (list[int], {"type": "array", "items": {"type": "integer"}}),
    (dict, {"type": "object"}),
    (dict[str, int], {"type": "object"}),
    (Any, {"type": "any"}),
    (Optional[str], {"type": "string", "nullable": True}),
    (int | None, {"type": "integer", "nullable": True}),
    (Optional[list[str]], {"type": "array", "items": {"type": "string"}, "nullable": True}),
    (int | float, {"type": ["integer", "number"]}),
])
def test_tool_maps_each_type_hint_to_its_json_schema_type(hint, expected):
    def probe(x):
        """Probe.

        Args:
            x: The value.
        """
        return str(x)
    probe.__annotations__ = {"x": hint, "return": str}
    made = tool(probe)
    assert made.inputs == {"x": {**expected, "description": "The value."}}
    assert made.output_type == "string"


def test_tool_reads_name_description_args_and_defaults():
    @tool
    def get_weather(city: str, days: int = 3, units: Optional[str] = None) -> dict:
        """Forecast for a city.

        Args:
            city: The city's name,
                for example "Paris".
            days (int): How many days ahead.
            units: "metric" or "imperial".

        Returns:
            One entry per day.
        """
        return {"city": city, "days": days, "units": units}

    assert get_weather.name == "get_weather"
    assert get_weather.description == "Forecast for a city.\nReturns: One entry per day."
    assert get_weather.inputs["city"]["description"] == 'The city\'s name, for example "Paris".'
    assert get_weather.inputs["days"] == {"type": "integer", "description": "How many days ahead.",
                                          "default": 3}
    assert get_weather.output_type == "object"
    assert get_weather.required == ["city"]
    schema = get_weather.json_schema()
    assert schema["required"] == ["city"]
    assert schema["properties"]["units"]["type"] == ["string", "null"]
    assert get_weather.signature_text() == (
        "get_weather(city: string, days: integer = 3, units: string = None) -> object")
    assert get_weather("Oslo", days=1) == {"city": "Oslo", "days": 1, "units": None}


def test_tool_without_docstring_is_refused():
    def bare(x: int) -> int:
        return x
    with pytest.raises(ToolDefinitionError, match="no docstring"):
        tool(bare)


def test_tool_without_argument_hint_is_refused():
    def loose(x) -> int:
        """Loose.

        Args:
            x: Anything.
        """
    with pytest.raises(ToolDefinitionError, match="argument 'x' has no type hint"):
        tool(loose)


def test_tool_without_return_hint_is_refused():
    def mute(x: int):
        """Mute.

        Args:
            x: A number.
        """
    with pytest.raises(ToolDefinitionError, match="no return type hint"):
        tool(mute)


def test_tool_without_argument_description_is_refused():
    def half(x: int, y: int) -> int:
        """Half documented.

        Args:
            x: A number.
        """
    with pytest.raises(ToolDefinitionError, match="argument 'y' has no description under 'Args:'"):
        tool(half)


def test_tool_documenting_a_missing_argument_is_refused():
    def extra(x: int) -> int:
        """Extra.

        Args:
            x: A number.
            z: Not an argument.
        """
    with pytest.raises(ToolDefinitionError, match=r"describes \['z'\], which are not arguments"):
        tool(extra)


def test_tool_with_unsupported_hint_or_varargs_is_refused():
    def odd(x: complex) -> str:
        """Odd.

        Args:
            x: A complex number.
        """
    with pytest.raises(ToolDefinitionError, match="unsupported type hint"):
        tool(odd)

    def many(*xs: int) -> int:
        """Many.

        Args:
            xs: Numbers.
        """
    with pytest.raises(ToolDefinitionError, match=r"\*xs is not supported"):
        tool(many)


def test_parse_docstring_keeps_description_and_joins_continuations():
    description, args = parse_docstring("""Line one.
    Line two.

    Args:
        a (str): First,
            continued.
        b: Second.
    """)
    assert description == "Line one.\nLine two."
    assert args == {"a": "First, continued.", "b": "Second."}


# -- Tool subclasses ----------------------------------------------------------------------------

def test_tool_subclass_is_validated_against_forward():
    class Upper(Tool):
        name = "upper"
        description = "Upper-cases text."
        inputs = {"text": {"type": "string", "description": "The text."}}
        output_type = "string"

        def forward(self, text):
            return text.upper()

    assert Upper()("abc") == "ABC"

    class Mismatch(Upper):
        def forward(self, other):
            return other

    with pytest.raises(ToolDefinitionError, match="forward\\(\\) takes \\['other'\\]"):
        Mismatch()

    class BadName(Upper):
        name = "not valid"

    with pytest.raises(ToolDefinitionError, match="must be a Python identifier"):
        BadName()

    class BadType(Upper):
        inputs = {"text": {"type": "str", "description": "The text."}}

    with pytest.raises(ToolDefinitionError, match="unknown type 'str'"):
        BadType()


def test_final_answer_callable_ends_the_run_with_stop():
    call = as_sandbox_callable(FinalAnswerTool())
    with pytest.raises(safeexec.Stop) as stopped:
        call({"answer": 42})
    assert stopped.value.value == {"answer": 42}
    assert call.__name__ == "final_answer"


def test_sandbox_callable_passes_arguments_and_results_through():
    @tool
    def add(a: int, b: int = 1) -> int:
        """Adds.

        Args:
            a: First.
            b: Second.
        """
        return a + b
    call = as_sandbox_callable(add)
    assert call(2) == 3 and call(2, b=5) == 7 and call.__name__ == "add"


# -- web_search through ddgs' DuckDuckGo engine, served locally -----------------------------------

RESULTS = [
    {"title": "Leopard - Wikipedia", "href": "https://en.wikipedia.org/wiki/Leopard",
     "body": "The leopard can run at up to 58 km/h."},
    {"title": "Pont des Arts", "href": "https://en.wikipedia.org/wiki/Pont_des_Arts",
     "body": "The bridge is 155 metres long."},
]


def test_web_search_runs_ddgs_engine_against_local_page(server):
    server.search_results = RESULTS
    search = WebSearchTool(search=DuckDuckGoSearch(url=server.url + "/html/"))
    text = search(query="leopard speed")
    assert text == ("## Search Results\n\n"
                    "[Leopard - Wikipedia](https://en.wikipedia.org/wiki/Leopard)\n"
                    "The leopard can run at up to 58 km/h.\n\n"
                    "[Pont des Arts](https://en.wikipedia.org/wiki/Pont_des_Arts)\n"
                    "The bridge is 155 metres long.")
    posted = [r for r in server.requests if r.path == "/html/"]
    assert len(posted) == 1 and posted[0].method == "POST"
    assert posted[0].body["q"] == ["leopard speed"]


def test_web_search_reads_url_from_environment(server, monkeypatch):
    monkeypatch.setenv("SAFEEXEC_SEARCH_URL", server.url + "/html/")
    server.search_results = RESULTS[:1]
    assert "Leopard - Wikipedia" in WebSearchTool()(query="leopard")


def test_web_search_limits_results_and_reports_failures(server):
    server.search_results = RESULTS
    search = WebSearchTool(max_results=1, search=DuckDuckGoSearch(url=server.url + "/html/"))
    assert "Pont des Arts" not in search(query="x")
    server.search_results = []
    with pytest.raises(LookupError, match="no results for 'x'"):
        search(query="x")
    server.search_status = 202  # what DuckDuckGo answers when it rate-limits
    with pytest.raises(ConnectionError, match="gave no result page"):
        search(query="x")


def test_web_search_accepts_an_injected_backend():
    seen = []

    def fake(query, max_results):
        seen.append((query, max_results))
        return [{"title": "T", "href": "https://t", "body": "B"}]

    search = WebSearchTool(max_results=3, search=fake)
    assert search(query="q") == "## Search Results\n\n[T](https://t)\nB"
    assert seen == [("q", 3)]
    with pytest.raises(ValueError, match="non-empty query"):
        WebSearchTool(search=fake)(query="  ")


# -- visit_webpage ------------------------------------------------------------------------------

def test_visit_webpage_turns_html_into_markdown(server):
    url = server.page("/article.html", "<html><head><title>T</title></head><body>"
                      "<h1>Leopards</h1><p>They run <b>fast</b>.</p>"
                      "<a href='https://example.org'>more</a></body></html>")
    text = VisitWebpageTool()(url=url)
    assert "Leopards\n========" in text
    assert "They run **fast**." in text
    assert "[more](https://example.org)" in text
    assert "<" not in text


def test_visit_webpage_truncates_long_pages(server):
    url = server.page("/long.html", "<p>" + "a" * 5000 + "</p><p>" + "z" * 5000 + "</p>")
    text = VisitWebpageTool(max_length=1000)(url=url)
    assert len(text) == 1000
    assert text.startswith("aaa") and text.endswith("zzz")
    assert "the middle of this page was cut" in text


def test_visit_webpage_errors_are_clear(server):
    with pytest.raises(ConnectionError, match="could not fetch .*/missing.html: 404"):
        VisitWebpageTool()(url=server.url + "/missing.html")
    with pytest.raises(ValueError, match="needs an http\\(s\\) URL"):
        VisitWebpageTool()(url="file:///etc/passwd")


def test_truncate_middle_keeps_short_text():
    assert truncate_middle("short", 10) == "short"
