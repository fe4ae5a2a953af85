"""The server: `streamlit run app.py` serves the workbook, with its guards in front.

Home is `home.py`; the other pages are in `pages/`. The guards (workbook/guard.py) refuse requests
for another host name (DNS rebinding) or from another website's page, and keep every page out of
other sites' frames, before Streamlit sees anything. One route of our own, `/api/drafts`, keeps
typed words in the server's memory until they are saved, each browser's apart: the browser is given
a random id of its own in a cookie on its first request (workbook/drafts.py).

As the server starts, a thread prepares the first page while the browser loads (workbook/startup.py):
it imports the pages' code and reads a plain workbook.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st

from workbook import drafts
from workbook.guard import middleware
from workbook.startup import Ahead


def _imports() -> None:
    import streamlit.emojis  # noqa: F401  # each page's icon (🌿) is checked against every emoji: a large pattern

    import ui.page  # noqa: F401  # every page's first import of the app's code


def _reads() -> None:
    from ui.page import read_ahead

    read_ahead()


ahead = Ahead(_imports, _reads)


@asynccontextmanager
async def _lifespan(_app: st.App) -> AsyncIterator[None]:
    ahead.start()
    yield


app = st.App(
    "home.py",
    middleware=[*middleware(), *drafts.middleware(), ahead.middleware()],
    routes=drafts.routes(),
    lifespan=_lifespan,
)
