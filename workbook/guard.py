"""The server's front door: only this computer's own pages may talk to the workbook.

The app listens on 127.0.0.1, but a browser is a bridge to it: any website the person visits runs in
the same browser. Three checks run before Streamlit sees a request (ASGI middleware, given to
`st.App` in `app.py`):

- **Host.** A site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own name in the Host
  header; only this machine's names (and hosts the person adds on purpose for a reverse proxy, in
  `WORKBOOK_ALLOWED_HOSTS`) are answered. Starlette's own TrustedHostMiddleware does this.
- **Origin.** A page of another site may open a websocket or post to the app; its Origin header
  names that site. Unless it is the app's own origin (same host and port as the request), it is
  refused here, before Streamlit's own origin check, which would otherwise look up this machine's
  external IP address on the internet to decide.
- **Framing.** Every answer says it may not be shown inside another site's page.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .i18n import _

HOSTS_VAR = "WORKBOOK_ALLOWED_HOSTS"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
FRAME_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def allowed_hosts(environ: dict[str, str] | None = None) -> tuple[str, ...]:
    """This machine's names, plus the hosts listed (comma-separated) in WORKBOOK_ALLOWED_HOSTS."""
    extra = (environ if environ is not None else os.environ).get(HOSTS_VAR, "")
    added = [h.strip().lower().rstrip(".") for h in extra.split(",")]
    # A wildcard would switch the check off; a host is named on purpose, one by one.
    return LOCAL_HOSTS + tuple(h for h in added if h and "*" not in h and h not in LOCAL_HOSTS)


def _origin_netloc(origin: str) -> tuple[str, str] | None:
    """An Origin header's (host, host:port) in lower case, None if it is not a web origin."""
    try:
        parts = urlsplit(origin.lower())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    return (f"[{host}]" if ":" in host else host), parts.netloc  # an IPv6 literal as in a Host header


class OriginGuard:
    """Refuse any request sent by another site's page (its Origin header names that site).

    Allowed: no Origin (typed into the address bar, or not a browser) and the app's own origin: the
    Origin's host and port equal the Host the request was sent to (which TrustedHostMiddleware has
    already checked against the allowed names). Another port or name is another site, even on an
    allowed host. A reverse proxy must pass the browser's Host header on (see README)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    @staticmethod
    def verdict(origin: str | None, host: str | None) -> str:
        """'same' (no Origin, or the app's own) or 'foreign'."""
        if origin is None:
            return "same"
        parsed = _origin_netloc(origin)
        if parsed is None:
            return "foreign"  # "null" (a sandboxed frame, a file) or something stranger
        _host, netloc = parsed
        own = (host or "").lower()
        default_port = {"http": ":80", "https": ":443"}.get(origin.lower().split(":", 1)[0], "")
        return "same" if netloc in (own, own.removesuffix(default_port)) else "foreign"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = Headers(scope=scope)
            if self.verdict(headers.get("origin"), headers.get("host")) == "foreign":
                refusal = PlainTextResponse(_("Requests from other websites are not answered."), status_code=403)
                await refusal(scope, receive, send)
                return
            # Vetted here. Streamlit would check the Origin again and, where it differs from the Host
            # even in letter case only, look up this machine's external IP address on the internet to
            # decide: it is passed on without one, so it never does.
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k != b"origin"]}
        await self.app(scope, receive, send)


class FrameHeaders:
    """Add headers that keep every page out of other sites' frames (and a few kindred defaults)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in FRAME_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def middleware(hosts: Sequence[str] | None = None) -> list[Middleware]:
    """The guards, outermost first: framing headers on every answer, then host, then origin."""
    hosts = tuple(hosts) if hosts is not None else allowed_hosts()
    return [
        Middleware(FrameHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts), www_redirect=False),
        Middleware(OriginGuard),
    ]
