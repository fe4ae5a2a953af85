"""Turning the settings form's text boxes into validated Settings."""

from __future__ import annotations

from .models import Settings
from .text import lines_of, split_contact
from .validation import build_entry


def updated_settings(
    settings: Settings,
    *,
    name: str,
    therapists: str,
    crisis_country: str,
    crisis_lines: str,
    backups_to_keep: int,
    idle_lock_minutes: int | None = None,
    thresholds: dict[str, int] | None = None,
) -> Settings:
    """`settings` with the form's values; one therapist or crisis line per line of text."""
    data = settings.model_dump()
    lines = [{"name": n, "contact": c} for n, c in map(split_contact, lines_of(crisis_lines))]
    data |= {
        "name": name,
        "therapists": lines_of(therapists),
        "crisis_country": crisis_country,
        "crisis_lines": lines or data["crisis_lines"],  # never leave the client with nowhere to turn
        "backups_to_keep": backups_to_keep,
    }
    if idle_lock_minutes is not None:
        data["idle_lock_minutes"] = idle_lock_minutes
    if thresholds is not None:
        data["thresholds"] = {**data["thresholds"], **thresholds}
    return build_entry(Settings, **data)  # type: ignore[return-value]
