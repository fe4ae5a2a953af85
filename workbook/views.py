"""What the Over time and Feedback pages show, computed once per state of the workbook.

Every click reruns a Streamlit page, so a page must not rebuild frames or charts that have not
changed. These builders are called through `Repository.derived`, keyed by the filters: the first
rerun after a change does the work, every later one reuses it. Charts are kept as Vega-Lite
dictionaries, so a rerun does not validate them again either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd

from . import charts, drawing, i18n, reports
from .i18n import N_, _, ngettext
from .models import CheckIn, FeedbackNote, Goal, OwnItem, Reflection, SignalThresholds
from .signals import Signal, find_signals

# Each point of the connection chart, by the unit reports.for_chart chose (the keys are its units).
_POINT = {
    "session": N_("Each point is a session"),
    "month": N_("Each point is the average of a month's sessions"),
    "quarter": N_("Each point is the average of a quarter's sessions"),
    "year": N_("Each point is the average of a year's sessions"),
}
# The five parts' heatmap, by the same unit.
_PARTS_FOR_EACH = {
    "session": N_("Trust, empathy, collaboration, communication and shared goals for each session."),
    "month": N_("Trust, empathy, collaboration, communication and shared goals for each month."),
    "quarter": N_("Trust, empathy, collaboration, communication and shared goals for each quarter."),
    "year": N_("Trust, empathy, collaboration, communication and shared goals for each year."),
}


def _spec(chart: Any) -> dict[str, Any]:
    """A chart as the page draws it: not validated again (the tests validate every chart), drawn on a
    canvas rather than as hundreds of SVG elements (a tenth of the time in the browser), with no ARIA
    text per mark: a screen reader reaches the same numbers in the chart's Table tab, and the chart
    itself is described by its alt text."""
    spec = chart.to_dict(validate=False)
    spec.setdefault("config", {})["aria"] = False
    spec["usermeta"] = {"embedOptions": {"renderer": "canvas"}}  # read by Streamlit's chart element
    return spec


def _picture(sessions: pd.DataFrame, shared: pd.DataFrame, language: str) -> bytes:
    """The overall-connection chart as a PNG (as the PDF report draws it), in the page's language: it
    is made when the download is asked for, in another thread."""
    from .exports import connection_png

    with i18n.speaking(language):
        return connection_png(sessions, shared, width=720, height=300)


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # English, marked N_(): translated where it is shown (ui.chart_section, the Over time page)
    about: str
    spec: dict[str, Any] | None  # a Vega-Lite chart, or None: drawn from `drawing` instead
    table: pd.DataFrame
    alt: str
    drawing: dict[str, Any] | None = None  # the overall-connection chart, as `workbook.drawing` lays it out
    picture: Callable[[], bytes] | None = None  # that chart as a PNG to download, made when asked for


@dataclass(frozen=True)
class OverTime:
    signals: list[Signal]
    sections: list[Section]


def _connection_about(unit: str, thresholds: SignalThresholds, *, banded: bool) -> str:
    """What the connection chart shows; the shaded area only once there is one (a usual to measure against)."""
    # TRANSLATORS: {point} is a whole clause: "Each point is a session" or "Each point is the average of
    # a month's sessions".
    said = _("{point}; the dashed line is the average of the last few; green lines mark feedback you shared.").format(
        point=_(_POINT[unit])
    )
    if not banded:
        return said
    band = _(
        "The shaded area is where a session is worth raising: {below} or more below your usual (the middle of your"
        " ratings in up to {window} sessions before it), or {low} or below."
    ).format(below=thresholds.below_usual, window=thresholds.USUAL_WINDOW, low=thresholds.low_level)
    return f"{said} {band}"


def over_time(
    chosen: list[Reflection],
    reflections: tuple[Reflection, ...],
    notes: tuple[FeedbackNote, ...],
    checkins: tuple[CheckIn, ...],
    goals: tuple[Goal, ...],
    thresholds: SignalThresholds,
    filters: reports.Filters,
    own_items: tuple[OwnItem, ...] = (),
) -> OverTime:
    # The client's usual comes from every session they rated (private ones and every therapist's too),
    # not only the ones shown: one usual on every page and in the note (workbook.signals).
    history = list(reflections)
    own = reports.own_rated(chosen, own_items)  # retired ones too, when rated in these sessions
    sessions = reports.with_usual(reports.sessions_frame(chosen, own=own), history, thresholds)
    shown, unit = reports.for_chart(sessions)
    # The connection chart's table (its Table tab and CSV): own things are charted with the parts.
    table = shown.drop(columns=[*reports.own_columns(shown), "id", "private"], errors="ignore")
    first = sessions["date"].min().date()
    # The feedback shared in the dates shown (from the first session on: one shared later still counts),
    # to the therapist chosen (a note that names none may have gone to any).
    shared = reports.shared_feedback_frame(
        n
        for n in notes
        if n.shared_on
        and first <= n.shared_on <= (filters.end or n.shared_on)
        and (not filters.therapist or not n.therapist or n.therapist == filters.therapist)
    )
    sessions_said = ngettext("{count} session", "{count} sessions", len(sessions)).format(
        count=i18n.number(len(sessions))
    )
    notes_said = ngettext("{count} feedback note", "{count} feedback notes", len(shared)).format(
        count=i18n.number(len(shared))
    )
    sections = [
        Section(
            "overall-connection",
            N_("Overall connection"),
            _connection_about(unit, thresholds, banded=bool(table["raise_at_or_below"].notna().any())),
            None,  # the page's first chart: drawn as plain SVG, not by Vega (workbook.drawing)
            table,
            # TRANSLATORS: {day} is "9 February 2026"; {sessions} is "12 sessions"; {notes} is "2 feedback notes".
            _("Line chart of overall connection from {day}, {sessions}, with {notes} marked.").format(
                day=i18n.long_date(first), sessions=sessions_said, notes=notes_said
            ),
            drawing.connection_drawing(table, shared, unit),
            partial(_picture, table, shared, i18n.current()),
        )
    ]
    parts = reports.parts_frame(shown, own)
    about_parts = [_(_PARTS_FOR_EACH[unit]), _("Darker means lower, so a weak part shows as a dark row.")]
    if own:
        about_parts.append(_("Below them, your own things to rate, in your words."))
    sections.append(
        Section(
            "five-parts",
            N_("The five parts"),
            " ".join(about_parts),
            _spec(charts.parts_chart(parts)),
            parts,
            ngettext(
                "Heatmap of the five parts of the relationship over time, then {count} thing of your own to rate.",
                "Heatmap of the five parts of the relationship over time, then {count} things of your own to rate.",
                len(own),
            ).format(count=i18n.number(len(own)))
            if own
            else _("Heatmap of the five parts of the relationship over time."),
        )
    )
    before_after = reports.before_after_frame(sessions, shared)
    if not before_after.empty:
        sections.append(
            Section(
                "before-after-feedback",
                N_("Before and after feedback"),
                _(
                    "Your average connection over the few sessions before each shared feedback note, and the few"
                    " after it."
                ),
                _spec(charts.before_after_chart(before_after.tail(24))),
                before_after,
                # TRANSLATORS: the English says "notes" for one note too; say it as the language does.
                ngettext(
                    "For each of {count} shared notes, average connection before and after it.",
                    "For each of {count} shared notes, average connection before and after it.",
                    len(before_after),
                ).format(count=i18n.number(len(before_after))),
            )
        )
    wellbeing = reports.wellbeing_frame(checkins, chosen).tail(400)  # the most recent, as the chart shows
    if len(wellbeing) >= 2:
        sections.append(
            Section(
                "wellbeing-and-connection",
                N_("How you had been, and how connected you felt"),
                _("Each point is a session: how you had been before it (from your check-in) and your connection in it.")
                + (
                    " " + _("The most recent {count} sessions are shown.").format(count=i18n.number(400))
                    if len(chosen) > 400
                    else ""
                ),
                _spec(charts.wellbeing_chart(wellbeing)),
                wellbeing,
                _("Scatter plot of how you had been before each session against your connection in it."),
            )
        )
    progress, unit = reports.goals_for_chart(reports.goals_frame(goals, reflections))
    if not progress.empty:
        sections.append(
            Section(
                "goal-progress",
                N_("Goal progress"),
                _("Each goal on its ladder: −2 much less than expected, 0 as expected, +2 much more.")
                + (" " + _("Monthly averages of your ratings.") if unit == "month" else ""),
                _spec(charts.goals_chart(progress)),
                progress,
                _("Step chart of each goal's progress from −2 to +2 over time."),
            )
        )
    return OverTime(find_signals(chosen, goals, thresholds, history=history, own_items=own_items), sections)


def feedback_effect(reflections: tuple[Reflection, ...], notes: tuple[FeedbackNote, ...]) -> pd.DataFrame:
    """Mean connection before and after each shared note, indexed by the day it was shared."""
    sessions = reports.sessions_frame(reflections)
    return reports.before_after_frame(sessions, reports.shared_feedback_frame(notes)).set_index("shared_on")


def over_time_for(repo: Any, filters: reports.Filters) -> OverTime | None:
    """Over time for these filters, built once per state of the workbook (None: fewer than two
    sessions match). The page and the warm-up after a save (`warm`) share it, key and all."""

    def chosen() -> list[Reflection]:
        return repo.derived(f"overtime-chosen:{filters}", lambda: reports.chosen(repo.reflections(), filters))

    if len(chosen()) < 2:
        return None

    def build() -> OverTime:  # everything read inside, under the lock: one state of the workbook
        settings = repo.settings()
        return over_time(
            chosen(),
            repo.reflections(),
            repo.feedback_notes(),
            repo.checkins(),
            repo.goals(),
            settings.thresholds,
            filters,
            own_items=settings.own_items,
        )

    return repo.derived(f"overtime:{filters}", build)


def warm(repo: Any) -> None:
    """Build, for the workbook as it is now, what the next pages will ask for: Over time as it first
    opens and History's list. Run in the background after a save, so the first click after it is as
    quick as any other."""
    from .history import all_items

    try:
        over_time_for(repo, reports.Filters())
        all_items(repo)
    except Exception:  # noqa: S110 - only a head start: the page builds it itself on any problem
        pass
