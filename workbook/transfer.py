"""The whole workbook as one JSON document, and importing such a document back.

Export format (version 1), one JSON object:
    format            "alliance-workbook-export"
    version           1
    exported_at       when the export was made (UTC); the only field that differs between two
                      exports of the same workbook
    app_version       the Alliance Workbook version that wrote it
    includes_private  whether reflections marked private are in it
    settings          the settings record
    goals, checkins, reflections, feedback_notes
                      lists of entries, oldest first; every entry has its id, created_at and
                      updated_at, and the fields described in workbook/models.py

Import validates the whole document before changing anything, and names the first bad record. It
never deletes: an entry whose id is new is added; one whose id exists is replaced only when the
imported copy is newer (its updated_at is later), so importing the same file twice changes nothing
and an old export never overwrites newer writing.

An import file may have been made or changed by anyone, so it is refused, in one line naming what
is wrong, when it is not a regular file of at most 200 MB, is not valid JSON (numbers too long to
convert included), gives a name twice or has a section this format does not know, uses one id for
two entries, has an entry changed more than a day in the future (it would outrank every later
edit), or has an entry over a limit declared in workbook/models.py. Whatever a message quotes from
the file goes through `text.quoted`.
"""

from __future__ import annotations

import json
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from . import __version__, i18n
from .errors import InvalidEntryError, WorkbookError
from .i18n import _, ngettext
from .models import (
    ENTRY_TYPES,
    MAX_OWN_ITEMS,
    MAX_OWN_QUESTIONS,
    WRITTEN,
    Entry,
    Reflection,
    Settings,
    counted,
    now,
)
from .repository import NEVER_SAVED, SETTINGS_ID, Repository
from .text import quoted
from .validation import build_entry, parse_entry

EXPORT_FORMAT = "alliance-workbook-export"
EXPORT_VERSION = 1
SECTIONS: dict[str, type[Entry]] = {model.section: model for model in WRITTEN if model.section}
MAX_IMPORT_BYTES = 200 * 1024 * 1024
FIELDS = {"format", "version", "exported_at", "app_version", "includes_private", "settings", *SECTIONS}
# Times are stored in UTC, so time zones never put an entry in the future; only a wrong clock does. A
# clock a few minutes fast is forgiven; more, and the copy would win every "which is newer" comparison
# against edits made after it here (even re-importing the same file would undo them).
CLOCK_SLACK = timedelta(minutes=10)
SOURCE_LENGTH = 200  # a file name is shown whole unless it is absurdly long
# Ten years of weekly sessions make about 1,100 entries; this is far beyond any real workbook, and
# counted before anything is validated, so a huge file is refused at once.
MAX_ENTRIES = 50_000


def export_document(repo: Repository, *, include_private: bool = False) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "app_version": __version__,
        "includes_private": include_private,
        "settings": repo.settings().model_dump(mode="json"),
    }
    for section, model in SECTIONS.items():
        entries = repo.all(model)
        if model is Reflection and not include_private:
            entries = tuple(e for e in entries if not e.private)  # type: ignore[attr-defined]
        document[section] = [entry.model_dump(mode="json") for entry in entries]
    return document


def export_json(repo: Repository, *, include_private: bool = False) -> str:
    document = export_document(repo, include_private=include_private)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def private_count(repo: Repository) -> int:
    return sum(1 for r in repo.reflections() if r.private)


@dataclass
class ImportPlan:
    """A validated import: the entries it holds, and what applying it would do."""

    source: str
    settings: Settings | None
    entries: list[Entry]
    where: dict[str, str] = field(default_factory=dict)  # entry id -> "file, section record n (id …)"
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    kept_newer: Counter[str] = field(default_factory=Counter)
    to_store: list[Entry] = field(default_factory=list)

    def summary(self) -> str:
        """'export.json: 3 new (2 goals, 1 check-in); 1 already here (1 reflection).'"""
        kind_of = {model.label: model.kind for model in ENTRY_TYPES.values()}  # the counters are by label

        def detail(counter: Counter[str]) -> str:
            return ", ".join(counted(kind_of[label], n) for label, n in sorted(counter.items()))

        def total(counter: Counter[str]) -> int:
            return sum(counter.values())

        # TRANSLATORS: in the four counts below, {detail} says which entries: "2 goals, 1 check-in". The
        # English keeps one form for every number; give each number its right form.
        forms = (
            (self.added, ngettext("{count} new ({detail})", "{count} new ({detail})", total(self.added))),
            (self.updated, ngettext("{count} updated ({detail})", "{count} updated ({detail})", total(self.updated))),
            (
                self.unchanged,
                ngettext("{count} already here ({detail})", "{count} already here ({detail})", total(self.unchanged)),
            ),
            (
                self.kept_newer,
                ngettext(
                    "{count} kept as they are here, because yours are newer ({detail})",
                    "{count} kept as they are here, because yours are newer ({detail})",
                    total(self.kept_newer),
                ),
            ),
        )
        said = "; ".join(form.format(count=total(c), detail=detail(c)) for c, form in forms if total(c))
        # TRANSLATORS: {source} is the file imported; {summary} the counts above, or "nothing to import".
        return _("{source}: {summary}.").format(source=self.source, summary=said or _("nothing to import"))


