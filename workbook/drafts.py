"""Words typed but not yet saved, kept in the server's memory so that nothing typed is lost.

Streamlit hears a text box only when it loses focus, and forgets it when the page is left or
reloaded. So the page's own script (ui/keeper.py) sends what is typed, a moment after each pause and
at once before a click or before the page goes away, to `POST /api/drafts` (this module's route, given
to `st.App` in app.py). The words are held here, in this process's memory only: never on disk, never
in the browser's storage. A form offers them again until it is saved (`take` clears them).

The route answers only the app's own pages (workbook.guard refuses other sites), accepts only small
JSON objects of text, and the store is bounded, so it cannot be used to fill the server's memory.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .paths import resolve_workbook_path

ROUTE = "/api/drafts"
MAX_BODY = 2 * 1024 * 1024  # one long reflection, with room to spare
MAX_TEXT = 200_000  # characters in one box; more than any form accepts (see models.LONG_TEXT_MAX)
MAX_KEYS = 400  # boxes remembered at once; the oldest are forgotten first
_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,120}$")  # a widget key, as the pages name them


class DraftStore:
    """Widget key -> text, shared by every browser session of this server (one person's app), and
    kept apart per workbook file: words typed for one workbook are never offered in another."""

    def __init__(self, scope: Callable[[], object] = resolve_workbook_path) -> None:
        self._lock = threading.Lock()
        self._texts: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._scope = scope

    def keep(self, key: str, text: str) -> None:
        where = (str(self._scope()), key)
        with self._lock:
            self._texts.pop(where, None)
            self._texts[where] = text
            while len(self._texts) > MAX_KEYS:
                self._texts.popitem(last=False)

    def get(self, key: str) -> str | None:
        where = (str(self._scope()), key)
        with self._lock:
            return self._texts.get(where)

    def forget(self, prefix: str) -> None:
        """Drop the drafts of one form (its widget keys start with `prefix`): it was saved."""
        scope = str(self._scope())
        with self._lock:
            for where in [w for w in self._texts if w[0] == scope and w[1].startswith(prefix)]:
                del self._texts[where]


STORE = DraftStore()


def accept(payload: object) -> int:
    """Keep the drafts in a decoded request body ({key: text}); returns how many were kept."""
    if not isinstance(payload, dict):
        raise ValueError("drafts must be a JSON object")
    kept = 0
    for key, text in payload.items():
        if isinstance(key, str) and _KEY.match(key) and isinstance(text, str) and len(text) <= MAX_TEXT:
            STORE.keep(key, text)
            kept += 1
    return kept


async def _receive(request: Request) -> Response:
    # Another site's page was refused by workbook.guard; JSON cannot be posted across sites without a
    # preflight the app never grants, so only the app's own pages get this far.
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return Response(status_code=415)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return Response(status_code=413)
    try:
        accept(json.loads(body))
    except (ValueError, RecursionError):
        return Response(status_code=400)
    return Response(status_code=204)


def routes() -> list[Route]:
    return [Route(ROUTE, _receive, methods=["POST"])]
