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
typed, so a form that brings them back can say when, and with the tab that typed them last (`tab`,
a random id the page's script keeps for its tab), so that tab alone can tell, after the app restarts,
which of its words the restart took.

What survives: the words live in this process only, so a restart of the app takes them, except what
the page still shows: a tab left open re-sends every box and rating it shows once it reconnects
(ui.keeper, ui.state.restore). What no page shows any more is gone; a tab that typed it says so once
it meets the new process (`BOOT`, `STARTED`). A save forgets only the words it saved (`forget`'s
`saved`): another tab's different words for the same form stay.

The route answers only the app's own pages (workbook.guard refuses other sites), accepts only small
JSON objects of text, and the store is bounded, so it cannot be used to fill the server's memory; a
browser that posts too much loses its own oldest words, never another browser's.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
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
LATE = 10.0  # seconds: the keeper's post of words just saved, arriving after the save, is not kept again
_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,120}$")  # a widget key, as the pages name them

COOKIE = "workbook_browser"  # this browser's id: which unsaved words are its own
COOKIE_AGE = 365 * 24 * 3600  # seconds: the id outlives a closed browser (the words, only the server)
_ID = re.compile(r"^[A-Za-z0-9_\-]{32}$")  # what new_browser_id makes
TAB = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")  # a tab's id, as the keeper script makes it (?tab=…)
SEQ_HEADER = "X-Workbook-Seq"  # the answer to a post: the browser's count of words heard, with that post

# This process: a restart makes another. A page compares it with the one it typed under.
BOOT = secrets.token_urlsafe(12)
STARTED = datetime.now()


@dataclass(frozen=True)
class Draft:
    """What was typed into one box and not saved, and when it was last changed (this computer's time)."""

    text: str
    at: datetime
    tab: str | None = None  # the tab that typed these words last, when it said (ui.keeper)
    seq: int = 0  # the browser's count of words heard when these were


