"""The entry forms (check-in, reflection, goal, feedback note), shared by their own pages and by
History's edit: one module a form, built from the pieces in `widgets`.

Widget keys are stable, so a rerun keeps what was typed, and every text field's on_change keeps a
draft in the browser session, so leaving the page before saving loses nothing either. Words typed in
this browser and brought back into a form the session did not show them in (a reload, another tab)
are announced at the top of the form, to keep or clear, before it saves anything. After the app
restarts, a page left open gives back what it shows, so Save stores what is on screen; words a restart
took are said, at the top of their form, to be gone (ui.state.restore). Widget keys are
`<prefix>_<field>`. On save the entry is validated by the domain; a problem is shown under its field
and everything typed stays as it was.
"""

from __future__ import annotations

from ui.details import entry_details
from ui.forms.checkin import checkin_form, offer_carried_forward
from ui.forms.goal import goal_form
from ui.forms.note import feedback_form
from ui.forms.reflection import reflection_form
from ui.forms.widgets import FAR

__all__ = [
    "FAR",
    "checkin_form",
    "entry_details",
    "feedback_form",
    "goal_form",
    "offer_carried_forward",
    "reflection_form",
]
