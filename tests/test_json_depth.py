"""The JSON nesting pre-scan (module_wraps.check_json_depth): its one-pass pattern keeps exactly
the brackets outside strings, as a plain character-by-character reading of JSON does."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from safeexec.interp import module_wraps as mw


def brackets_outside_strings(text: str) -> str:
    out, in_string, escaped = [], False, False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            # an unterminated string is no string: its quote is skipped, the text after it read
            in_string = _closes(text, i + 1)
        elif ch in "[]{}":
            out.append(ch)
    return "".join(out)


def _closes(text: str, start: int) -> bool:
    escaped = False
    for ch in text[start:]:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            return True
    return False


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet='[]{}"\\a\n', max_size=60))
def test_one_pass_pattern_keeps_the_brackets_outside_strings(text):
    assert mw._JSON_NOT_BRACKET.sub("", text) == brackets_outside_strings(text)
    assert mw._JSON_NOT_BRACKET_B.sub(b"", text.encode()) == \
        brackets_outside_strings(text).encode()
