"""The settings page's encryption section: turn it on (with the warning and an export first),
change the passphrase, or turn it off."""

from __future__ import annotations

import streamlit as st

from ui import lock, saving
from workbook.crypto import MIN_PASSPHRASE
from workbook.repository import Repository
from workbook.transfer import export_json


def section(repo: Repository) -> None:
    st.subheader("Encryption")
    if repo.path is None:
        return
    if repo.is_encrypted():
        _encrypted(repo)
    else:
        _plain(repo)


def _two_passphrases(prefix: str, label: str = "Passphrase") -> str | None:
    first = st.text_input(label, type="password", key=f"{prefix}_passphrase")
    second = st.text_input("The same passphrase again", type="password", key=f"{prefix}_passphrase_again")
    if first and second and first != second:
        st.error("The two passphrases differ.")
        return None
    if first and len(first) < MIN_PASSPHRASE:
        st.error(f"Use at least {MIN_PASSPHRASE} characters; a few words you will remember is best.")
        return None
    return first if first and first == second else None


def _plain(repo: Repository) -> None:
    st.write(
        "Your workbook is not encrypted: anyone who can read this computer's files can read it. With a"
        " passphrase, the file and its backups are unreadable without it."
    )
    with st.expander("Encrypt my workbook", icon=":material/lock:"):
        st.warning(
            "If you forget the passphrase, nobody can open your workbook again: not you, not us, not with a"
            " backup. There is no reset. Download an export first and keep it somewhere safe.",
            icon=":material/warning:",
        )
        st.download_button(
            "Download an export first (JSON, everything)",
            data=lambda: export_json(repo, include_private=True),
            file_name="alliance-workbook-before-encryption.json",
            mime="application/json",
            key="encryption_export_first",
            on_click="ignore",
        )
        with st.form("encryption_on_form", clear_on_submit=True):
            passphrase = _two_passphrases("encryption_on")
            understood = st.checkbox(
                "I understand a forgotten passphrase cannot be recovered", key="encryption_understood"
            )
            go = st.form_submit_button("Encrypt my workbook", type="primary")
        if go:
            if not understood or passphrase is None:
                st.error("Type the same passphrase twice and tick that you understand, then try again.")
                return

            def keep_own(key: object) -> None:
                # The shared, cached repository must not keep the key: this session gets its own.
                assert repo.path is not None
                repo.lock()
                lock.keep(repo.path, Repository(repo.path, key=key))  # type: ignore[arg-type]

            saving.act(
                lambda: repo.encrypt(passphrase),
                "Your workbook and its backups are encrypted. Keep your passphrase safe.",
                after=keep_own,
            )


def _encrypted(repo: Repository) -> None:
    st.write(
        f"Your workbook and its backups are encrypted. It locks itself after {repo.settings().idle_lock_minutes}"
        " minutes without activity (change that above), or when you press Lock now."
    )
    with st.expander("Change the passphrase", icon=":material/key:"):
        with st.form("encryption_change_form", clear_on_submit=True):
            passphrase = _two_passphrases("encryption_change", "New passphrase")
            go = st.form_submit_button("Change the passphrase", type="primary")
        if go:
            if passphrase is None:
                st.error("Type the same new passphrase twice, then try again.")
                return
            saving.act(
                lambda: repo.change_passphrase(passphrase),
                "Passphrase changed; the workbook and its backups use the new one.",
            )
    with st.expander("Turn encryption off", icon=":material/lock_open:"):
        st.write("Your workbook and its backups will be readable by anyone who can read this computer's files.")
        sure = st.checkbox("Yes, store my workbook without encryption", key="encryption_off_sure")
        if st.button("Turn encryption off", key="encryption_off", disabled=not sure):
            saving.act(repo.decrypt, "Encryption is off.", after=lambda _: lock.lock("Encryption is off."))
