"""Settings and your data: you, your therapists, where to get help, backups, signals; your own things to
rate, own questions and sessions; export, import, delete."""

import streamlit as st

import ui
from ui import conflict, encryption, own, saving
from ui.forms import entry_details
from ui.state import SETTINGS_TAB
from workbook import __version__
from workbook.errors import InvalidEntryError, WorkbookError
from workbook.history import ENTRY_TYPES_BY_KIND, KINDS
from workbook.preferences import updated_settings
from workbook.transfer import apply_import, export_json, plan_import, private_count, read_import

repo = ui.frame("settings")
st.title("Settings and your data")
ui.show_flash()
settings = repo.settings()
base = conflict.start("settings", settings)  # the version this form started from

for key, value in {
    "name": base.name,
    "therapists": "\n".join(base.therapists),
    "crisis_country": base.crisis_country,
    "crisis_lines": "\n".join(f"{c.name}: {c.contact}" for c in base.crisis_lines),
    "backups_to_keep": base.backups_to_keep,
    "idle_lock_minutes": base.idle_lock_minutes,
    **{f"signal_{field}": value for field, value in base.thresholds.model_dump().items()},
}.items():
    ui.default(f"settings_{key}", value)

# One part at a time: only the open tab is drawn (on_change="rerun"), so the page stays quick.
you, yours, sessions, data = st.tabs(
    ["You and where to get help", "Your own ratings and questions", "Your sessions", "Your data"],
    key=SETTINGS_TAB,
    on_change="rerun",
)
if you.open:
    with you:
        with st.form("settings_form", border=False):
            st.header("You")
            name = st.text_input("Your name (optional, only used to greet you)", key="settings_name")
            therapists = st.text_area("Your therapists, one per line", key="settings_therapists")
            st.header("Where to get help")
            country = st.text_input("Your country", key="settings_crisis_country")
            crisis = st.text_area(
                "Crisis resources, one per line as “Name: how to reach it”",
                key="settings_crisis_lines",
                help="Shown on Home and whenever you say you are worried about your safety. Add your local"
                " crisis line.",
            )
            st.header("Backups")
            keep = st.number_input("Daily backups to keep", 1, 365, key="settings_backups_to_keep")
            idle = st.number_input(
                "If encrypted, lock after this many minutes without activity", 1, 240, key="settings_idle_lock_minutes"
            )
            st.header("Signals")
            st.caption("When a pattern in your ratings is shown as worth raising, measured against your own usual.")
            thresholds = {}
            for field, info in type(base.thresholds).model_fields.items():  # titles and bounds: the model's
                low, high = type(base.thresholds).bounds(field)
                thresholds[field] = st.number_input(
                    info.title or field, low, high, key=f"settings_signal_{field}", help=info.description
                )
            ui.problem_here("settings_form", "name", "therapists", "crisis_lines", "backups_to_keep", "thresholds", "")
            st.caption("Press Save settings before opening another tab: numbers changed here are kept once saved.")
            submitted = st.form_submit_button("Save settings", type="primary")

        settings_saved = saving.finisher("settings_form", "settings", "Settings saved.", None, here=False)
        choice = conflict.box("settings_form", "settings", lambda entry: entry_details(repo, entry))
        if submitted or choice == "apply":
            try:
                changed = updated_settings(
                    base,
                    name=name,
                    therapists=therapists,
                    crisis_country=country,
                    crisis_lines=crisis,
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
        st.header("Your workbook file")
        st.write("Everything you write is kept in this one file on this computer:")
        st.code(str(repo.path), language=None, wrap_lines=True)  # a long path wraps: no sideways scrolling on a phone
        backups = repo.list_backups()
        st.write(f"Backups are kept beside it, in the folder below ({len(backups)} so far).")
        st.code(str(repo.path.parent / f"{repo.path.stem}-backups"), language=None, wrap_lines=True)
        if st.button("Back up now", key="settings_backup_now"):
            saving.act(repo.backup_now, lambda taken: f"Backed up to {taken}.")

        st.header("Export")
        include_private = st.checkbox(
            f"Include private reflections ({repo.derived('private-count', lambda: private_count(repo))})",
            key="settings_export_private",
            help="Private reflections are left out unless you tick this.",
        )
        st.download_button(
            "Download everything as JSON",
            data=lambda: export_json(repo, include_private=include_private),
            file_name="alliance-workbook-export.json",
            mime="application/json",
            key="settings_export",
            on_click="ignore",
        )

        kind = st.selectbox(
            "One kind of entry as a table (CSV)",
            list(ENTRY_TYPES_BY_KIND),
            format_func=KINDS.get,
            key="settings_csv_kind",
        )

        def table_csv() -> bytes:
            from workbook.reports import csv_of, entries_frame  # pandas only when a table is asked for

            entries = repo.all(ENTRY_TYPES_BY_KIND[kind])
            if kind == "reflection" and not include_private:
                entries = tuple(e for e in entries if not e.private)
            return csv_of(entries_frame(entries, repo.settings()))

        st.download_button(
            f"Download {KINDS[kind].lower()}s as CSV",
            data=table_csv,
            file_name=f"alliance-workbook-{kind}s.csv",
            mime="text/csv",
            key="settings_export_csv",
            on_click="ignore",
        )

        st.header("Import")
        upload = st.file_uploader("An export from Alliance Workbook (.json)", type=["json"], key="settings_import_file")
        if upload is not None:
            try:
                plan = plan_import(repo, read_import(upload.getvalue(), source=upload.name))
            except WorkbookError as error:
                st.error(
                    error.message
                    if "Nothing was imported" in error.message
                    else f"{error.message} Nothing was imported."
                )
            else:
                st.info(plan.summary())
                if plan.to_store and st.button("Import these entries", key="settings_import_apply", type="primary"):
                    saving.act(lambda: apply_import(repo, plan), lambda done: f"Imported {done.summary()}")

        encryption.section(repo)

        st.header("Delete everything")
        if box := ui.opened("Delete every entry and setting", "settings_delete_open"):
            with box:
                st.write("A backup is taken first and kept in the backups folder. Type DELETE to confirm.")
                typed = st.text_input("Type DELETE", key="settings_delete_confirm")
                if st.button("Delete everything", key="settings_delete", disabled=typed.strip() != "DELETE"):
                    saving.act(
                        repo.delete_everything,
                        lambda kept: "Everything was deleted." + (f" A backup is at {kept}." if kept else ""),
                        after=lambda _: ui.forget("settings_"),
                    )

st.caption(f"{ui.PRIVACY} Alliance Workbook {__version__}.")
