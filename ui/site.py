"""The app's pages: each one's file, title and icon, and the order of the menu.

On its own so that the page frame (which draws the menu) and the renderers (which link to a page)
both read it without importing each other.
"""

from __future__ import annotations

from workbook.i18n import N_

# Titles marked for the catalogue only: translated where drawn, `_(PAGES[name][1])`.
PAGES = {
    "home": ("home.py", N_("Home"), ":material/home:"),
    "goals": ("pages/1_Goals.py", N_("Goals"), ":material/flag:"),
    "checkin": ("pages/2_Before_a_session.py", N_("Before a session"), ":material/edit_note:"),
    "reflection": ("pages/3_After_a_session.py", N_("After a session"), ":material/self_improvement:"),
    "overtime": ("pages/4_Over_time.py", N_("Over time"), ":material/monitoring:"),
    "feedback": ("pages/5_Feedback.py", N_("Feedback"), ":material/forum:"),
    "guide": ("pages/9_Making_it_work.py", N_("Making it work"), ":material/handshake:"),
    "history": ("pages/6_History.py", N_("History"), ":material/history:"),
    "settings": ("pages/7_Settings_and_data.py", N_("Settings and your data"), ":material/settings:"),
    "help": ("pages/8_Help_now.py", N_("Help now"), ":material/support:"),
}
IN_MENU = [name for name in PAGES if name != "help"]  # help has its own place, first in every menu
