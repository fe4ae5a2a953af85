"""History: every entry, newest first; search, filter, open, edit and delete."""

import streamlit as st

import ui
from ui import conflict, saving
from ui.filters import dates_and_therapist
from ui.forms import checkin_form, entry_details, feedback_form, goal_form, reflection_form
from workbook import i18n
from workbook.history import ENTRY_TYPES_BY_KIND, KINDS, all_items, matching, page
from workbook.i18n import _, ngettext, pgettext
from workbook.text import label_safe

FORMS = {"checkin": checkin_form, "reflection": reflection_form, "goal": goal_form, "feedback": feedback_form}

repo = ui.frame("history")
st.title(_("History"))
ui.show_flash()
items = all_items(repo)


def toggle(name: str, entry_id: str) -> None:
    st.session_state[name] = None if st.session_state.get(name) == entry_id else entry_id


# An entry deleted in another window while its editor here holds typed words: keep the words in view.
for prefix, gone in conflict.orphans("history_entry_", {i.id for i in items}):
    with st.container(border=True):
        st.warning(_("This entry was deleted in another window while you were editing it. Your words are below."))
        FORMS[gone.kind](repo, prefix, gone, after=lambda: toggle("history_editing", ""))

if not items:
    st.info(
        _("Nothing here yet. Your goals, check-ins, reflections and feedback notes will appear here, newest first.")
    )
    st.page_link(ui.PAGES["checkin"][0], label=_("Check in before your next session"), icon=":material/edit_note:")
    st.stop()

left, right = st.columns([3, 2])
text = left.text_input(_("Search your words"), key="history_search", placeholder=_("a word or two"))
kinds = right.multiselect(
    _("Show"), list(KINDS), format_func=lambda k: _(KINDS[k]), key="history_kinds", placeholder=_("Everything")
)
# The dates and the therapist are chosen in a box, drawn only while open (ui.filters).
therapists = repo.derived("history-therapists", lambda: sorted({i.therapist for i in items if i.therapist}))
start, end, therapist = dates_and_therapist("history", therapists, entries=True)
found = matching(items, text=text, kinds=set(kinds), start=start, end=end, therapist=therapist)
shown, pages = page(found, st.session_state.get("history_page", 1))
counted = ngettext("{found} of {count} entry", "{found} of {count} entries", len(items))
counted = counted.format(found=i18n.number(len(found)), count=i18n.number(len(items)))
if pages > 1:
    # TRANSLATORS: {entries} is "12 of 40 entries".
    counted = _("{entries}, page {page} of {pages}").format(
        entries=counted, page=st.session_state.get("history_page", 1), pages=pages
    )
st.caption(counted)
if not found:
    st.info(_("Nothing matches. Try fewer words or a wider date range."))


for item in shown:
    with st.container(border=True):
        about = [f"{i18n.weekday(item.day)} {i18n.long_date(item.day)}"]
        about += [item.therapist] if item.therapist else []
        # TRANSLATORS: an entry the client marked private (left out of feedback unless chosen).
        about += [_("private")] if item.private else []
        st.caption(label_safe(" · ".join(about)))
        ui.words(item.title)
        if item.preview:
            ui.words(item.preview)
        with st.container(horizontal=True):
            for action, label, state in (
                ("open", pgettext("a button: show the entry", "Open"), "history_opened"),
                ("edit", pgettext("a button", "Edit"), "history_editing"),
                ("delete", pgettext("a button", "Delete"), "history_deleting"),
            ):
                key = f"history_{action}_{item.id}"
                st.button(label, key=key, on_click=toggle, args=(state, item.id))
        model = ENTRY_TYPES_BY_KIND[item.kind]
        if st.session_state.get("history_opened") == item.id:
            entry_details(repo, repo.get(model, item.id))
        if st.session_state.get("history_editing") == item.id:
            FORMS[item.kind](
                # the entry's id in the keys: another entry's editor never shows this one's words
                repo,
                f"history_entry_{item.id[:8]}",
                repo.get(model, item.id),
                after=lambda: toggle("history_editing", ""),
            )
        if st.session_state.get("history_deleting") == item.id:
            seen = st.session_state.setdefault(f"history_seen_{item.id}", repo.get(model, item.id).updated_at)
            st.warning(_("Delete this entry? A copy stays in today's backup, but it will be gone from your workbook."))
            if st.button(_("Yes, delete it"), key=f"history_confirm_{item.id}", type="primary"):
                # The version the person saw when they asked: words saved elsewhere since are kept, and
                # the next press is about what is shown then.
                st.session_state.pop(f"history_seen_{item.id}", None)
                saving.act(
                    lambda model=model, item=item, seen=seen: repo.delete(model, item.id, as_seen=seen),
                    _("Deleted."),
                    after=lambda _deleted, item=item: ui.forget(f"history_entry_{item.id[:8]}_"),  # its editor goes too
                )

if pages > 1:
    st.session_state["history_page"] = min(st.session_state.get("history_page", 1), pages)
    st.number_input(_("Page"), min_value=1, max_value=pages, key="history_page")
