"""The first page prepared while the browser loads: the wait on the browser's connection, the reading
ahead of the workbook, and both in the real server."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import Server, goal, sha256
from workbook.locking import lock_path_for
from workbook.repository import Repository
from workbook.startup import QUICK_HANDOVER, Ahead


def gated(ahead: Ahead) -> tuple[object, list[str]]:
    """The middleware in front of a tiny app that notes each request it is given."""
    reached: list[str] = []

    async def inner(scope: dict, receive: object, send: object) -> None:
        reached.append(scope["type"])

    cls, args, kwargs = ahead.middleware()
    return cls(inner, *args, **kwargs), reached


def test_the_browsers_connection_waits_for_the_imports_and_nothing_else_does() -> None:
    imports_done, reads_done = threading.Event(), threading.Event()
    ahead = Ahead(lambda: imports_done.wait(10), lambda: reads_done.wait(10))
    app, reached = gated(ahead)

    async def visit() -> None:
        ahead.start()
        connection = asyncio.create_task(app({"type": "websocket"}, None, None))
        await asyncio.wait_for(app({"type": "http"}, None, None), 1)  # Streamlit's files come at once
        await asyncio.sleep(0.2)
        assert reached == ["http"] and not connection.done()  # no page runs while the thread imports
        imports_done.set()
        await asyncio.wait_for(connection, 2)  # the reading goes on: a page waits for it by the workbook's locks

    before = sys.getswitchinterval()
    try:
        asyncio.run(visit())
    finally:
        imports_done.set()
        reads_done.set()
    assert reached == ["http", "websocket"]
    deadline = time.monotonic() + 5
    while sys.getswitchinterval() != before and time.monotonic() < deadline:  # the thread ends
        time.sleep(0.01)
    assert sys.getswitchinterval() == before


def test_a_bug_in_the_work_ahead_is_reported_the_connection_opens_and_python_is_left_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = sys.getswitchinterval()
    reported: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: reported.append(args.exc_value))
    seen: list[float] = []
    read: list[bool] = []

    def broken() -> None:
        seen.append(sys.getswitchinterval())
        raise RuntimeError("a bug in the imports")

    ahead = Ahead(broken, lambda: read.append(True))
    app, reached = gated(ahead)
    ahead.start()
    ahead.start()  # once only
    assert ahead.imported.wait(5)
    asyncio.run(asyncio.wait_for(app({"type": "websocket"}, None, None), 1))
    deadline = time.monotonic() + 5
    while not reported and time.monotonic() < deadline:
        time.sleep(0.01)
    assert reached == ["websocket"]
    assert [str(error) for error in reported] == ["a bug in the imports"]  # in the server's output, as any bug
    assert (
        seen == [pytest.approx(QUICK_HANDOVER)] and not read
    )  # the event loop got Python's lock back quickly meanwhile
    assert sys.getswitchinterval() == before


@pytest.fixture
def page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ModuleType:
    from ui import page

    monkeypatch.setattr(page, "_OPENED", type(page._OPENED)())
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "workbook.json"))
    return page


def test_a_plain_workbook_is_read_before_any_page_asks(page: ModuleType, tmp_path: Path) -> None:
    Repository(tmp_path / "workbook.json").save(goal("Sleep better"))
    page.read_ahead()
    repo = page._open(str(tmp_path / "workbook.json"))
    assert repo._entries is not None  # the page's first run finds every entry already read
    assert [g.title for g in repo.goals()] == ["Sleep better"]


def test_an_encrypted_or_damaged_workbook_is_left_for_the_page_untouched(page: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    Repository(path).save(goal("Sleep better"))
    Repository(path).encrypt("correct horse battery staple")
    before = sha256(path)
    page.read_ahead()
    assert page._OPENED == {}  # it waits for the passphrase, on the page
    assert sha256(path) == before

    path.write_text('{"format": "alliance-workbook", "tables": {"goals": [')
    page.read_ahead()  # no traceback: the page explains, with the backups to go back to
    assert path.read_text() == '{"format": "alliance-workbook", "tables": {"goals": ['


def test_a_workbook_not_there_yet_or_on_a_disk_not_there_is_left_for_the_page_with_nothing_made(
    page: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "home" / "workbook.json"  # a link to a workbook on a disk that is not mounted
    link.parent.mkdir()
    link.symlink_to(tmp_path / "usb-drive" / "therapy" / "workbook.json")
    mistyped = tmp_path / "Documnets" / "workbook.json"
    for path in (link, mistyped):
        monkeypatch.setenv("WORKBOOK_DB", str(path))
        page.read_ahead()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["home", "home/workbook.json"]
    assert page._OPENED == {}  # the page says the disk or folder is not there, and saves nothing elsewhere


HOLD = (
    "import filelock, sys; lock = filelock.FileLock(sys.argv[1]); lock.acquire();"
    " print('held', flush=True); sys.stdin.read()"
)


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """The workbook's lock held by another program (as the command line holds it while it works)."""
    path = tmp_path / "workbook.json"
    Repository(path).save(goal("Sleep better"))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock_path_for(path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield path
    holder.kill()
    holder.wait()


def test_a_workbook_another_program_is_using_is_left_for_the_page_at_once(page: ModuleType, held: Path) -> None:
    started = time.monotonic()
    page.read_ahead()
    assert time.monotonic() - started < 2  # not the 30 s the page waits before it says the workbook is busy
    assert page._OPENED == {}


def test_the_server_reads_the_workbook_as_it_starts_before_any_page_is_asked_for(tmp_path: Path) -> None:
    import app  # the server as `streamlit run app.py` builds it

    assert app.app._user_middleware[-1].cls is app.ahead.middleware().cls  # type: ignore[attr-defined]  # after the guards

    path = tmp_path / "workbook.json"
    Repository(path).save(goal("Sleep better"))
    leftover = path.with_name(f".{path.name}.{'0' * 12}.tmp")  # half a save, left by a crash
    leftover.write_text("half a save")
    server = Server(path, tmp_path / "server.log")
    try:
        deadline = time.monotonic() + 20
        while leftover.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not leftover.exists()  # opened (and tidied) as the server started, with no page asked for
    finally:
        log = server.stop()
    assert "Traceback" not in log, log
