"""Alliance Workbook: a private workbook for getting more out of therapy.

Plain Python, no Streamlit: the entries (`models`), reading and saving them safely (`repository`,
`storage`), moving them in and out (`transfer`), demo data (`demo`) and the command line (`cli`).
"""

__version__ = "0.2.0"
