"""The floor for `make bench`: a bare Streamlit app shaped like ours, and nothing else.

The same entry style as the workbook's app.py (`st.App("home.py")`, pages discovered in `pages/`),
with the same ten pages under the same URL names, each a title and a paragraph. Streamlit's own
sidebar navigation lists them. `scripts/bench.py` runs it side by side with the workbook.
"""

import streamlit as st

app = st.App("home.py")
