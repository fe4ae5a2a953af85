"""The first page, prepared while the browser loads (used by `app.py`).

When the server starts, the browser still needs most of a second to load Streamlit's own page before
it asks for Home. Meanwhile the server is idle, and Home's first run would then import the app's code
and read the whole workbook (~0.25 s at ten years of sessions) while the person waits. So `Ahead`
runs that work in a thread as the server starts, and holds back the browser's connection (the
websocket every page runs over) until the work is done:

- a page never runs while the thread imports: two threads importing the same modules at once can
  deadlock, and the page's first import (`import ui`) simply finds everything in place;
- while the thread works, Python hands its lock back to the server's event loop, which is still
  serving Streamlit's files to the browser, within 0.1 ms instead of the usual 5 ms; otherwise the
  browser's loading waits on the thread and nothing is gained;
- whatever the work meets (a locked or damaged workbook, a bug) is left for the page to meet again
  and explain; the connection opens in any case.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable

from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

QUICK_HANDOVER = 0.0001  # seconds; Python's default switch interval is 0.005


class Ahead:
    """`work`, run once in a thread by `start()`; websocket connections wait for it (`middleware()`)."""

    def __init__(self, work: Callable[[], None]) -> None:
        self._work = work
        self.done = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._run, name="ahead", daemon=True).start()

    def _run(self) -> None:
        before = sys.getswitchinterval()
        sys.setswitchinterval(QUICK_HANDOVER)
        try:
            self._work()
        except Exception:  # noqa: S110  # the page does the same work, and explains what it meets
            pass
        finally:
            sys.setswitchinterval(before)
            self.done.set()

    def middleware(self) -> Middleware:
        return Middleware(_WaitForAhead, done=self.done)


class _WaitForAhead:
    """Holds a websocket connection until the work ahead is done; every other request passes at once."""

    def __init__(self, app: ASGIApp, done: threading.Event) -> None:
        self.app, self.done = app, done

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            while not self.done.is_set():
                await asyncio.sleep(0.005)
        await self.app(scope, receive, send)
