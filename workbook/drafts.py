"""Words typed but not yet saved, kept in the server's memory for the browser they were typed in.

Streamlit hears a text box only when it loses focus, and forgets it when the page is left or
reloaded. So the page's own script (ui/keeper.py) sends what is typed, a moment after each pause and
at once before a click or before the page goes away, to `POST /api/drafts` (this module's route, given
to `st.App` in app.py). The words are held here, in this process's memory only: never on disk, never
in the browser's storage. A form offers them again until it is saved (`forget` clears them), and says
so when it does (ui.state, ui.forms.widgets).

Whose words they are: each browser is given a random id of its own, in a cookie (`COOKIE`) set on the
first answer it gets (`BrowserId`, a middleware given to `st.App` in app.py). The cookie holds no
words; it is HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it), and
the words typed in one browser (one browser profile) are offered only there: never in another
profile, another browser or another device using the same server. Within a browser they are kept per
workbook file and per box (a widget key names its form: `<prefix>_<field>`), with the time they were
typed, so a form that brings them back can say when.

The route answers only the app's own pages (workbook.guard refuses other sites), accepts only small
JSON objects of text, and the store is bounded, so it cannot be used to fill the server's memory; a
browser that posts too much loses its own oldest words, never another browser's.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request, cookie_parser
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .paths import resolve_workbook_path

ROUTE = "/api/drafts"
MAX_BODY = 2 * 1024 * 1024  # one long reflection, with room to spare
MAX_TEXT = 200_000  # characters in one box; more than any form accepts (see models.LONG_TEXT_MAX)
MAX_KEYS = 400  # boxes remembered for one browser at once; its oldest are forgotten first
MAX_BROWSERS = 32  # browsers remembered at once; the one heard from longest ago is forgotten first
MAX_CHARS = 20_000_000  # characters held in all; over it, the browser holding most loses its oldest box
_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,120}$")  # a widget key, as the pages name them

COOKIE = "workbook_browser"  # this browser's id: which unsaved words are its own
COOKIE_AGE = 365 * 24 * 3600  # seconds: the id outlives a closed browser (the words, only the server)
_ID = re.compile(r"^[A-Za-z0-9_\-]{32}$")  # what new_browser_id makes


@dataclass(frozen=True)
class Draft:
    """What was typed into one box and not saved, and when it was last changed (this computer's time)."""

    text: str
    at: datetime


class DraftStore:
    """Browser id -> (workbook file, widget key) -> Draft. Each browser's words are its own, and kept
    apart per workbook file: words typed for one workbook are never offered in another."""

    def __init__(self, scope: Callable[[], object] = resolve_workbook_path) -> None:
        self._lock = threading.Lock()
        self._browsers: OrderedDict[str, OrderedDict[tuple[str, str], Draft]] = OrderedDict()
        self._chars: dict[str, int] = {}  # browser -> characters it holds
        self._scope = scope

    def keep(self, browser: str, key: str, text: str, at: datetime | None = None) -> None:
        where = (str(self._scope()), key)
        with self._lock:
            boxes = self._browsers.pop(browser, None)
            if boxes is None:
                boxes = OrderedDict()
            self._browsers[browser] = boxes  # heard from most recently: last
            before = boxes.pop(where, None)
            self._chars[browser] = self._chars.get(browser, 0) - (len(before.text) if before else 0) + len(text)
            # the same words again (a box leaving focus after the keeper sent them) keep their time
            when = before.at if before is not None and before.text == text else (at or datetime.now())
            boxes[where] = Draft(text, when)
            while len(boxes) > MAX_KEYS:
                self._drop_oldest(browser)
            while len(self._browsers) > MAX_BROWSERS:
                self._drop_browser(next(iter(self._browsers)))
            while sum(self._chars.values()) > MAX_CHARS:
                self._drop_oldest(max(self._chars, key=self._chars.__getitem__))

    def get(self, browser: str, key: str) -> Draft | None:
        where = (str(self._scope()), key)
        with self._lock:
            return self._browsers.get(browser, {}).get(where)

    def forget(self, browser: str, prefix: str) -> None:
        """Drop this browser's drafts of one form (its widget keys start with `prefix`): it was saved,
        or the words were cleared. Another browser's words are not touched."""
        scope = str(self._scope())
        with self._lock:
            boxes = self._browsers.get(browser, {})
            for where in [w for w in boxes if w[0] == scope and w[1].startswith(prefix)]:
                self._chars[browser] -= len(boxes.pop(where).text)

    def drop(self, browser: str, key: str) -> None:
        """Drop this browser's draft of one box (its words were cleared)."""
        where = (str(self._scope()), key)
        with self._lock:
            gone = self._browsers.get(browser, {}).pop(where, None)
            if gone is not None:
                self._chars[browser] -= len(gone.text)

    def _drop_oldest(self, browser: str) -> None:
        boxes = self._browsers[browser]
        _where, draft = boxes.popitem(last=False)
        self._chars[browser] -= len(draft.text)
        if not boxes:
            self._drop_browser(browser)

    def _drop_browser(self, browser: str) -> None:
        del self._browsers[browser], self._chars[browser]


STORE = DraftStore()


def new_browser_id() -> str:
    return secrets.token_urlsafe(24)  # 32 characters, 192 random bits


def browser_of(cookies: Mapping[str, str]) -> str | None:
    """The browser's id among its cookies (as Starlette or st.context give them), None if it has none."""
    value = cookies.get(COOKIE)
    return value if isinstance(value, str) and _ID.match(value) else None


class BrowserId:
    """Give a browser its id on the first answer it gets (the page, before its websocket opens, so the
    page's script run knows whose words to offer), and pass it on as if the browser had sent it.

    A browser that already has an id keeps it. A page opened from a link on another site is not given
    one: a SameSite=Strict cookie is not sent with that first request, so a browser that has an id
    would lose it; its page's websocket and the keeper's posts, from this site, carry it (and the
    keeper's first post gives a browser that truly has none its id)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        sent = headers.get("cookie", "")
        if browser_of(cookie_parser(sent)) or headers.get("sec-fetch-site") == "cross-site":
            await self.app(scope, receive, send)
            return
        given = new_browser_id()
        cookie = f"{sent}; {COOKIE}={given}" if sent.strip() else f"{COOKIE}={given}"  # the last one counts
        scope = {
            **scope,
            "headers": [
                *[(k, v) for k, v in scope["headers"] if k != b"cookie"],
                (b"cookie", cookie.encode("latin-1")),
            ],
        }

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(
                    "Set-Cookie", f"{COOKIE}={given}; Path=/; Max-Age={COOKIE_AGE}; HttpOnly; SameSite=Strict"
                )
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def middleware() -> list[Middleware]:
    return [Middleware(BrowserId)]


def accept(browser: str, payload: object) -> int:
    """Keep one browser's drafts from a decoded request body ({key: text}); returns how many were kept."""
    if not isinstance(payload, dict):
        raise ValueError("drafts must be a JSON object")
    kept = 0
    for key, text in payload.items():
        if isinstance(key, str) and _KEY.match(key) and isinstance(text, str) and len(text) <= MAX_TEXT:
            STORE.keep(browser, key, text)
            kept += 1
    return kept


async def _receive(request: Request) -> Response:
    # Another site's page was refused by workbook.guard; JSON cannot be posted across sites without a
    # preflight the app never grants, so only the app's own pages get this far.
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return Response(status_code=415)
    browser = browser_of(request.cookies)  # BrowserId gave one to a browser that had none
    if browser is None:
        return Response(status_code=403)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return Response(status_code=413)
    try:
        accept(browser, json.loads(body))
    except (ValueError, RecursionError):
        return Response(status_code=400)
    return Response(status_code=204)


def routes() -> list[Route]:
    return [Route(ROUTE, _receive, methods=["POST"])]
