"""Feedback in the bare app: a title and a paragraph."""

import streamlit as st

st.title("Feedback")
st.write("A bare Streamlit page, the floor the workbook's pages are measured against.")
