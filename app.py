"""The server: `streamlit run app.py` serves the workbook, with its guards in front.

Home is `home.py`; the other pages are in `pages/`. The guards (workbook/guard.py) refuse requests
for another host name (DNS rebinding) or from another website's page, and keep every page out of
other sites' frames, before Streamlit sees anything.
"""

import streamlit as st

from workbook.guard import middleware

app = st.App("home.py", middleware=middleware())
