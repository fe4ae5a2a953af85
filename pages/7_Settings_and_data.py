"""Settings and your data: you, your therapists, where to get help, backups, signals; your own things to
rate, own questions and sessions; export, import, delete."""

import streamlit as st

import ui
from ui import conflict, encryption, own, saving
from ui.forms import entry_details
from ui.language import country_picker, country_written, language_choice, picked
from ui.state import SETTINGS_TAB
from workbook import __version__, i18n
from workbook.crisis import shown_lines
from workbook.errors import InvalidEntryError, WorkbookError
from workbook.history import ENTRY_TYPES_BY_KIND, KINDS
from workbook.i18n import N_, _, ngettext, pgettext
from workbook.models import DEFAULT_CRISIS_LINES, CrisisLine
from workbook.preferences import therapists_with, unlisted_therapists, updated_settings
from workbook.transfer import apply_import, export_json, plan_import, private_count, read_import

# The parts of the page, each a tab, by their English labels (how the tests and other pages name them).
TABS = (
    N_("You and where to get help"),
    N_("Your own ratings and questions"),
    N_("Your sessions"),
    N_("Your data"),
)
# One button for each kind of entry: its whole sentence, for the catalogue.
CSV_DOWNLOADS = {
    "reflection": N_("Download reflections as CSV"),
    "checkin": N_("Download check-ins as CSV"),
    "goal": N_("Download goals as CSV"),
    "feedback": N_("Download feedback notes as CSV"),
}

repo = ui.frame("settings")
st.title(_("Settings and your data"))
ui.show_flash()
settings = repo.settings()
base = conflict.start("settings", settings)  # the version this form started from


def lines_text(lines: tuple[CrisisLine, ...]) -> str:
    return "\n".join(f"{c.name}: {c.contact}" for c in lines)


# Lines the client never changed follow their country, in their language (workbook/crisis.py): shown so,
# and kept as "never changed" when saved as shown, so a country written later still brings its own.
shown_crisis = lines_text(shown_lines(base.crisis_lines, base.crisis_country))


def untouched(text: str) -> bool:
    """Whether `text` is the lines the client never changed, as shown in any language."""
    if base.crisis_lines != DEFAULT_CRISIS_LINES:
        return False
    for language in i18n.LANGUAGES:
        with i18n.speaking(language):
            if text.strip() == lines_text(shown_lines(DEFAULT_CRISIS_LINES, base.crisis_country)):
                return True
    return False


for key, value in {
    "name": base.name,
    "therapists": "\n".join(base.therapists),
    "crisis_country": picked(base.crisis_country),  # the same picker as the first visit's
    "crisis_lines": shown_crisis,
    "backups_to_keep": base.backups_to_keep,
    "idle_lock_minutes": base.idle_lock_minutes,
    **{f"signal_{field}": value for field, value in base.thresholds.model_dump().items()},
}.items():
    ui.default(f"settings_{key}", value)

# One part at a time: only the open tab is drawn (on_change="rerun"), so the page stays quick. Streamlit
# keeps the open tab by its label as shown; a part asked for by its English label (a link, a test) opens
# in any language. After the language changes, the first tab (where it is chosen) is open.
tabs = [_(tab) for tab in TABS]
if st.session_state.get(SETTINGS_TAB) in TABS:
    st.session_state[SETTINGS_TAB] = tabs[TABS.index(st.session_state[SETTINGS_TAB])]
you, yours, sessions, data = st.tabs(
    tabs,
    key=SETTINGS_TAB,
    on_change="rerun",
)
if you.open:
    with you:
        language_choice(repo, "settings_language")  # outside the form: saved as soon as it is chosen
        with st.form("settings_form", border=False):
            st.header(_("You"))
            name = st.text_input(_("Your name (optional, only used to greet you)"), key="settings_name")
            therapists = st.text_area(_("Your therapists, one per line"), key="settings_therapists")
            # Someone new named in a check-in or reflection (the forms accept a new name) is offered here.
            unlisted = unlisted_therapists(
                base, [*reversed(repo.checkins()), *reversed(repo.reflections()), *reversed(repo.feedback_notes())]
            )
            add_unlisted = False
            if unlisted:
                st.caption(
                    ngettext(
                        "Named in your entries but not in this list yet:",
                        "Named in your entries but not in this list yet:",
                        len(unlisted),
                    )
                )
                ui.words("\n".join(unlisted))  # the client's own words: plain text
                # A tick, not a button of its own: Enter in this form presses its first button (Save settings).
                add_unlisted = st.checkbox(
                    ngettext(
                        "Add this name to the list when you save",
                        "Add these names to the list when you save",
                        len(unlisted),
                    ),
                    key="settings_add_unlisted",
                )
            st.header(_("Where to get help"))
            country = country_picker("settings_crisis_country", base.crisis_country)
            crisis = st.text_area(
                # TRANSLATORS: "Name: how to reach it" shows the format of each line; the colon separates them.
                _("Crisis resources, one per line as “Name: how to reach it”"),
                key="settings_crisis_lines",
                help=_(
                    "Shown on Home and whenever you say you are worried about your safety. Add your local crisis line."
                ),
            )
            st.header(_("Backups"))
            keep = st.number_input(_("Daily backups to keep"), 1, 365, key="settings_backups_to_keep")
            idle = st.number_input(
                _("If encrypted, lock after this many minutes without activity"),
                1,
                240,
                key="settings_idle_lock_minutes",
            )
            st.header(_("Signals"))
            st.caption(_("When a pattern in your ratings is shown as worth raising, measured against your own usual."))
            thresholds = {}
            for field, info in type(base.thresholds).model_fields.items():  # titles and bounds: the model's
                low, high = type(base.thresholds).bounds(field)
                thresholds[field] = st.number_input(
                    _(info.title or field),
                    low,
                    high,
                    key=f"settings_signal_{field}",
                    help=_(info.description) if info.description else None,
                )
            ui.problem_here("settings_form", "name", "therapists", "crisis_lines", "backups_to_keep", "thresholds", "")
            st.caption(_("Press Save settings before opening another tab: numbers changed here are kept once saved."))
            submitted = st.form_submit_button(_("Save settings"), type="primary", key="settings_save")

        settings_saved = saving.finisher("settings_form", "settings", _("Settings saved."), None, here=False)
        choice = conflict.box("settings_form", "settings", lambda entry: entry_details(repo, entry))
        if submitted or choice == "apply":
            try:
                changed = updated_settings(
                    base,
                    name=name,
                    therapists=therapists_with(therapists, unlisted) if add_unlisted else therapists,
                    crisis_country=country_written(country),
                    crisis_lines=lines_text(DEFAULT_CRISIS_LINES) if untouched(crisis) else crisis,
                    backups_to_keep=int(keep),
                    idle_lock_minutes=int(idle),
                    thresholds={k: int(v) for k, v in thresholds.items()},
                )
            except InvalidEntryError as error:
                ui.remember_problems("settings_form", error)
                st.rerun()
            conflict.attempt(repo, "settings_form", changed, base, settings_saved, on_top=choice == "apply")

