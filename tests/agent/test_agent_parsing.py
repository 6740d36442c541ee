"""Finding the code block in a model's reply."""
import pytest

from agent import extract_code


@pytest.mark.parametrize("reply, code", [
    ("Thought: add.\n```py\nx = 1 + 1\nprint(x)\n```<end_code>", "x = 1 + 1\nprint(x)"),
    ("Thought: add.\n```python\nx = 2\n```\n", "x = 2"),
    ("```\nbare = True\n```", "bare = True"),
    ("Thought: tags.\n<code>\ny = 3\n</code>", "y = 3"),
    # a stop sequence cut the closing marker off
    ("Thought: cut.\n<code>\nz = 4\n", "z = 4"),
    ("Thought: cut.\n```py\nz = 5\n", "z = 5"),
    # several blocks run in order, as one program
    ("```py\na = 1\n```\nThen:\n```py\nb = a + 1\n```", "a = 1\n\nb = a + 1"),
    # a block in another language is not run; the Python one is
    ("```json\n{\"k\": 1}\n```\n```py\nk = 1\n```", "k = 1"),
    # indentation common to the whole block is removed, inner indentation kept
    ("```py\n    for i in range(2):\n        print(i)\n```", "for i in range(2):\n    print(i)"),
    # fences inside <code> are unwrapped
    ("<code>\n```py\nw = 6\n```\n</code>", "w = 6"),
    # code containing triple-quoted strings mid-line is kept whole
    ('```py\ns = """a\n b"""\nprint(s)\n```', 's = """a\n b"""\nprint(s)'),
])
def test_code_is_extracted(reply, code):
    assert extract_code(reply) == code


@pytest.mark.parametrize("reply", [
    "Paris",
    "Thought: I think the answer is 42.",
    "```text\nnot code\n```",
    "```py\n   \n```",
    "",
])
def test_reply_without_code_block_gives_none(reply):
    assert extract_code(reply) is None


def test_extracted_code_is_valid_python_for_a_typical_reply():
    reply = ("Thought: I will search.\n```py\nresults = web_search(query=\"leopard speed\")\n"
             "print(results)\n```<end_code>")
    code = extract_code(reply)
    compile(code, "<step>", "exec")  # what CPython accepts, the sandbox is given
    assert code.splitlines()[0] == 'results = web_search(query="leopard speed")'
