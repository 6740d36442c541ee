"""Finding the code in a model's reply.

Two forms are accepted: fenced blocks opened by ```py, ```python or a bare ``` (closed by a line
that starts with ```, so "```<end_code>" closes too), and <code>…</code>. A block left open at the
end of the reply is taken to the end, since a stop sequence may have cut the closing marker off.
Several blocks are joined in order. Prose alone is never run as code: "Paris" parses as Python, but
running it would only give a confusing NameError, so the model is told the expected format instead.
"""
from __future__ import annotations

import re

CODE_LANGUAGES = frozenset({"", "py", "python", "python3"})
_OPEN_FENCE = re.compile(r"^\s*```[ \t]*([\w+-]*)[ \t]*$")
_CLOSE_FENCE = re.compile(r"^\s*```")
_CODE_TAG = re.compile(r"<code>(.*?)(?:</code>|\Z)", re.DOTALL)


def extract_code(text: str) -> str | None:
    """The code in `text` (blocks joined by a blank line), or None when it holds no code block."""
    tagged = [block for block in _CODE_TAG.findall(text) if block.strip()]
    if tagged:
        blocks = [_fenced_blocks(block) or [block] for block in tagged]
        return "\n\n".join(_dedent(b) for group in blocks for b in group)
    blocks = _fenced_blocks(text)
    return "\n\n".join(_dedent(b) for b in blocks) if blocks else None


def _fenced_blocks(text: str) -> list[str]:
    """Bodies of the fenced blocks in Python (or no stated language), in order; others skipped."""
    blocks: list[str] = []
    language: str | None = None  # None: outside any fence
    body: list[str] = []
    for line in text.splitlines():
        if language is None:
            opening = _OPEN_FENCE.match(line)
            if opening:
                language, body = opening.group(1).lower(), []
        elif _CLOSE_FENCE.match(line):
            if language in CODE_LANGUAGES and "".join(body).strip():
                blocks.append("\n".join(body))
            language = None
        else:
            body.append(line)
    if language in CODE_LANGUAGES and "".join(body).strip():  # cut off by a stop sequence
        blocks.append("\n".join(body))
    return blocks


def _dedent(code: str) -> str:
    """Strip the block's common indentation and surrounding blank lines."""
    lines = code.strip("\n").splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] for line in lines).rstrip()
