"""`safeexec-agent "task" --model ... --base-url ...`: run a CodeAgent from the command line.

Model options default to environment variables, so the same command (and the examples, which share
`add_model_options`/`model_from_args`) runs against any OpenAI-compatible endpoint:
SAFEEXEC_MODEL (model id), OPENAI_BASE_URL (endpoint), and the key in the variable named by
--api-key-env (OPENAI_API_KEY by default; HF_TOKEN for Hugging Face's router).
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import safeexec

from .code_agent import CodeAgent
from .models import OpenAIModel
from .tools import Tool
from .values import safe_str
from .web_tools import VisitWebpageTool, WebSearchTool

BUILTIN_TOOLS = {"web_search": WebSearchTool, "visit_webpage": VisitWebpageTool}


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """--model, --base-url and --api-key-env, defaulting to the environment."""
    parser.add_argument("--model", default=os.environ.get("SAFEEXEC_MODEL"),
                        help="model id (default: $SAFEEXEC_MODEL)")
    parser.add_argument("--base-url", default=os.environ.get("OPENAI_BASE_URL"),
                        help="OpenAI-compatible endpoint, e.g. http://localhost:8000/v1 "
                             "(default: $OPENAI_BASE_URL, else OpenAI)")
    parser.add_argument("--api-key-env", default="OPENAI_API_KEY", metavar="VAR",
                        help="environment variable holding the API key (default: OPENAI_API_KEY)")


def model_from_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> OpenAIModel:
    """The model the options name; exits with a usage error when no model id is given."""
    if not args.model:
        parser.error("no model: pass --model or set SAFEEXEC_MODEL")
    return OpenAIModel(args.model, base_url=args.base_url, api_key=os.environ.get(args.api_key_env))


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="safeexec-agent", description=(
        "Solve a task with a CodeAgent: the model writes Python, safeexec runs it."))
    parser.add_argument("task", help="the task, in words")
    add_model_options(parser)
    parser.add_argument("--tools", type=_names, default=[], metavar="NAMES",
                        help=f"comma-separated built-in tools: {', '.join(BUILTIN_TOOLS)}")
    parser.add_argument("--imports", type=_names, default=[], metavar="MODULES",
                        help="comma-separated modules the code may import, e.g. math,requests,bs4")
    parser.add_argument("--backend", choices=("ast", "wasm"), default="ast")
    parser.add_argument("--max-steps", type=int, default=20)
    parser.add_argument("--planning-interval", type=int, default=None, metavar="N")
    parser.add_argument("--timeout", type=float, default=None,
                        help="wall-clock seconds for each step's code, tool calls included")
    parser.add_argument("--trace", default=None, metavar="PATH", help="write a JSONL trace here")
    parser.add_argument("--quiet", action="store_true", help="print only the final answer")
    return parser


def make_tools(names: list[str], parser: argparse.ArgumentParser) -> list[Tool]:
    unknown = [n for n in names if n not in BUILTIN_TOOLS]
    if unknown:
        parser.error(f"unknown tool {unknown[0]!r}; choose from {', '.join(BUILTIN_TOOLS)}")
    return [BUILTIN_TOOLS[n]() for n in names]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    options: dict[str, Any] = {}
    if args.timeout is not None:
        options["limits"] = safeexec.Limits(timeout=args.timeout)
    agent = CodeAgent(tools=make_tools(args.tools, parser), model=model_from_args(parser, args),
                      allowed_imports=args.imports, backend=args.backend, max_steps=args.max_steps,
                      planning_interval=args.planning_interval, trace=args.trace,
                      verbose=not args.quiet, **options)
    with agent:
        answer = agent.run(args.task)
    print(safe_str(answer, 100_000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
