"""workbook.views on its own: what the Over time and Feedback pages show, built from entries.

Each section's table is what its chart draws (the table is the page's "Table" tab and its CSV
download), and the before/after feedback numbers are worked out by hand below.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import reflection
from workbook import i18n, views
from workbook.demo import fill_with_demo
from workbook.models import CheckIn, FeedbackNote, Goal, OwnItem, Reflection, SignalThresholds
from workbook.reports import Filters
from workbook.repository import Repository

DEFAULTS = SignalThresholds()
EVERYTHING = Filters()


def over_time(
    reflections: list[Reflection],
    notes: Iterable[FeedbackNote] = (),
    checkins: Iterable[CheckIn] = (),
    goals: Iterable[Goal] = (),
    filters: Filters = EVERYTHING,
) -> views.OverTime:
    """The Over time view as the page builds it: the chosen sessions, measured against all of them."""
    chosen = [r for r in reflections if filters.keep(r)]
    return views.over_time(chosen, tuple(reflections), tuple(notes), tuple(checkins), tuple(goals), DEFAULTS, filters)


def as_drawn(table: pd.DataFrame) -> list[dict]:
    """The table's rows as Vega-Lite receives them: days as ISO text, gaps as null."""
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%dT%H:%M:%S")
        else:
            out[column] = out[column].astype(object)
    return [
        {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
        for row in out.to_dict("records")
    ]


def drawn(spec: dict, columns: list[str]) -> list[dict]:
    """The rows the chart draws its marks from (its largest dataset), cut to the table's columns."""
    rows = max(spec["datasets"].values(), key=len)
    return [{c: row.get(c) for c in columns} for row in rows]


def drawn_points(section: views.Section) -> list[tuple]:
    """The overall-connection chart's points as drawn (workbook.drawing): each one's day, in its
    tooltip, and its two numbers."""
    assert section.drawing is not None and section.spec is None  # drawn as SVG, not by Vega
    return [(tip.split("\n")[0], overall, rolling) for _, overall, rolling, tip in section.drawing["points"]]


def as_points(table: pd.DataFrame) -> list[tuple]:
    """The table's rows as the chart should draw them: a gap as no number; a month's average dated by
    its month."""
    numbers = [None if pd.isna(v) else round(float(v), 2) for v in (*table["overall"], *table["rolling"])]
    monthly = "sessions" in table.columns
    days = [f"Date: {i18n.month_year(d) if monthly else f'{d.day} {d:%B %Y}'}" for d in table["date"]]
    return list(zip(days, numbers[: len(table)], numbers[len(table) :], strict=True))


def weekly(*overalls: int | None, start: str = "2026-03-02") -> list[Reflection]:
    first = date.fromisoformat(start)
    return [
        reflection((first + timedelta(weeks=n)).isoformat(), overall=o)
        if o is not None
        else Reflection(session_date=first + timedelta(weeks=n), what_helped="words only, no ratings")
        for n, o in enumerate(overalls)
    ]


def test_the_demo_workbook_has_every_section_the_page_shows_and_tables_match_the_charts() -> None:
    repo = Repository.in_memory()
    fill_with_demo(repo, sessions=40, until=date(2026, 11, 1))
    reflections = list(repo.reflections())
    view = over_time(reflections, repo.feedback_notes(), repo.checkins(), repo.goals())
    assert [(s.key, s.title) for s in view.sections] == [
        ("overall-connection", "Overall connection"),
        ("five-parts", "The five parts"),
        ("before-after-feedback", "Before and after feedback"),
        ("wellbeing-and-connection", "How you had been, and how connected you felt"),
        ("goal-progress", "Goal progress"),
    ]
    assert view.signals and {s.kind for s in view.signals} >= {"uncovered_topic"}
    shared = sum(1 for n in repo.feedback_notes() if n.shared_on)
    sections = {s.key: s for s in view.sections}
    assert f"{len(reflections)} sessions, with {shared} feedback notes marked" in sections["overall-connection"].alt
    assert len(sections["overall-connection"].table) == len(reflections)
    assert not {"id", "private"} & set(sections["overall-connection"].table.columns)  # not in the CSV download
    assert drawn_points(sections["overall-connection"]) == as_points(sections["overall-connection"].table)
    for key in ("five-parts", "wellbeing-and-connection", "goal-progress"):
        table = sections[key].table
        assert drawn(sections[key].spec, list(table.columns)) == as_drawn(table), key
    before_after = sections["before-after-feedback"]
    assert len(before_after.table) == shared
    points = {(r["shared_on"], r["when"], r["mean"]) for r in drawn(before_after.spec, ["shared_on", "when", "mean"])}
    table = as_drawn(before_after.table)
    assert points == {(r["shared_on"], w.capitalize(), r[w]) for r in table for w in ("before", "after")}


def test_before_and_after_each_shared_note_by_hand() -> None:
    sessions = weekly(4, 5, 6, 7, 8, 9, 9, 10, 10, 3, 2)  # Mondays from 2 March 2026 to 11 May
    notes = [
        FeedbackNote(body="first", shared_on=date(2026, 4, 6)),  # the day of the 6th session: it counts as after
        FeedbackNote(body="second", shared_on=date(2026, 4, 20)),
        FeedbackNote(body="a draft, never shared"),
    ]
    effect = views.feedback_effect(tuple(sessions), tuple(notes))
    assert list(effect.index) == [pd.Timestamp("2026-04-06"), pd.Timestamp("2026-04-20")]
    rows = effect[["before", "sessions_before", "after", "sessions_after", "change"]].to_dict("records")
    assert rows == [
        # 5, 6, 7, 8 before; after: 9, 9 only, because the next note was shared two weeks later
        {"before": 6.5, "sessions_before": 4, "after": 9.0, "sessions_after": 2, "change": 2.5},
        # 7, 8, 9, 9 before; 10, 10, 3, 2 after (at most four)
        {"before": 8.25, "sessions_before": 4, "after": 6.25, "sessions_after": 4, "change": -2.0},
    ]
    # The Over time page shows the same numbers, and only for notes shared since its first chosen session.
    table = next(s.table for s in over_time(sessions, notes).sections if s.key == "before-after-feedback")
    assert list(table["before"]) == [6.5, 8.25] and list(table["after"]) == [9.0, 6.25]
    later = over_time(sessions, notes, filters=Filters(start=date(2026, 4, 13)))
    assert "from 13 April 2026, 5 sessions, with 1 feedback note" in later.sections[0].alt  # not the 6 April one
    table = next(s.table for s in later.sections if s.key == "before-after-feedback")
    assert list(table["shared_on"]) == [pd.Timestamp("2026-04-20")]
    earlier = over_time(sessions, notes, filters=Filters(end=date(2026, 4, 13)))  # not the 20 April one
    assert "with 1 feedback note marked" in earlier.sections[0].alt
    assert [at for at, _ in earlier.sections[0].drawing["marks"]] == [round(35 / 42, 5)]  # 6 April of 2 Mar-13 Apr


def test_with_a_therapist_chosen_only_feedback_to_them_is_marked() -> None:
    sessions = [r.model_copy(update={"therapist": "Sam" if n < 4 else "Alex"}) for n, r in enumerate(weekly(*[8] * 8))]
    notes = [
        FeedbackNote(body="To Sam", therapist="Sam", shared_on=date(2026, 3, 10)),
        FeedbackNote(body="To Alex", therapist="Alex", shared_on=date(2026, 3, 11)),
        FeedbackNote(body="To no one named", shared_on=date(2026, 3, 12)),
    ]
    marks = over_time(sessions, notes, filters=Filters(therapist="Sam")).sections[0].drawing["marks"]
    assert [tip.split("Note: ")[1] for _, tip in marks] == ["To Sam", "To no one named"]
    everyone = over_time(sessions, notes).sections[0].drawing["marks"]
    assert len(everyone) == 3


def test_a_usual_comes_from_earlier_sessions_even_outside_the_chosen_dates() -> None:
    sessions = weekly(9, 9, 9, 9, 9, 6)
    view = over_time(sessions, filters=Filters(start=sessions[-2].session_date))
    assert [s.key for s in view.sections] == ["overall-connection", "five-parts"]  # nothing else to show yet
    table = view.sections[0].table
    assert list(table["usual"]) == [9.0, 9.0] and list(table["raise_at_or_below"]) == [6, 6]
    [signal] = view.signals
    assert signal.kind == "drop" and [(e.on, e.rating, e.usual) for e in signal.evidence] == [
        (sessions[-1].session_date, 6, 9.0)
    ]


def test_years_of_sessions_are_drawn_and_tabled_as_monthly_averages() -> None:
    sessions = weekly(*([8, 6] * 70), start="2023-01-02")
    section = over_time(sessions).sections[0]
    assert section.about.startswith("Each point is the average of a month's sessions")
    assert len(section.table) < 40 and section.table["sessions"].sum() == 140
    assert drawn_points(section) == as_points(section.table)


def test_a_session_without_ratings_does_not_blank_the_before_and_after_average() -> None:
    sessions = weekly(6, 7, 8, None, 9, 9)
    effect = views.feedback_effect(tuple(sessions), (FeedbackNote(body="n", shared_on=sessions[4].session_date),))
    assert effect.iloc[0]["before"] == 7.0  # the rated sessions before it: 6, 7, 8


# --- the client's own things to rate (issue 14) ---------------------------------------------------

SAFE = OwnItem(label="I felt safe to disagree")
OLD = OwnItem(label="I knew what to try", retired=True)
UNUSED = OwnItem(label="Added, not yet rated")


def test_own_things_are_charted_tabled_and_signalled_with_the_parts() -> None:
    sessions = weekly(9, 9, 9, 9, 9, 9)
    sessions = [
        r.model_copy(update={"own_ratings": {SAFE.id: 5 if n == 5 else 9} | ({OLD.id: 7} if n < 2 else {})})
        for n, r in enumerate(sessions)
    ]
    own = (SAFE, OLD, UNUSED)
    view = views.over_time(sessions, tuple(sessions), (), (), (), DEFAULTS, EVERYTHING, own_items=own)
    sections = {s.key: s for s in view.sections}
    five = sections["five-parts"]
    assert list(five.table["part"].cat.categories)[5:] == [SAFE.label, OLD.label]  # retired, rated: still there
    assert len(five.table) == 6 * 7
    assert drawn(five.spec, list(five.table.columns)) == as_drawn(five.table)  # the Table tab and CSV: what is drawn
    assert five.about.endswith("Below them, your own things to rate, in your words.")
    assert five.alt.endswith("then 2 things of your own to rate.")
    overall = sections["overall-connection"]
    assert not [c for c in overall.table.columns if c.startswith("own_")]  # charted with the parts only
    assert [(s.kind, [(e.rating, e.usual, e.text) for e in s.evidence]) for s in view.signals] == [
        ("low_own", [(5, 9.0, SAFE.label)])
    ]
    later = views.over_time(
        sessions[2:], tuple(sessions), (), (), (), DEFAULTS, Filters(start=sessions[2].session_date), own_items=own
    )
    later_five = next(s for s in later.sections if s.key == "five-parts")
    assert list(later_five.table["part"].cat.categories)[5:] == [SAFE.label]  # the retired one: not rated here
    plain = over_time(sessions)  # a page that passes no own things: as before issue 14
    assert list(plain.sections[1].table["part"].cat.categories) == [
        "Trust",
        "Empathy",
        "Collaboration",
        "Communication",
        "Shared goals",
    ]
    assert plain.sections[1].alt == "Heatmap of the five parts of the relationship over time."


def test_years_of_own_ratings_are_drawn_as_monthly_averages() -> None:
    sessions = [
        r.model_copy(update={"own_ratings": {SAFE.id: r.overall - 2}})  # two below overall, every session
        for r in weekly(*([8, 6] * 70), start="2023-01-02")
    ]
    view = views.over_time(sessions, tuple(sessions), (), (), (), DEFAULTS, EVERYTHING, own_items=(SAFE,))
    five = next(s for s in view.sections if s.key == "five-parts")
    mine = five.table[five.table["part"] == SAFE.label]
    overall = next(s for s in view.sections if s.key == "overall-connection").table
    assert len(mine) == len(overall) < 40  # one a month
    assert list(mine["rating"]) == [round(o - 2, 1) for o in overall["overall"]]
    assert drawn(five.spec, list(five.table.columns)) == as_drawn(five.table)


def test_after_a_save_over_time_and_history_are_built_ahead_of_the_next_click(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook import history, reports

    repo = Repository(tmp_path / "workbook.json")
    fill_with_demo(repo, sessions=30)
    built: list[str] = []
    real_over_time, real_item = views.over_time, history._item
    monkeypatch.setattr(views, "over_time", lambda *a, **k: built.append("over time") or real_over_time(*a, **k))
    monkeypatch.setattr(history, "_item", lambda *a, **k: built.append("history") or real_item(*a, **k))
    views.warm(repo)
    assert built.count("over time") == 1 and "history" in built
    built.clear()
    assert views.over_time_for(repo, reports.Filters()) is not None  # what the page asks for on its first click
    history.all_items(repo)
    assert built == []  # nothing built again: the click only draws
