"""Fixtures for the agent tests: a local server for every remote party, and a quiet console."""
import io

import pytest
from rich.console import Console

from local_server import LocalServer


@pytest.fixture
def server():
    """A fresh LocalServer (chat endpoint, search page, fake Hub, pages), stopped afterwards."""
    local = LocalServer().start()
    yield local
    local.stop()


@pytest.fixture
def console():
    """A rich console writing to memory; read it with `console.file.getvalue()`."""
    return Console(file=io.StringIO(), width=120, color_system=None, highlight=False)
