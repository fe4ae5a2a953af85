"""Schema versions of the workbook file, and the steps that bring an older file up to date.

A file records the schema version it was written with. On reading, each step from its version to
`SCHEMA_VERSION` runs in order on the tables, in memory; the upgraded data reaches disk with the next
save, after a backup of the old file (see `Repository`). A file from a newer version is refused, never
rewritten, so an older copy of the app cannot damage it.
"""

from __future__ import annotations

from collections.abc import Callable

Tables = dict[str, dict[str, dict]]

SCHEMA_VERSION = 4


def _thresholds_on_the_clients_own_scale(tables: Tables) -> Tables:
    """Schema 2: signal thresholds measured against the client's usual, not fixed cut-offs (issue 12).
    The fixed 'low' cut-offs go; the old 'drop' margin becomes the margin below the usual."""
    for settings in tables.get("settings", {}).values():
        old = settings.get("thresholds")
        if isinstance(old, dict):
            new = {k: v for k, v in old.items() if k not in ("low_overall", "low_part", "drop")}
            if isinstance(old.get("drop"), int) and not isinstance(old["drop"], bool) and "below_usual" not in new:
                new["below_usual"] = min(max(old["drop"], 1), 10)
            settings["thresholds"] = new
    return tables


def _room_for_the_clients_own(tables: Tables) -> Tables:
    """Schema 3: own things to rate, own questions and session schedules (issue 14). Older entries
    simply have none, so nothing changes; the version moves on so that an older copy of the app,
    which would not understand them, refuses the file instead of calling it damaged."""
    return tables


def _room_for_a_language(tables: Tables) -> Tables:
    """Schema 4: the language the client chose (issue 17). Older settings have none and follow the
    browser, so nothing changes; the version moves on so that an older app refuses the file."""
    return tables


#: MIGRATIONS[n] turns schema n into schema n + 1. Add a step here whenever a stored field changes
#: meaning or shape, and bump SCHEMA_VERSION.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    1: _thresholds_on_the_clients_own_scale,
    2: _room_for_the_clients_own,
    3: _room_for_a_language,
}


def migrate(tables: Tables, from_version: int, to_version: int | None = None) -> Tables:
    to_version = SCHEMA_VERSION if to_version is None else to_version
    for version in range(from_version, to_version):
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no migration from schema {version} to {version + 1}")
        tables = step(tables)
    return tables
