"""The server: `streamlit run app.py` serves the workbook, with its guards in front.

Home is `home.py`; the other pages are in `pages/`. The guards (workbook/guard.py) refuse requests
for another host name (DNS rebinding) or from another website's page, and keep every page out of
other sites' frames, before Streamlit sees anything. One route of our own, `/api/drafts`, keeps
typed words in the server's memory until they are saved (workbook/drafts.py).
"""

import streamlit as st

from workbook import drafts
from workbook.guard import middleware

app = st.App("home.py", middleware=middleware(), routes=drafts.routes())
