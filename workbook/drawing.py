"""The overall-connection chart as plain data for the Over time page to draw (`ui.connection`); no
Streamlit, no Altair.

Over time's first view is this one chart. Drawn by Vega it cost the browser about 60 ms on every
visit, whatever it showed (issue 15): a chart library's start-up, not the data. So the page draws it
as a plain SVG from what is worked out here, in the language spoken: where each point, line, band and
mark goes (as a fraction of the width, and on the 0-10 scale), the axis labels, and each point's
tooltip as text. The same chart as a picture (the PNG download, the PDF report) is still drawn by
Vega from the same frames (`workbook.charts.connection_chart`), as are the other charts.

Nothing here is markup: the words (the client's own notes among them) are data, written into the
page as text, never read as HTML.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

from . import i18n
from .i18n import _, pgettext
from .palette import WORDS_ON_MARKS

# The most labels under the date axis; the page drops any that would overlap at its width.
MOST_DATE_LABELS = 12
# Steps between the date labels, finest first: (months, days) and how a label is written.
_STEPS: tuple[tuple[int, int, str], ...] = (
    (0, 1, "day"),
    (0, 7, "day"),
    (1, 0, "month"),
    (3, 0, "month"),
    (6, 0, "month"),
    (12, 0, "year"),
    (24, 0, "year"),
    (60, 0, "year"),
)


def _number(value: Any) -> float | None:
    """A rating as drawn, or None when there is none (a session left unrated, no usual yet)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return round(float(value), 2)


def _said(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return i18n.number(value, digits if value != int(value) else 0)


def _first_on_or_after(day: date, months: int, days: int) -> date:
    """The first label date on or after `day` for a step: a Monday, the 1st of a month that is a
    multiple of the step, or the 1st of January of such a year."""
    if days == 1:
        return day
    if days == 7:
        return day + pd.Timedelta(days=(7 - day.weekday()) % 7)
    month = day.year * 12 + day.month - 1  # months since year 0
    start = month if day.day == 1 else month + 1
    start += -start % months
    return date(start // 12, start % 12 + 1, 1)


def date_labels(first: date, last: date) -> list[tuple[date, str]]:
    """Labels for a date axis from `first` to `last`: the finest even step that gives at most
    MOST_DATE_LABELS of them (days, weeks, months, quarters, half years, years), and never fewer than
    two while a finer step gives two (the page leaves out every second or third where they crowd)."""
    chosen: tuple[list[date], str] = ([], "day")
    for months, days, kind in _STEPS:
        day, labelled = _first_on_or_after(first, months, days), []
        while day <= last and len(labelled) <= MOST_DATE_LABELS:
            labelled.append(day)
            if months:
                month = day.year * 12 + day.month - 1 + months
                day = date(month // 12, month % 12 + 1, 1)
            else:
                day = day + pd.Timedelta(days=days)
        if len(labelled) < 2 and len(chosen[0]) >= 2:  # the finer step it was, every second if too many
            chosen = (chosen[0] if len(chosen[0]) <= MOST_DATE_LABELS else chosen[0][::2], chosen[1])
            break
        chosen = labelled, kind
        if len(labelled) <= MOST_DATE_LABELS:
            break  # else: the widest step (years, five at a time) is as few as it gets
    return [(d, _date_label(d, chosen[1], year=first.year != last.year)) for d in chosen[0]]


def _date_label(day: date, kind: str, *, year: bool) -> str:
    if kind == "day":
        return i18n.short_date(day, year=year)
    return i18n.month_year(day) if kind == "month" else str(day.year)


def overall_title() -> str:
    return pgettext("the overall connection rating", "Overall")


def _tip(lines: list[tuple[str, str]]) -> str:
    return "\n".join(f"{title}: {value}" for title, value in lines)


def connection_drawing(sessions: pd.DataFrame, shared: pd.DataFrame, unit: str = "session") -> dict[str, Any]:
    """The overall-connection chart (as `charts.connection_chart` draws it) as data to draw.

    `sessions` is a frame of `reports.for_chart` (one row a session, or a month's average), with its
    usual and band where `reports.with_usual` worked them out, and `unit` what one row is ("session",
    "month", "quarter" or "year"); `shared` the dates feedback was shared.
    Positions along the dates are fractions (0 the first day shown, 1 the last), so the page lays the
    chart out at any width."""
    days = [d.date() for d in sessions["date"]] + [d.date() for d in shared["date"]]
    first, last = min(days), max(days)
    span = (last - first).days

    def at(day: date) -> float:
        return round((day - first).days / span, 5) if span else 0.5

    has_band = "raise_at_or_below" in sessions.columns
    has_usual = "usual" in sessions.columns
    points, band = [], []
    for row in sessions.itertuples(index=False):
        day = row.date.date()
        overall, rolling = _number(row.overall), _number(row.rolling)
        when = i18n.long_date(day) if unit == "session" else str(day.year) if unit == "year" else i18n.month_year(day)
        lines = [(_("Date"), when), (overall_title(), _said(overall))]
        if has_usual and (usual := _number(row.usual)) is not None:  # no "usual" words before one exists
            lines.append((_("Your usual before it"), _said(usual)))
        lines.append((_("Average of the last few"), _said(rolling)))
        if has_band and (zone := _number(row.raise_at_or_below)) is not None:
            lines.append((_("Worth raising at or below"), _said(zone)))
            band.append([at(day), zone])
        if row.therapist:  # on one line, as every other part of a tooltip
            lines.append((_("Therapist"), " ".join(row.therapist.split())))
        if row.note:
            lines.append((_("Note"), row.note))
        points.append([at(day), overall, rolling, _tip(lines)])
    wide = len({spot[0] for spot in band}) >= 2  # a band of no width (all on one day): not drawn, nor named
    marks = [
        [at(row.date.date()), _tip([(_("Feedback shared"), i18n.long_date(row.date.date())), (_("Note"), row.note)])]
        for row in shared.itertuples(index=False)
    ]
    return {
        "y_title": _("Overall connection (0–10)"),
        "y_labels": [[n, i18n.number(n)] for n in range(0, 11, 2)],
        "x_labels": [[at(d), said] for d, said in date_labels(first, last)],
        "band": band if wide else [],
        "band_said": _("shaded: worth raising") if wide else "",
        "points": points,
        "marks": marks,
        # TRANSLATORS: a short word written along the line that marks a day feedback was shared.
        "mark_word": pgettext("chart mark", "feedback"),
        "crowded": len(marks) > WORDS_ON_MARKS,  # thinner lines, and no word on them: it would pile up
    }
