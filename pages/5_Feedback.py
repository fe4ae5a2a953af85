"""Feedback: prepare a note for your therapist from your own entries, share it, and close the loop."""

from datetime import date

import streamlit as st

import ui
from ui.feedback import draft_editor
from ui.notes import note_downloads, shared_notes
from workbook import i18n
from workbook.feedback import default_period, in_period
from workbook.i18n import _, ngettext
from workbook.models import Reflection

# Streamlit 1.67 takes a date typed into a date field only on a click outside it or on Escape: not on
# Enter, and not on the Tab from its last part (that lands on the field's own calendar button), so the
# draft kept the old period. These few lines of ours (a v2 component: nothing fetched, nothing sent)
# have the field take what was typed on Enter, on a Tab from its first date to its second and on a Tab
# from its dates to its calendar button; focus then stays where the person put it. The period the
# draft uses is said under the field (below), so the person sees which dates are applied.
_TYPED_DATES_JS = """
export default function () {
  if (window.__allianceTypedDates) return;  // once per page load
  window.__allianceTypedDates = true;
  const fieldOf = (el) => el && el.closest && el.closest('[data-testid="stDateInput"]');
  const part = (el) => el && el.getAttribute && el.getAttribute("role") === "spinbutton" && fieldOf(el);
  // The field takes typed dates on Escape (closing its calendar), and is ready for the next ones once
  // focus has left it: so Escape, a moment out of the field, and focus back where the person was.
  let taking = false;
  const take = (el) => setTimeout(() => {
    if (taking || document.activeElement !== el) return;
    taking = true;
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", code: "Escape", bubbles: true, cancelable: true }));
    if (fieldOf(document.activeElement)) document.activeElement.blur();
    setTimeout(() => {
      if (document.contains(el) && !fieldOf(document.activeElement)) el.focus();
      taking = false;
    }, 0);
  }, 0);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing && part(event.target)) take(event.target);
  }, true);
  const half = (el) => el.closest("[data-range-field]");
  document.addEventListener("focusin", (event) => {
    const to = event.target, from = event.relatedTarget;
    if (taking || !part(from) || !to.matches || fieldOf(from) !== fieldOf(to)) return;
    // a Tab from the dates to the calendar button, or from the first date of a range to the second
    if (to.matches('[data-testid="stDateInputCalendarButton"]') || (part(to) && half(to) !== half(from))) take(to);
  }, true);
}
"""


@st.cache_resource(show_spinner=False)
def _typed_dates_component():  # type: ignore[no-untyped-def]
    """Registered once per server (a page's script runs again on every click)."""
    return st.components.v2.component("alliance_typed_dates", js=_TYPED_DATES_JS)


repo = ui.frame("feedback")
st.title(_("Feedback for your therapist"))
st.write(
    _(
        "Telling your therapist what helps and what does not is one of the best ways to make therapy work for you."
        " Your entries are turned into a draft below: tick what you want to say and change the words if you like;"
        " nothing else goes into the note."
    )
)
ui.show_flash()
reflections, notes = repo.reflections(), repo.feedback_notes()
if not reflections:
    st.info(_("After your first reflection, a draft of feedback will be prepared here from what you wrote."))
    st.page_link(ui.PAGES["reflection"][0], label=_("Reflect on a session"), icon=":material/self_improvement:")
    st.stop()

st.header(_("Prepare a note"))
start, end = default_period(notes, reflections, date.today())
since_last = st.radio(
    _("Which sessions?"),
    ["since", "range"],
    format_func={"since": _("Since I last shared feedback"), "range": _("Choose the dates")}.get,
    horizontal=True,
    key="feedback_period",
)
if since_last == "range":
    _typed_dates_component()(key="feedback_typed_dates")
    span = st.date_input(_("From and to"), value=(start, end), key="feedback_dates", format="YYYY-MM-DD")
    start, end = (*tuple(span), end)[:2] if span else (start, end)
include_private = st.checkbox(_("Include reflections I marked private"), key="feedback_private")


def period(private: bool) -> list[Reflection]:  # once per workbook state and choice, not on every click
    return repo.derived(f"feedback-period:{start}:{end}:{private}", lambda: in_period(reflections, start, end, private))


chosen = period(include_private)
hidden = len(period(True)) - len(chosen)
# TRANSLATORS: {start} and {end} are dates such as "1 January 2026".
chosen_sessions = ngettext(
    "{count} session from {start} to {end}.", "{count} sessions from {start} to {end}.", len(chosen)
).format(count=i18n.number(len(chosen)), start=i18n.long_date(start), end=i18n.long_date(end))
if hidden:
    left_out = ngettext("{count} private reflection left out.", "{count} private reflections left out.", hidden).format(
        count=i18n.number(hidden)
    )
    chosen_sessions = f"{chosen_sessions} {left_out}"
st.caption(chosen_sessions)
note = draft_editor(repo, chosen, start, end, include_private)
if note is not None:
    note_downloads(repo, note, chosen, start, end, include_private)

shared_notes(repo)
st.caption(_(ui.PRIVACY))
