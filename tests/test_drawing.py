"""workbook.drawing: the overall-connection chart as the Over time page draws it (positions, axis
labels and tooltips), built from real entries through workbook.views. The browser tests draw it."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.conftest import reflection
from workbook import i18n, views
from workbook.drawing import MOST_DATE_LABELS, date_labels
from workbook.models import FeedbackNote, Reflection, SignalThresholds
from workbook.palette import WORDS_ON_MARKS
from workbook.reports import Filters

HOSTILE = "<img src=x onerror=alert(1)> **bold** & [link](javascript:alert(1))"


def drawing(reflections: list[Reflection], notes: tuple[FeedbackNote, ...] = ()) -> dict:
    view = views.over_time(reflections, tuple(reflections), notes, (), (), SignalThresholds(), Filters())
    assert view.sections[0].drawing is not None
    return view.sections[0].drawing


def test_each_session_is_a_point_where_its_day_falls_with_its_numbers_and_words() -> None:
    sessions = [
        reflection("2026-03-02", overall=8, therapist="Dr Rivera", what_helped="Being listened to"),
        reflection("2026-03-12", overall=6),
        Reflection(session_date=date(2026, 3, 22), what_helped="no ratings this time"),
    ]
    shared = FeedbackNote(body="Could we end on time?", shared_on=date(2026, 4, 1))
    drawn = drawing(sessions, (shared,))
    # The dates run from the first session (0) to the last thing drawn, the note shared on 1 April (1).
    spots = [(at, overall) for at, overall, _, _ in drawn["points"]]
    assert spots == [(0.0, 8.0), (round(10 / 30, 5), 6.0), (round(20 / 30, 5), None)]
    assert drawn["points"][1][2] == 7.0  # the dashed line: the average of the last few
    first = drawn["points"][0][3].split("\n")
    assert first[:2] == ["Date: 2 March 2026", "Overall: 8"]
    assert "Therapist: Dr Rivera" in first and "Note: Being listened to" in first
    assert not any("usual" in line for line in first)  # a first session has no usual yet: no words about one
    assert drawn["points"][2][3].split("\n")[1] == "Overall: —"  # left unrated: no point, still in its place
    assert drawn["marks"] == [[1.0, "Feedback shared: 1 April 2026\nNote: Could we end on time?"]]
    assert drawn["mark_word"] == "feedback" and not drawn["crowded"]
    json.dumps(drawn, allow_nan=False)  # a gap reaches the browser as null, never as NaN (not JSON)
    assert [value for value, _ in drawn["y_labels"]] == [0, 2, 4, 6, 8, 10]
    assert drawn["y_title"] == "Overall connection (0–10)"


def test_the_band_follows_the_usual_and_each_point_says_where_it_lies() -> None:
    sessions = [reflection((date(2026, 1, 5) + timedelta(weeks=n)).isoformat(), overall=9) for n in range(6)]
    sessions.append(reflection("2026-02-16", overall=5))
    drawn = drawing(sessions)
    assert drawn["band"] and drawn["band_said"] == "shaded: worth raising"
    assert all(0 <= at <= 1 and 0 <= value <= 10 for at, value in drawn["band"])
    last = drawn["points"][-1][3]
    assert "Your usual before it: 9" in last and "Worth raising at or below: 6" in last


def test_sessions_all_on_one_day_stand_in_the_middle_with_no_band_of_no_width() -> None:
    drawn = drawing([reflection("2026-03-02", overall=7), reflection("2026-03-02", overall=9)])
    assert [at for at, *_ in drawn["points"]] == [0.5, 0.5]
    assert drawn["band"] == [] and drawn["band_said"] == ""
    assert "Worth raising at or below" not in drawn["points"][1][3]  # no usual yet: nothing to measure against


def test_the_clients_words_are_kept_exactly_as_data_never_markup() -> None:
    sessions = [reflection("2026-03-02", overall=7, therapist=HOSTILE[:60] + "\nOverall: 10", what_helped=HOSTILE)]
    sessions.append(reflection("2026-03-09", overall=8))
    drawn = drawing(sessions, (FeedbackNote(body=HOSTILE, shared_on=date(2026, 3, 5)),))
    # As written (the page sets it as text), on one line: a name cannot pose as another line of the tooltip.
    assert f"Therapist: {HOSTILE[:60]} Overall: 10" in drawn["points"][0][3]
    assert "&amp;" not in str(drawn) and "&lt;" not in str(drawn)
    assert drawn["marks"][0][1].endswith(HOSTILE)


def test_a_month_of_sessions_is_dated_by_its_month() -> None:
    sessions = [reflection((date(2023, 1, 2) + timedelta(weeks=n)).isoformat(), overall=8 - n % 2) for n in range(140)]
    view = views.over_time(sessions, tuple(sessions), (), (), (), SignalThresholds(), Filters())
    monthly = view.sections[0].drawing
    assert monthly["points"][0][3].startswith("Date: Jan 2023\n") and "in this month" in monthly["points"][0][3]


def test_many_feedback_lines_are_drawn_thin_and_without_their_word() -> None:
    sessions = [reflection("2025-01-01", overall=7), reflection("2025-03-01", overall=8)]
    notes = tuple(FeedbackNote(body=f"Note {n}", shared_on=date(2025, 1, 2 + n)) for n in range(WORDS_ON_MARKS + 1))
    crowded = drawing(sessions, notes)
    assert len(crowded["marks"]) == WORDS_ON_MARKS + 1 and crowded["crowded"]
    assert not drawing(sessions, notes[:WORDS_ON_MARKS])["crowded"]


def test_date_labels_take_the_finest_step_that_fits_and_stay_inside_the_dates() -> None:
    for first, last, expected in (
        (date(2026, 3, 2), date(2026, 3, 9), ["2 Mar", "3 Mar"]),  # days
        (date(2026, 1, 10), date(2026, 3, 20), ["12 Jan", "19 Jan"]),  # Mondays
        (date(2025, 1, 10), date(2025, 9, 20), ["Feb 2025", "Mar 2025"]),  # months
        (date(2025, 1, 10), date(2026, 3, 20), ["Apr 2025", "Jul 2025"]),  # quarters
        (date(2004, 3, 10), date(2026, 11, 1), ["2006", "2008"]),  # every other year
        (date(2026, 3, 3), date(2026, 3, 15), ["3 Mar", "5 Mar"]),  # one Monday only: every other day
    ):
        labels = date_labels(first, last)
        assert [said for _, said in labels][:2] == expected
        assert 2 <= len(labels) <= MOST_DATE_LABELS
        assert all(first <= day <= last for day, _ in labels)


def test_in_spanish_dates_and_numbers_are_written_the_spanish_way() -> None:
    sessions = [reflection("2026-03-02", overall=7), reflection("2026-03-09", overall=8)]
    with i18n.speaking("es"):
        drawn = drawing(sessions)
        assert drawn["points"][0][3].startswith("Fecha: 2 de marzo de 2026")
        assert "7,5" in drawn["points"][1][3]  # the average of the last few, with a decimal comma
        assert date_labels(date(2025, 1, 10), date(2026, 3, 20))[0][1] == "abr 2025"
