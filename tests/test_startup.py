"""The first page prepared while the browser loads: the gate on the browser's connection, and the read
ahead of the workbook (the real server starts this way in every browser test)."""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import goal, sha256
from workbook.repository import Repository
from workbook.startup import Ahead


def gated(ahead: Ahead) -> tuple[object, list[str]]:
    """The middleware in front of a tiny app that notes each request it is given."""
    reached: list[str] = []

    async def inner(scope: dict, receive: object, send: object) -> None:
        reached.append(scope["type"])

    middleware = ahead.middleware()
    return middleware.cls(inner, *middleware.args, **middleware.kwargs), reached


def test_the_browsers_connection_waits_for_the_work_ahead_and_nothing_else_does() -> None:
    go_on = threading.Event()
    ahead = Ahead(lambda: go_on.wait(10))
    app, reached = gated(ahead)

    async def visit() -> None:
        ahead.start()
        connection = asyncio.create_task(app({"type": "websocket"}, None, None))
        await asyncio.wait_for(app({"type": "http"}, None, None), 1)  # Streamlit's files come at once
        await asyncio.sleep(0.2)
        assert reached == ["http"] and not connection.done()  # a page cannot run while the work imports
        go_on.set()
        await asyncio.wait_for(connection, 2)

    asyncio.run(visit())
    assert reached == ["http", "websocket"]


def test_the_connection_opens_whatever_the_work_meets_and_python_is_left_as_it_was() -> None:
    before = sys.getswitchinterval()
    seen: list[float] = []

    def broken() -> None:
        seen.append(sys.getswitchinterval())
        raise RuntimeError("a bug in the work ahead")

    ahead = Ahead(broken)
    app, reached = gated(ahead)
    ahead.start()
    assert ahead.done.wait(5)
    asyncio.run(asyncio.wait_for(app({"type": "websocket"}, None, None), 1))
    assert reached == ["websocket"]
    assert seen and seen[0] < before  # the server's event loop got Python's lock back quickly meanwhile
    assert sys.getswitchinterval() == before


@pytest.fixture
def page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> object:
    from ui import page

    monkeypatch.setattr(page, "_OPENED", type(page._OPENED)())
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "workbook.json"))
    return page


def test_a_plain_workbook_is_read_before_any_page_asks(page: object, tmp_path: Path) -> None:
    Repository(tmp_path / "workbook.json").save(goal("Sleep better"))
    page.read_ahead()  # type: ignore[attr-defined]
    repo = page._open(str(tmp_path / "workbook.json"))  # type: ignore[attr-defined]
    assert repo._entries is not None  # the page's first run finds every entry already read
    assert [g.title for g in repo.goals()] == ["Sleep better"]


def test_an_encrypted_or_damaged_workbook_is_left_for_the_page_untouched(page: object, tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    Repository(path).save(goal("Sleep better"))
    Repository(path).encrypt("correct horse battery staple")
    before = sha256(path)
    page.read_ahead()  # type: ignore[attr-defined]
    assert page._OPENED == {}  # type: ignore[attr-defined]  # it waits for the passphrase, on the page
    assert sha256(path) == before

    path.write_text('{"format": "alliance-workbook", "tables": {"goals": [')
    page.read_ahead()  # type: ignore[attr-defined]  # no traceback: the page explains, with backups
    assert path.read_text() == '{"format": "alliance-workbook", "tables": {"goals": ['
