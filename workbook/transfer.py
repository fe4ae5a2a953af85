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
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from . import __version__
from .errors import InvalidEntryError, WorkbookError
from .models import CheckIn, Entry, FeedbackNote, Goal, Reflection, Settings
from .repository import NEVER_SAVED, SETTINGS_ID, Repository
from .validation import parse_entry

EXPORT_FORMAT = "alliance-workbook-export"
EXPORT_VERSION = 1
SECTIONS: dict[str, type[Entry]] = {
    "goals": Goal,
    "checkins": CheckIn,
    "reflections": Reflection,
    "feedback_notes": FeedbackNote,
}
MAX_IMPORT_BYTES = 200 * 1024 * 1024


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
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    kept_newer: Counter[str] = field(default_factory=Counter)
    to_store: list[Entry] = field(default_factory=list)

    def summary(self) -> str:
        def part(counter: Counter[str], words: str) -> str | None:
            total = sum(counter.values())
            if not total:
                return None
            detail = ", ".join(f"{n} {_plural(kind, n)}" for kind, n in sorted(counter.items()))
            return f"{total} {words} ({detail})"

        parts = [
            part(self.added, "new"),
            part(self.updated, "updated"),
            part(self.unchanged, "already here"),
            part(self.kept_newer, "kept as they are here, because yours are newer"),
        ]
        said = "; ".join(p for p in parts if p)
        return f"{self.source}: {said or 'nothing to import'}."


def _plural(label: str, count: int) -> str:
    return label if count == 1 or label == "settings" else f"{label}s"


def read_import(raw: bytes | str, source: str = "the import file") -> ImportPlan:
    """Parse and validate a whole export; raise WorkbookError naming the first problem."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise WorkbookError(f"{source} is larger than 200 MB; that is not an Alliance Workbook export.")
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        document = json.loads(text)
    except UnicodeDecodeError:
        raise WorkbookError(f"{source} is not a text file; choose a .json export.") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise WorkbookError(f"{source} is not valid JSON{where}; it may be cut short or not an export.") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise WorkbookError(f'{source} is not an Alliance Workbook export (it has no "format": "{EXPORT_FORMAT}").')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise WorkbookError(f"{source}: its version is missing.")
    if version > EXPORT_VERSION:
        raise WorkbookError(
            f"{source} was made by a newer Alliance Workbook (export version {version}); update the app to import it."
        )
    settings = None
    if document.get("settings") is not None:
        settings = parse_entry("settings", document["settings"], what=f"{source}, settings")
    entries: list[Entry] = []
    for section, model in SECTIONS.items():
        records = document.get(section, [])
        if not isinstance(records, list):
            raise WorkbookError(f"{source}: '{section}' must be a list of entries.")
        seen: set[str] = set()
        for number, record in enumerate(records, start=1):
            ident = record.get("id", "without an id") if isinstance(record, dict) else "that is not an entry"
            what = f"{source}, {section} record {number} (id {ident})"
            entry = parse_entry(model.kind, record, what=what)
            if entry.id in seen:
                raise InvalidEntryError(f"{what}: the same id appears twice in '{section}'.")
            seen.add(entry.id)
            entries.append(entry)
    return ImportPlan(source=source, settings=settings, entries=entries)


def plan_import(repo: Repository, plan: ImportPlan) -> ImportPlan:
    """Work out, against the workbook as it is now, what applying the plan would change."""
    plan.added.clear(), plan.updated.clear(), plan.unchanged.clear(), plan.kept_newer.clear()
    plan.to_store = []
    candidates: list[Entry] = list(plan.entries)
    if plan.settings is not None:
        candidates.insert(0, plan.settings.model_copy(update={"id": SETTINGS_ID}))
    for entry in candidates:
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
        else:
            plan.kept_newer[entry.label] += 1
    return plan


def apply_import(repo: Repository, plan: ImportPlan) -> ImportPlan:
    """Apply a validated plan in one write: all of it or, on any failure, none of it."""
    with repo.batch():
        plan_import(repo, plan)  # again under the lock: the workbook may have changed since
        repo.save_many(plan.to_store, keep_times=True)
    return plan
