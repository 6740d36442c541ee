"""Tools an agent can call from its sandboxed code: the `Tool` base class and the `@tool` decorator.

A tool describes itself to the model (name, description, typed inputs, output type) and is handed to
the sandbox as a plain callable. The sandbox calls it with whatever the model's code passes: a tool
must treat its arguments as untrusted values and return plain data (str, numbers, lists, dicts).

Traps: a tool that is a closure or a bound method carries host state; the sandbox never reads a
tool's attributes, but the tool itself must not hand back host objects (clients, files, modules).
This module imports only the public `safeexec` API.
"""
from __future__ import annotations

import inspect
import keyword
import re
import types
import typing
from collections.abc import Callable
from typing import Any

import safeexec

# Python annotation → JSON-schema type name, as the model reads it in the prompt.
_JSON_TYPES: dict[Any, str] = {
    str: "string", int: "integer", float: "number", bool: "boolean",
    list: "array", tuple: "array", dict: "object", Any: "any", type(None): "null",
}
JSON_TYPE_NAMES = frozenset(_JSON_TYPES.values())


class ToolDefinitionError(TypeError):
    """A tool cannot describe itself: a docstring, type hint or argument description is missing."""


class Tool:
    """A capability the host grants to the agent's code.

    Subclasses set `name`, `description`, `inputs` ({arg: {"type": ..., "description": ...,
    optional "nullable": True}}) and `output_type`, and implement `forward(...)` with parameters
    named exactly as `inputs`; parameters with defaults are optional for the caller.
    """

    name: str = ""
    description: str = ""
    inputs: dict[str, dict[str, Any]] = {}
    output_type: str = "any"

    def __init__(self) -> None:
        self.validate()

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must implement forward()")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    def parameters(self) -> typing.Mapping[str, inspect.Parameter]:
        """The parameters the tool is really called with (those of `forward`)."""
        return inspect.signature(self.forward).parameters

    @property
    def required(self) -> list[str]:
        """Names of the inputs the caller must pass (those without a default)."""
        params = self.parameters()
        return [n for n in self.inputs if n not in params or params[n].default is params[n].empty]

    def json_schema(self) -> dict[str, Any]:
        """The inputs as a JSON-schema object (`nullable` becomes a `"null"` type alternative)."""
        properties = {}
        for arg, spec in self.inputs.items():
            prop = {k: v for k, v in spec.items() if k != "nullable"}
            if spec.get("nullable"):
                kinds = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
                prop["type"] = kinds + ["null"] if "null" not in kinds else kinds
            properties[arg] = prop
        return {"type": "object", "properties": properties, "required": self.required}

    def signature_text(self) -> str:
        """`name(arg: type, ...) -> type`, the line the model sees for this tool."""
        args = []
        params = self.parameters()
        for arg, spec in self.inputs.items():
            kind = spec["type"] if isinstance(spec["type"], str) else " | ".join(spec["type"])
            default = params[arg].default if arg in params else inspect.Parameter.empty
            if default is inspect.Parameter.empty:
                args.append(f"{arg}: {kind}")
            else:
                shown = repr(default) if default is None or is_plain(default) else "..."
                args.append(f"{arg}: {kind} = {shown}")
        return f"{self.name}({', '.join(args)}) -> {self.output_type}"

    def validate(self) -> None:
        """Check that the tool describes itself fully and `forward` takes exactly its inputs."""
        name = self.name
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            raise ToolDefinitionError(
                f"{type(self).__name__}.name must be a Python identifier, got {name!r}")
        if not isinstance(self.description, str) or not self.description.strip():
            raise ToolDefinitionError(f"tool {self.name!r} needs a description")
        for arg, spec in self.inputs.items():
            if not isinstance(spec, dict) or not {"type", "description"} <= spec.keys():
                raise ToolDefinitionError(
                    f"tool {self.name!r}: input {arg!r} needs a 'type' and a 'description'")
            kinds = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
            unknown = [k for k in kinds if k not in JSON_TYPE_NAMES]
            if unknown:
                raise ToolDefinitionError(f"tool {self.name!r}: input {arg!r} has unknown type "
                                          f"{unknown[0]!r}; use one of {sorted(JSON_TYPE_NAMES)}")
        if self.output_type not in JSON_TYPE_NAMES:
            raise ToolDefinitionError(
                f"tool {self.name!r}: unknown output_type {self.output_type!r}")
        params = self.parameters()
        if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
            if set(params) != set(self.inputs):
                raise ToolDefinitionError(
                    f"tool {self.name!r}: forward() takes {sorted(params)} but inputs declare "
                    f"{sorted(self.inputs)}")

    def __repr__(self) -> str:
        return f"<tool {self.signature_text()}>"