if yours.open:
    with yours:
        own.own_items(repo)
        own.own_questions(repo)

if sessions.open:
    with sessions:
        own.sessions(repo)

if data.open:
    with data:
        st.header(_("Your workbook file"))
        st.write(_("Everything you write is kept in this one file on this computer:"))
        st.code(str(repo.path), language=None, wrap_lines=True)  # a long path wraps: no sideways scrolling on a phone
        backups = repo.list_backups()
        st.write(_("Backups are kept beside it, in the folder below ({count} so far).").format(count=len(backups)))
        st.code(str(repo.path.parent / f"{repo.path.stem}-backups"), language=None, wrap_lines=True)
        if st.button(_("Back up now"), key="settings_backup_now"):
            saving.act(repo.backup_now, lambda taken: _("Backed up to {path}.").format(path=taken))

        st.header(_("Export"))
        include_private = st.checkbox(
            _("Include private reflections ({count})").format(
                count=repo.derived("private-count", lambda: private_count(repo))
            ),
            key="settings_export_private",
            help=_("Private reflections are left out unless you tick this."),
        )
        st.download_button(
            _("Download everything as JSON"),
            data=lambda: export_json(repo, include_private=include_private),
            file_name="alliance-workbook-export.json",
            mime="application/json",
            key="settings_export",
            on_click="ignore",
        )

        kind = st.selectbox(
            _("One kind of entry as a table (CSV)"),
            list(ENTRY_TYPES_BY_KIND),
            format_func=lambda k: _(KINDS[k]),
            key="settings_csv_kind",
        )

        def table_csv() -> bytes:
            from workbook.reports import csv_of, entries_frame  # pandas only when a table is asked for

            entries = repo.all(ENTRY_TYPES_BY_KIND[kind])
            if kind == "reflection" and not include_private:
                entries = tuple(e for e in entries if not e.private)
            return csv_of(entries_frame(entries, repo.settings()))

        st.download_button(
            _(CSV_DOWNLOADS[kind]) if kind in CSV_DOWNLOADS else _("Download as CSV"),
            data=table_csv,
            file_name=f"alliance-workbook-{kind}s.csv",
            mime="text/csv",
            key="settings_export_csv",
            on_click="ignore",
        )

        st.header(_("Import"))
        upload = st.file_uploader(
            _("An export from Alliance Workbook (.json)"), type=["json"], key="settings_import_file"
        )
        if upload is not None:
            try:
                plan = plan_import(repo, read_import(upload.getvalue(), source=upload.name))
            except WorkbookError as error:
                st.error(
                    error.message
                    if _("Nothing was imported.") in error.message
                    # TRANSLATORS: {problem} is a whole sentence saying what is wrong with the file.
                    else _("{problem} Nothing was imported.").format(problem=error.message)
                )
            else:
                st.info(plan.summary())
                if plan.to_store and st.button(_("Import these entries"), key="settings_import_apply", type="primary"):
                    saving.act(
                        lambda: apply_import(repo, plan),
                        # TRANSLATORS: {summary} says how many entries, e.g. "3 new (2 check-ins, 1 goal)."
                        lambda done: _("Imported {summary}").format(summary=done.summary()),
                    )

        encryption.section(repo)

        st.header(_("Delete everything"))
        if box := ui.opened(_("Delete every entry and setting"), "settings_delete_open"):
            with box:
                # TRANSLATORS: the word the person types to confirm; in capitals, short and easy to type.
                word = pgettext("typed to confirm deleting everything", "DELETE")
                st.write(
                    _("A backup is taken first and kept in the backups folder. Type {word} to confirm.").format(
                        word=word
                    )
                )
                typed = st.text_input(_("Type {word}").format(word=word), key="settings_delete_confirm")
                if st.button(_("Delete everything"), key="settings_delete", disabled=typed.strip() != word):
                    saving.act(
                        repo.delete_everything,
                        lambda kept: (
                            _("Everything was deleted.")
                            + (" " + _("A backup is at {path}.").format(path=kept) if kept else "")
                        ),
                        after=lambda _kept: ui.forget("settings_"),
                    )

# TRANSLATORS: {privacy} is the sentence about privacy; {version} the app's version number.
st.caption(_("{privacy} Alliance Workbook {version}.").format(privacy=_(ui.PRIVACY), version=__version__))
