"""Making it work in the bare app: a title and a paragraph."""

import streamlit as st

st.title("Making it work")
st.write("A bare Streamlit page, the floor the workbook's pages are measured against.")
