"""The project's own error types.

Every error a person can cause or meet (bad input, a damaged file, a busy workbook) is a
`WorkbookError` whose message says what is wrong and what to do. Pages and the command line catch
this one type and show its message; anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .i18n import N_, _


class WorkbookError(Exception):
    """Something went wrong that the person using the workbook can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record: the field (top-level name, '' for the whole record) and why."""

    field: str
    message: str


class InvalidEntryError(WorkbookError):
    """The data for an entry is not valid; `problems` says which fields and why."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems

    def for_field(self, field: str) -> str | None:
        """The first problem with `field`, so a form can show it next to that field."""
        return next((p.message for p in self.problems if p.field == field), None)


class DamagedWorkbookError(WorkbookError):
    """The workbook file cannot be read or is not a valid workbook. It is never overwritten."""

    def __init__(self, path: Path, reason: str, backups: list[Path] | None = None, hint: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.backups = backups or []
        self.hint = hint  # set when restoring a backup is not the remedy (each begins with a space)
        if hint is None and self.backups:
            hint = " " + _(
                "The newest backup is {backup}: to restore it, close the app and copy it over {path} (keep the"
                " damaged file somewhere else in case it can be repaired), or run `python -m workbook check`"
                " to see every backup."
            ).format(backup=self.backups[0], path=path)
        elif hint is None:
            hint = " " + _(
                "No backup was found beside it. If you have an export, move the damaged file away and import"
                " the export into a new workbook."
            )
        # TRANSLATORS: {reason} says what is wrong, in lower case: "the file is empty (0 bytes of entries)".
        told = _("The workbook file {path} cannot be used: {reason}. It has not been changed.")
        super().__init__(told.format(path=path, reason=reason) + hint)


class NotFoundError(WorkbookError):
    """No entry with that id."""


class BusyError(WorkbookError):
    """Another program has held the workbook's lock for too long."""


class LockedError(WorkbookError):
    """The workbook is encrypted and no passphrase has been given yet."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(_("The workbook {path} is encrypted. Enter your passphrase to open it.").format(path=path))


class WrongPassphraseError(WorkbookError):
    """The passphrase does not open the workbook. The file is unchanged."""


class ConflictError(WorkbookError):
    """An edit started from a version of an entry that is no longer the stored one; nothing was saved."""


class ChangedElsewhereError(ConflictError):
    """The entry was saved elsewhere (another tab, the command line) after this edit began."""

    def __init__(self, message: str, newer: object) -> None:
        super().__init__(message)
        self.newer = newer  # the stored Entry, as it is now


class DeletedElsewhereError(ConflictError):
    """The entry was deleted elsewhere after this edit began."""

    def __init__(self, label: str) -> None:
        """`label` is the English label of the entry's kind (`Entry.label`): "goal", "check-in"..."""
        said = _DELETED.get(label)
        if said is not None:
            super().__init__(_(said))
            return
        super().__init__(
            # TRANSLATORS: {label} is a kind of entry, as translated on its own: "goal", "check-in",
            # "reflection", "feedback note", "settings".
            _(
                "This {label} was deleted in another window after you started editing it. Nothing was"
                " saved, and your words are still here: you can save them as a new entry."
            ).format(label=_(label))
        )


# Whole sentences for each kind of entry, so that each language can say "this goal" its own way.
_DELETED = {
    "goal": N_(
        "This goal was deleted in another window after you started editing it. Nothing was saved, and your"
        " words are still here: you can save them as a new entry."
    ),
    "check-in": N_(
        "This check-in was deleted in another window after you started editing it. Nothing was saved, and"
        " your words are still here: you can save them as a new entry."
    ),
    "reflection": N_(
        "This reflection was deleted in another window after you started editing it. Nothing was saved, and"
        " your words are still here: you can save them as a new entry."
    ),
    "feedback note": N_(
        "This feedback note was deleted in another window after you started editing it. Nothing was saved,"
        " and your words are still here: you can save them as a new entry."
    ),
}