class FunctionTool(Tool):
    """A tool made by `@tool` from a typed, documented function."""

    def __init__(self, func: Callable[..., Any], name: str, description: str,
                 inputs: dict[str, dict[str, Any]], output_type: str) -> None:
        self.func = func
        self.name = name
        self.description = description
        self.inputs = inputs
        self.output_type = output_type
        super().__init__()

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        return self.func(*args, **kwargs)

    def parameters(self) -> typing.Mapping[str, inspect.Parameter]:
        return inspect.signature(self.func).parameters


def tool(func: Callable[..., Any]) -> FunctionTool:
    """Make a tool from a function with type hints and a Google-style docstring.

        @tool
        def get_weather(city: str, celsius: bool = True) -> str:
            \"\"\"Current weather in a city.

            Args:
                city: The city's name, e.g. "Paris".
                celsius: Temperatures in Celsius rather than Fahrenheit.
            \"\"\"

    Every parameter needs a hint and an `Args:` entry, and the return needs a hint; parameters with
    a default are optional for the caller. Raises ToolDefinitionError naming what is missing.
    """
    name = func.__name__
    doc = inspect.getdoc(func)
    if not doc:
        raise ToolDefinitionError(
            f"tool {name!r} has no docstring: say what it does, and each argument under 'Args:'")
    description, arg_docs = parse_docstring(doc)
    if not description:
        raise ToolDefinitionError(
            f"tool {name!r}: the docstring needs a description before 'Args:'")
    try:
        hints = typing.get_type_hints(func)
    except Exception as exc:  # a hint naming something undefined
        raise ToolDefinitionError(f"tool {name!r}: cannot resolve its type hints ({exc})") from exc
    inputs: dict[str, dict[str, Any]] = {}
    for param in inspect.signature(func).parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            raise ToolDefinitionError(
                f"tool {name!r}: *{param.name} is not supported; "
                "give each argument a name and a type")
        if param.name not in hints:
            raise ToolDefinitionError(f"tool {name!r}: argument {param.name!r} has no type hint")
        if param.name not in arg_docs:
            raise ToolDefinitionError(
                f"tool {name!r}: argument {param.name!r} has no description under 'Args:' "
                "in the docstring")
        spec = json_type(hints[param.name], where=f"tool {name!r}, {param.name!r}")
        inputs[param.name] = {**spec, "description": arg_docs.pop(param.name)}
        if param.default is not param.empty and is_plain(param.default):
            inputs[param.name]["default"] = param.default
    if arg_docs:
        raise ToolDefinitionError(
            f"tool {name!r}: the docstring describes {sorted(arg_docs)}, which are not arguments")
    if "return" not in hints:
        raise ToolDefinitionError(f"tool {name!r} has no return type hint (e.g. '-> str')")
    output = json_type(hints["return"], where=f"tool {name!r}, return")
    output_type = output["type"] if isinstance(output["type"], str) else "any"
    made = FunctionTool(func, name, description, inputs, output_type)
    made.__doc__ = func.__doc__
    return made