class DraftStore:
    """Browser id -> (workbook file, widget key) -> Draft. Each browser's words are its own, and kept
    apart per workbook file: words typed for one workbook are never offered in another."""

    def __init__(self, scope: Callable[[], object] = resolve_workbook_path) -> None:
        self._lock = threading.Lock()
        self._browsers: OrderedDict[str, OrderedDict[tuple[str, str], Draft]] = OrderedDict()
        self._chars: dict[str, int] = {}  # browser -> characters it holds
        self._seq: dict[str, int] = {}  # browser -> how many times it was heard (it only grows)
        # words just saved or cleared, and when: the same words posted a moment later are late, not new
        self._gone: dict[tuple[str, tuple[str, str]], tuple[str, float]] = {}
        # browser -> (workbook file, widget key): boxes whose unsaved words a restart took, till said and saved
        self._lost: dict[str, set[tuple[str, str]]] = {}
        self._scope = scope

    def keep(self, browser: str, key: str, text: str, at: datetime | None = None, tab: str | None = None) -> int:
        """Keep what was typed into one box; returns the browser's count of words heard, this one
        included. `tab`: the tab that typed them, when it says (else the one that typed them before)."""
        where = (str(self._scope()), key)
        with self._lock:
            gone = self._gone.get((browser, where))
            if gone is not None and gone[0] == text and time.monotonic() - gone[1] < LATE:
                return self._seq.get(browser, 0)  # sent before the save, heard after it
            boxes = self._browsers.pop(browser, None)
            if boxes is None:
                boxes = OrderedDict()
            self._browsers[browser] = boxes  # heard from most recently: last
            before = boxes.pop(where, None)
            self._chars[browser] = self._chars.get(browser, 0) - (len(before.text) if before else 0) + len(text)
            seq = self._seq[browser] = self._seq.get(browser, 0) + 1
            self._lost.get(browser, set()).discard(where)  # typed again: the form no longer says it
            # the same words again (a box leaving focus after the keeper sent them) keep their time
            when = before.at if before is not None and before.text == text else (at or datetime.now())
            boxes[where] = Draft(text, when, tab or (before.tab if before is not None else None), seq)
            while len(boxes) > MAX_KEYS:
                self._drop_oldest(browser)
            while len(self._browsers) > MAX_BROWSERS:
                self._drop_browser(next(iter(self._browsers)))
            while sum(self._chars.values()) > MAX_CHARS:
                self._drop_oldest(max(self._chars, key=self._chars.__getitem__))
            return seq

    def get(self, browser: str, key: str) -> Draft | None:
        where = (str(self._scope()), key)
        with self._lock:
            return self._browsers.get(browser, {}).get(where)

    def mine(self, browser: str) -> dict[str, Draft]:
        """Every box this browser has words in, in this workbook: widget key -> Draft."""
        scope = str(self._scope())
        with self._lock:
            return {where[1]: draft for where, draft in self._browsers.get(browser, {}).items() if where[0] == scope}

    def lose(self, browser: str, key: str) -> None:
        """Note that the words this browser typed into one box were taken by a restart of the app."""
        with self._lock:
            if browser in self._lost or len(self._lost) < MAX_BROWSERS:
                boxes = self._lost.setdefault(browser, set())
                if len(boxes) < MAX_KEYS:
                    boxes.add((str(self._scope()), key))

    def lost(self, browser: str, prefix: str) -> bool:
        """Whether a restart took words this browser typed in a box whose key starts with `prefix`."""
        scope = str(self._scope())
        with self._lock:
            return any(w[0] == scope and w[1].startswith(prefix) for w in self._lost.get(browser, ()))

    def seq(self, browser: str) -> int:
        """How many times this browser's words were heard so far (a post, a box letting go)."""
        with self._lock:
            return self._seq.get(browser, 0)

    def forget(self, browser: str, prefix: str, saved: Mapping[str, object] | None = None) -> None:
        """Drop this browser's drafts of one form (its widget keys start with `prefix`): it was saved,
        or the words were cleared. Another browser's words are not touched.

        `saved`: what the form held when it was saved (widget key -> value). Only a box holding those
        very words is dropped: words another tab typed for the same form (another entry, or the same
        one) and has not saved stay. Without `saved`, every box of the form goes."""
        scope = str(self._scope())
        with self._lock:
            self._prune_gone()
            lost = self._lost.get(browser, set())
            lost -= {w for w in lost if w[0] == scope and w[1].startswith(prefix)}  # said, and the form saved
            boxes = self._browsers.get(browser, {})
            for where in [w for w in boxes if w[0] == scope and w[1].startswith(prefix)]:
                if saved is None or (where[1] in saved and saved[where[1]] == boxes[where].text):
                    self._let_go(browser, where)
            for key, text in (saved or {}).items():  # saved words the keeper may still be sending
                if isinstance(text, str) and key.startswith(prefix):
                    self._gone[(browser, (scope, key))] = (text, time.monotonic())

    def drop(self, browser: str, key: str, text: str | None = None) -> None:
        """Drop this browser's draft of one box (its words were cleared); with `text`, only if the box
        still holds those words (not newer ones typed in another tab)."""
        where = (str(self._scope()), key)
        with self._lock:
            self._prune_gone()
            boxes = self._browsers.get(browser, {})
            if where in boxes and (text is None or boxes[where].text == text):
                self._let_go(browser, where)

    def _let_go(self, browser: str, where: tuple[str, str]) -> None:
        gone = self._browsers[browser].pop(where)
        self._chars[browser] -= len(gone.text)
        self._gone[(browser, where)] = (gone.text, time.monotonic())

    def _prune_gone(self) -> None:
        now = time.monotonic()
        for late in [k for k, (_text, at) in self._gone.items() if now - at >= LATE]:
            del self._gone[late]

    def _drop_oldest(self, browser: str) -> None:
        boxes = self._browsers[browser]
        _where, draft = boxes.popitem(last=False)
        self._chars[browser] -= len(draft.text)
        if not boxes:
            self._drop_browser(browser)

    def _drop_browser(self, browser: str) -> None:
        del self._browsers[browser], self._chars[browser]
        self._seq.pop(browser, None)


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


def accept(browser: str, payload: object, tab: str | None = None) -> int:
    """Keep one browser's drafts from a decoded request body ({key: text}), typed in `tab` (its id, if
    it is one); returns how many were kept."""
    if not isinstance(payload, dict):
        raise ValueError("drafts must be a JSON object")
    tab = tab if isinstance(tab, str) and TAB.match(tab) else None
    kept = 0
    for key, text in payload.items():
        if isinstance(key, str) and _KEY.match(key) and isinstance(text, str) and len(text) <= MAX_TEXT:
            STORE.keep(browser, key, text, tab=tab)
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
        accept(browser, json.loads(body), request.query_params.get("tab"))
    except (ValueError, RecursionError):
        return Response(status_code=400)
    # the keeper script learns which of its words the server has heard (ui.keeper)
    return Response(status_code=204, headers={SEQ_HEADER: str(STORE.seq(browser))})


def routes() -> list[Route]:
    return [Route(ROUTE, _receive, methods=["POST"])]
