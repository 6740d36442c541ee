"""Prompt templates: files in agent/prompts/ with `{{name}}` placeholders.

Why not str.format: prompts are full of Python code with braces (dicts, f-strings) that would need
escaping. A placeholder left without a value is an error, so a renamed field cannot silently reach
the model as literal `{{name}}`.
"""
from __future__ import annotations

import re
from pathlib import Path

PROMPTS_DIR = Path(__file__).parent / "prompts"
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def load_template(name: str) -> str:
    """The text of agent/prompts/<name>."""
    return (PROMPTS_DIR / name).read_text(encoding="utf-8")


def render(template: str, **values: object) -> str:
    """Replace each `{{name}}` with `values[name]`; a missing value raises KeyError naming it."""
    missing = sorted({m.group(1) for m in _PLACEHOLDER.finditer(template)} - values.keys())
    if missing:
        raise KeyError(f"prompt template needs values for: {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)
