"""The first page, prepared while the browser loads (used by `app.py`).

When the server starts, the browser still needs most of a second to load Streamlit's own page before
it asks for Home. Meanwhile the server is idle, and Home's first run would then import the app's code
and read the whole workbook (~0.25 s at ten years of sessions) while the person waits. So `Ahead`
does that work in a thread as the server starts:

- first the imports, and the browser's connection (the websocket every page runs over) waits for
  them: two threads importing the same modules at once can deadlock, so no page runs meanwhile;
- then the reading, which a page that comes meanwhile simply waits for through the workbook's own
  locks (and never waits on another program: a workbook busy elsewhere is left for the page);
- while it works, Python offers its lock to the server's event loop, which is still sending
  Streamlit's files to the browser, every 0.1 ms instead of every 5 ms (parsing the file's JSON is
  one step that cannot be interrupted); otherwise the browser's loading waits on the thread.

A problem the reading meets (a locked or damaged workbook) is the page's to explain, as it always was;
a bug is reported like any other, in the server's output.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable

from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

QUICK_HANDOVER = 0.0001  # seconds; Python's own switch interval is 0.005


class Ahead:
    """`imports`, then `reads`, run once in a thread by `start()`; websocket connections wait for the
    imports (`middleware()`)."""

    def __init__(self, imports: Callable[[], None], reads: Callable[[], None]) -> None:
        self._imports, self._reads = imports, reads
        self.imported = threading.Event()
        self._started = False

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        interval = sys.getswitchinterval()
        sys.setswitchinterval(QUICK_HANDOVER)
        threading.Thread(target=self._run, args=(interval,), name="ahead", daemon=True).start()

    def _run(self, interval: float) -> None:
        try:
            try:
                self._imports()
            finally:
                self.imported.set()
            self._reads()
        finally:
            sys.setswitchinterval(interval)

    def middleware(self) -> Middleware:
        return Middleware(_WaitForImports, imported=self.imported)


class _WaitForImports:
    """Holds a websocket connection until the imports are done; every other request passes at once."""

    def __init__(self, app: ASGIApp, imported: threading.Event) -> None:
        self.app, self.imported = app, imported

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            while not self.imported.is_set():
                await asyncio.sleep(0.005)
        await self.app(scope, receive, send)
