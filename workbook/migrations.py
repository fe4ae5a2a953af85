"""Schema versions of the workbook file, and the steps that bring an older file up to date.

A file records the schema version it was written with. On reading, each step from its version to
`SCHEMA_VERSION` runs in order on the tables, in memory; the upgraded data reaches disk with the next
save, after a backup of the old file (see `Repository`). A file from a newer version is refused, never
rewritten, so an older copy of the app cannot damage it.
"""

from __future__ import annotations

from collections.abc import Callable

Tables = dict[str, dict[str, dict]]

SCHEMA_VERSION = 1

#: MIGRATIONS[n] turns schema n into schema n + 1. Add a step here whenever a stored field changes
#: meaning or shape, and bump SCHEMA_VERSION.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}


def migrate(tables: Tables, from_version: int, to_version: int | None = None) -> Tables:
    to_version = SCHEMA_VERSION if to_version is None else to_version
    for version in range(from_version, to_version):
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no migration from schema {version} to {version + 1}")
        tables = step(tables)
    return tables