def json_type(hint: Any, *, where: str) -> dict[str, Any]:
    """`{"type": ...}` for a type hint, plus `"nullable": True` for Optional[X] / X | None."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = [m for m in typing.get_args(hint) if m is not type(None)]
        nullable = len(members) < len(typing.get_args(hint))
        specs = [json_type(m, where=where) for m in members]
        if len(specs) == 1:  # Optional[X]: keep X's details (items, enum)
            spec: dict[str, Any] = dict(specs[0])
        else:
            kinds: list[str] = []
            for member in specs:
                kinds += [member["type"]] if isinstance(member["type"], str) else member["type"]
            spec = {"type": list(dict.fromkeys(kinds))}
        if nullable:
            spec["nullable"] = True
        return spec
    if origin is typing.Literal:
        values = list(typing.get_args(hint))
        spec = json_type(type(values[0]), where=where)
        return {**spec, "enum": values}
    base = origin or hint
    if base not in _JSON_TYPES:
        raise ToolDefinitionError(f"{where}: unsupported type hint {hint!r}; use str, int, float, "
                                  "bool, list[...], dict[...], Optional[...] or Any")
    spec = {"type": _JSON_TYPES[base]}
    if base in (list, tuple) and typing.get_args(hint):
        item = typing.get_args(hint)[0]
        if item is not Ellipsis:
            spec["items"] = json_type(item, where=where)
    return spec


_SECTION = re.compile(
    r"^(Args|Arguments|Parameters|Returns|Return|Yields|Raises|Examples?|Notes?):\s*$")
_ARG_LINE = re.compile(r"^(\*{0,2}\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$")


def parse_docstring(doc: str) -> tuple[str, dict[str, str]]:
    """Split a Google-style docstring into (description, {arg: description}).

    The description is the text before the first section header; it keeps the `Returns:` section
    appended, since the model needs to know what comes back. Continuation lines of an argument
    (indented deeper than its name) are joined to it.
    """
    lines = inspect.cleandoc(doc).splitlines()
    description: list[str] = []
    returns: list[str] = []
    args: dict[str, str] = {}
    section = None
    current = None
    arg_indent = None
    for line in lines:
        header = _SECTION.match(line.strip()) if not line.startswith((" ", "\t")) else None
        if header:
            section, current, arg_indent = header.group(1), None, None
            continue
        if section is None:
            description.append(line)
        elif section in ("Args", "Arguments", "Parameters"):
            indent = len(line) - len(line.lstrip())
            match = _ARG_LINE.match(line.strip())
            if match and (arg_indent is None or indent <= arg_indent):
                arg_indent = indent
                current = match.group(1).lstrip("*")
                args[current] = match.group(2).strip()
            elif current is not None and line.strip():
                args[current] = f"{args[current]} {line.strip()}".strip()
        elif section in ("Returns", "Return") and line.strip():
            returns.append(line.strip())
    text = "\n".join(description).strip()
    if returns:
        text += "\nReturns: " + " ".join(returns)
    return text, {k: v for k, v in args.items()}


def is_plain(value: Any) -> bool:
    """True for values that read well in a prompt and survive JSON: str, numbers, bools."""
    return type(value) in (str, int, float, bool)


class FinalAnswerTool(Tool):
    """Ends the run with the answer. The agent wraps it so that the call raises `safeexec.Stop`."""

    name = "final_answer"
    description = "Gives the final answer to the task and ends the run."
    inputs = {"answer": {"type": "any", "description": "The final answer to the task."}}
    output_type = "any"

    def forward(self, answer: Any) -> Any:
        return answer


def as_sandbox_callable(t: Tool) -> Callable[..., Any]:
    """The plain function the sandbox receives for `t` (named after the tool, holding nothing else).

    `final_answer` is special: whatever the tool returns (it may check or reshape the answer)
    becomes the run's value through `safeexec.Stop`, which sandboxed code cannot catch.
    """
    if t.name == "final_answer":
        def call(*args: Any, **kwargs: Any) -> Any:
            raise safeexec.Stop(t(*args, **kwargs))
    else:
        def call(*args: Any, **kwargs: Any) -> Any:
            return t(*args, **kwargs)
    call.__name__ = call.__qualname__ = t.name
    call.__doc__ = t.description
    return call