def read_import_file(path: Path) -> bytes:
    """The bytes of an export file; only a regular file of at most MAX_IMPORT_BYTES is read.

    A named pipe would block `import` forever and /dev/zero would fill memory, so the kind of file is
    checked before it is opened (opening some devices does something) and again, on the open handle,
    before reading; non-blocking, so opening a pipe cannot wait for a writer.
    """
    name = quoted(str(path), SOURCE_LENGTH)
    try:
        _check_import_file(os.stat(path), name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            _check_import_file(os.fstat(handle.fileno()), name)
            raw = handle.read(MAX_IMPORT_BYTES + 1)  # one byte more: a file that grew is still refused
    except OSError as exc:
        # TRANSLATORS: {problem} is the system's own words, often in English: "Permission denied".
        raise WorkbookError(
            _("Cannot read {name}: {problem}.").format(name=name, problem=exc.strerror or exc)
        ) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise _too_large(name)
    return raw


def _check_import_file(info: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise WorkbookError(_("{name} is a folder; choose the export file (a .json file) inside it.").format(name=name))
    if not stat.S_ISREG(info.st_mode):
        said = _(
            "{name} is not a regular file (it is a pipe, socket or device); save the export as a file and import that."
        )
        raise WorkbookError(said.format(name=name))
    if info.st_size > MAX_IMPORT_BYTES:
        raise _too_large(name)


def _too_large(source: str) -> WorkbookError:
    return WorkbookError(
        _("{source} is larger than 200 MB; that is not an Alliance Workbook export.").format(source=source)
    )


class _Repeated(Exception):
    """A JSON object gives the same name twice (json.loads would silently keep the last)."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _Repeated(key)
            seen.add(key)
    return document


def _parse(raw: bytes | str, source: str) -> Any:
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        return json.loads(text, object_pairs_hook=_object)
    except UnicodeDecodeError:
        raise WorkbookError(_("{source} is not a text file; choose a .json export.").format(source=source)) from None
    except _Repeated as exc:
        # TRANSLATORS: {name} is a name from the file, given twice.
        said = _(
            '{source} is not a valid export: it gives "{name}" twice, so it is unclear which to import. It was'
            " changed after it was exported; export again."
        )
        raise WorkbookError(said.format(source=source, name=quoted(exc.args[0]))) from None
    except json.JSONDecodeError as exc:
        said = _("{source} is not valid JSON (line {line}, column {column}); it may be cut short or not an export.")
        raise WorkbookError(said.format(source=source, line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        said = _("{source} is not valid JSON; it may be cut short or not an export.")
        raise WorkbookError(said.format(source=source)) from None
    except ValueError:  # an integer of more than 4,300 digits: no export holds one
        said = _("{source} is not a valid export: it holds a number too long to be real.")
        raise WorkbookError(said.format(source=source)) from None


def read_import(raw: bytes | str, source: str | None = None) -> ImportPlan:
    """Parse and validate a whole export; raise WorkbookError naming the first problem."""
    source = quoted(source, SOURCE_LENGTH) if source is not None else _("the import file")
    if len(raw) > MAX_IMPORT_BYTES:
        raise _too_large(source)
    document = _parse(raw, source)
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        said = _('{source} is not an Alliance Workbook export (it has no "format": "{format}").')
        raise WorkbookError(said.format(source=source, format=EXPORT_FORMAT))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise WorkbookError(_("{source}: its version is missing.").format(source=source))
    if version > EXPORT_VERSION:
        said = _(
            "{source} was made by a newer Alliance Workbook (export version {version}); update the app to import it."
        )
        raise WorkbookError(said.format(source=source, version=quoted(version)))
    unknown = next((name for name in document if name not in FIELDS), None)
    if unknown is not None:
        # TRANSLATORS: {section} is a name from the file.
        said = _(
            '{source} has a section "{section}" that this version does not know; nothing was imported. If a'
            " newer Alliance Workbook made it, update the app."
        )
        raise WorkbookError(said.format(source=source, section=quoted(unknown)))
    latest = datetime.now(UTC) + CLOCK_SLACK
    settings = None
    if document.get("settings") is not None:
        # TRANSLATORS: names the settings record of an import file: "export.json, settings".
        what = _("{source}, settings").format(source=source)
        settings = parse_entry("settings", document["settings"], what=what)
        _not_from_the_future(settings, what, latest)
    total = sum(len(document[s]) for s in SECTIONS if isinstance(document.get(s), list))
    if total > MAX_ENTRIES:
        said = _(
            "{source} holds {count} entries, more than any real workbook (at most {limit}); it is not an Alliance"
            " Workbook export. Nothing was imported."
        )
        raise WorkbookError(said.format(source=source, count=i18n.number(total), limit=i18n.number(MAX_ENTRIES)))
    entries: list[Entry] = []
    where: dict[str, str] = {}
    owners: dict[str, tuple[str, int]] = {SETTINGS_ID: ("settings", 0)}  # id -> the first record with it
    for section, model in SECTIONS.items():
        records = document.get(section, [])
        if not isinstance(records, list):
            # TRANSLATORS: {section} is the name of a list in the file, as written there: 'goals'.
            raise WorkbookError(
                _("{source}: '{section}' must be a list of entries.").format(source=source, section=section)
            )
        for number, record in enumerate(records, start=1):
            if isinstance(record, dict):
                ident = quoted(record["id"]) if "id" in record else _("without an id")
            else:
                ident = _("that is not an entry")
            # TRANSLATORS: names a record of an import file: "export.json, goals record 3 (id 3f2b…)". {section}
            # is the name of the list in the file, as written there; {id} an id, or "without an id", or
            # "that is not an entry".
            what = _("{source}, {section} record {number} (id {id})").format(
                source=source, section=section, number=number, id=ident
            )
            entry = parse_entry(model.kind, record, what=what)
            _claim(owners, entry.id, (section, number), what)
            _not_from_the_future(entry, what, latest)
            entries.append(entry)
            where[entry.id] = what
    return ImportPlan(source=source, settings=settings, entries=entries, where=where)


def _claim(owners: dict[str, tuple[str, int]], entry_id: str, record: tuple[str, int], what: str) -> None:
    """One id, one entry: the History page, for one, lists every kind together by id."""
    first = owners.setdefault(entry_id, record)
    if first == record:
        return
    if first[0] == record[0]:
        said = _("{what}: the same id appears twice in '{section}'.")
        raise InvalidEntryError(said.format(what=what, section=record[0]))
    if first[0] == "settings":
        other = _("the settings")
    else:
        # TRANSLATORS: a record of an import file: "goals record 3"; {section} as written in the file.
        other = _("{section} record {number}").format(section=first[0], number=first[1])
    # TRANSLATORS: {what} names a record of the import file; {other} another one ("the settings", "goals record 3").
    said = _("{what}: {other} has the same id; one id can belong to only one entry. Nothing was imported.")
    raise InvalidEntryError(said.format(what=what, other=other))


def _not_from_the_future(entry: Entry, what: str, latest: datetime) -> None:
    """A copy dated in the future would outrank every later edit of the entry, for ever."""
    if entry.created_at > latest:
        # TRANSLATORS: {moment} is a date and time as in a file: 2999-01-01 12:00.
        said = _(
            "{what}: it says it was created on {moment} UTC, in the future. Check the clock of the computer"
            " that made the export, then export again. Nothing was imported."
        )
        raise InvalidEntryError(said.format(what=what, moment=f"{entry.created_at:%Y-%m-%d %H:%M}"))
    if entry.updated_at > latest:
        # TRANSLATORS: {moment} is a date and time as in a file: 2999-01-01 12:00.
        said = _(
            "{what}: it says it was last changed on {moment} UTC, in the future. Check the clock of the computer"
            " that made the export, then export again. Nothing was imported."
        )
        raise InvalidEntryError(said.format(what=what, moment=f"{entry.updated_at:%Y-%m-%d %H:%M}"))


def plan_import(repo: Repository, plan: ImportPlan) -> ImportPlan:
    """Work out, against the workbook as it is now, what applying the plan would change."""
    plan.added.clear(), plan.updated.clear(), plan.unchanged.clear(), plan.kept_newer.clear()
    plan.to_store = []
    candidates: list[Entry] = list(plan.entries)
    settings_here = repo.settings()
    _own_ids_known(plan, settings_here)
    if plan.settings is not None:
        candidates.insert(0, _keeping_own(plan.settings, settings_here).model_copy(update={"id": SETTINGS_ID}))
    here = {entry.id: entry for model in SECTIONS.values() for entry in repo.all(model)}
    for entry in candidates:
        other = here.get(entry.id)
        if other is not None and other.kind != entry.kind:
            # Two kinds under one id would break every page that lists entries together.
            # TRANSLATORS: {label} and {other} are kinds of entry, as translated on their own ("goal",
            # "check-in", "reflection", "feedback note", "settings").
            said = _(
                "{source}: the {label} with id {id} has the id of a {other} already in this workbook; one id can"
                " belong to only one entry. Nothing was imported."
            )
            raise WorkbookError(
                said.format(source=plan.source, label=_(entry.label), id=entry.id, other=_(other.label))
            )
        if entry.kind == "settings":
            existing: Entry | None = repo.settings()
            if existing is not None and existing.updated_at == NEVER_SAVED:
                existing = None if entry.updated_at != NEVER_SAVED else existing
        else:
            try:
                existing = repo.get(type(entry), entry.id)
            except WorkbookError:
                existing = None
        if existing is None:
            plan.added[entry.label] += 1
            plan.to_store.append(entry)
        elif existing.model_dump() == entry.model_dump():
            plan.unchanged[entry.label] += 1
        elif entry.updated_at > existing.updated_at:
            plan.updated[entry.label] += 1
            plan.to_store.append(entry)
        elif isinstance(entry, Settings) and isinstance(existing, Settings) and _own_only_there(entry, existing):
            # Settings here are newer, but the file defines own things to rate or questions its entries
            # answer: those definitions join the settings here, so no imported rating loses its words.
            plan.updated[entry.label] += 1
            plan.to_store.append(_adding_own(existing, entry))
        else:
            plan.kept_newer[entry.label] += 1
    return plan


def _own_only_there(there: Settings, here: Settings) -> bool:
    ids = {i.id for i in here.own_items} | {q.id for q in here.own_questions}
    return any(x.id not in ids for x in (*there.own_items, *there.own_questions))


def _adding_own(here: Settings, there: Settings) -> Settings:
    """The settings here, with the own things to rate and questions only `there` defines: in use while
    there is room for them, else retired (their past ratings and answers keep their words either way)."""
    data = here.model_dump()
    for which, room in (("own_items", MAX_OWN_ITEMS), ("own_questions", MAX_OWN_QUESTIONS)):
        data[which] = list(data[which])
        known = {item["id"] for item in data[which]}
        for item in getattr(there, which):
            if item.id not in known:
                in_use = sum(not x["retired"] for x in data[which])
                data[which].append(item.model_dump() | {"retired": item.retired or in_use >= room})
    data["updated_at"] = now()
    return build_entry(Settings, **data)  # type: ignore[return-value]


def _own_ids_known(plan: ImportPlan, here: Settings) -> None:
    """Every own rating and answer names an own thing to rate or own question that the file's settings
    or this workbook's define: one that neither knows could never be shown, so the file is refused."""
    items = {i.id for i in here.own_items}
    questions = {q.id for q in here.own_questions}
    if plan.settings is not None:
        items |= {i.id for i in plan.settings.own_items}
        questions |= {q.id for q in plan.settings.own_questions}
    for entry in plan.entries:
        what = plan.where.get(entry.id, plan.source)
        for key in getattr(entry, "own_ratings", {}):
            if key not in items:
                said = _(
                    "{what}: it answers an own thing to rate with id “{id}” that neither the file's settings nor"
                    " this workbook's define. Nothing was imported."
                )
                raise InvalidEntryError(said.format(what=what, id=quoted(key)))
        for key in getattr(entry, "own_answers", {}):
            if key not in questions:
                said = _(
                    "{what}: it answers an own question with id “{id}” that neither the file's settings nor this"
                    " workbook's define. Nothing was imported."
                )
                raise InvalidEntryError(said.format(what=what, id=quoted(key)))


def _keeping_own(imported: Settings, here: Settings) -> Settings:
    """Imported settings, with any own thing to rate or own question defined only here kept (retired),
    so that answers written here never lose their words when newer settings arrive."""
    items = {i.id for i in imported.own_items}
    questions = {q.id for q in imported.own_questions}
    kept_items = [i.model_copy(update={"retired": True}) for i in here.own_items if i.id not in items]
    kept_questions = [q.model_copy(update={"retired": True}) for q in here.own_questions if q.id not in questions]
    if not kept_items and not kept_questions:
        return imported
    data = imported.model_dump() | {
        "own_items": [*imported.own_items, *kept_items],
        "own_questions": [*imported.own_questions, *kept_questions],
    }
    return build_entry(Settings, **data)  # type: ignore[return-value]


def apply_import(repo: Repository, plan: ImportPlan) -> ImportPlan:
    """Apply a validated plan in one write: all of it or, on any failure, none of it."""
    with repo.batch():
        plan_import(repo, plan)  # again under the lock: the workbook may have changed since
        repo.save_many(plan.to_store, keep_times=True)
    return plan
