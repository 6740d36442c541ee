"""The named security corpus: one test per attack, run on every backend and on plain CPython."""
