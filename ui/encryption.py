"""The settings page's encryption section: turn it on (with the warning and an export first),
change the passphrase, or turn it off."""

from __future__ import annotations

import streamlit as st

from ui import lock, saving
from workbook import i18n
from workbook.crypto import MIN_PASSPHRASE
from workbook.i18n import _, ngettext
from workbook.repository import Repository
from workbook.transfer import export_json


def section(repo: Repository) -> None:
    st.subheader(_("Encryption"))
    if repo.path is None:
        return
    if repo.is_encrypted():
        _encrypted(repo)
    else:
        _plain(repo)


def _two_passphrases(prefix: str, label: str | None = None) -> str | None:
    first = st.text_input(label or _("Passphrase"), type="password", key=f"{prefix}_passphrase")
    second = st.text_input(_("The same passphrase again"), type="password", key=f"{prefix}_passphrase_again")
    if first and second and first != second:
        st.error(_("The two passphrases differ."))
        return None
    if first and len(first) < MIN_PASSPHRASE:
        st.error(
            _("Use at least {count} characters; a few words you will remember is best.").format(
                count=i18n.number(MIN_PASSPHRASE)
            )
        )
        return None
    return first if first and first == second else None


def _plain(repo: Repository) -> None:
    st.write(
        _(
            "Your workbook is not encrypted: anyone who can read this computer's files can read it. With a"
            " passphrase, the file and its backups are unreadable without it."
        )
    )
    with st.expander(_("Encrypt my workbook"), icon=":material/lock:"):
        st.warning(
            _(
                "If you forget the passphrase, nobody can open your workbook again: not you, not us, not with a"
                " backup. There is no reset. Download an export first and keep it somewhere safe."
            ),
            icon=":material/warning:",
        )
        st.download_button(
            _("Download an export first (JSON, everything)"),
            data=lambda: export_json(repo, include_private=True),
            file_name="alliance-workbook-before-encryption.json",
            mime="application/json",
            key="encryption_export_first",
            on_click="ignore",
        )
        with st.form("encryption_on_form", clear_on_submit=True):
            passphrase = _two_passphrases("encryption_on")
            understood = st.checkbox(
                _("I understand a forgotten passphrase cannot be recovered"), key="encryption_understood"
            )
            go = st.form_submit_button(_("Encrypt my workbook"), type="primary", key="encryption_on_go")
        if go:
            if not understood or passphrase is None:
                st.error(_("Type the same passphrase twice and tick that you understand, then try again."))
                return

            def keep_own(key: object) -> None:
                # The shared, cached repository must not keep the key: this session gets its own.
                assert repo.path is not None
                repo.lock()
                lock.keep(repo.path, Repository(repo.path, key=key))  # type: ignore[arg-type]

            saving.act(
                lambda: repo.encrypt(passphrase),
                _("Your workbook and its backups are encrypted. Keep your passphrase safe."),
                after=keep_own,
            )


def _encrypted(repo: Repository) -> None:
    minutes = repo.settings().idle_lock_minutes
    st.write(
        ngettext(
            "Your workbook and its backups are encrypted. It locks itself after {count}"
            " minute without activity (change that above), or when you press Lock now.",
            "Your workbook and its backups are encrypted. It locks itself after {count}"
            " minutes without activity (change that above), or when you press Lock now.",
            minutes,
        ).format(count=i18n.number(minutes))
    )
    with st.expander(_("Change the passphrase"), icon=":material/key:"):
        with st.form("encryption_change_form", clear_on_submit=True):
            passphrase = _two_passphrases("encryption_change", _("New passphrase"))
            go = st.form_submit_button(_("Change the passphrase"), type="primary", key="encryption_change_go")
        if go:
            if passphrase is None:
                st.error(_("Type the same new passphrase twice, then try again."))
                return
            saving.act(
                lambda: repo.change_passphrase(passphrase),
                _("Passphrase changed; the workbook and its backups use the new one."),
            )
    with st.expander(_("Turn encryption off"), icon=":material/lock_open:"):
        st.write(_("Your workbook and its backups will be readable by anyone who can read this computer's files."))
        sure = st.checkbox(_("Yes, store my workbook without encryption"), key="encryption_off_sure")
        if st.button(_("Turn encryption off"), key="encryption_off", disabled=not sure):
            saving.act(repo.decrypt, _("Encryption is off."), after=lambda _done: lock.lock(_("Encryption is off.")))
