"""Frames for the charts: values pinned with pandas.testing."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandas.testing as pdt
import pytest

from tests.conftest import checkin, goal, reflection
from workbook.models import FeedbackNote, GoalProgress, OwnItem, ProgressRating, SignalThresholds
from workbook.reports import (
    SESSION_COLUMNS,
    Filters,
    before_after_frame,
    chosen,
    csv_of,
    for_chart,
    goals_for_chart,
    goals_frame,
    own_names,
    own_rated,
    parts_frame,
    sessions_frame,
    shared_feedback_frame,
    wellbeing_frame,
    with_usual,
)
from workbook.wording import own_measure


def sessions(*overalls: int, start: int = 1) -> list:
    return [reflection(f"2026-03-{start + i:02d}", overall=o, trust=o) for i, o in enumerate(overalls)]


def test_sessions_frame_has_each_session_oldest_first_with_average_and_rolling_mean() -> None:
    frame = sessions_frame(list(reversed(sessions(8, 6, 10, 4))), window=2)
    assert list(frame["date"].dt.strftime("%d")) == ["01", "02", "03", "04"]
    pdt.assert_series_equal(frame["overall"], pd.Series([8, 6, 10, 4], name="overall"))
    pdt.assert_series_equal(frame["rolling"], pd.Series([8.0, 7.0, 8.0, 7.0], name="rolling"))
    # trust follows overall; empathy 8, collaboration 7, communication 8, shared goals 7
    pdt.assert_series_equal(frame["average"], pd.Series([7.6, 7.2, 8.0, 6.8], name="average"))


def test_an_empty_workbook_gives_empty_frames_with_the_right_columns() -> None:
    frame = sessions_frame([])
    assert frame.empty and "overall" in frame.columns
    assert parts_frame(frame).empty
    assert shared_feedback_frame([]).empty
    assert before_after_frame(frame, shared_feedback_frame([])).empty


def test_parts_frame_is_long_with_readable_names_in_order() -> None:
    frame = parts_frame(sessions_frame(sessions(9)))
    assert list(frame["part"]) == ["Trust", "Empathy", "Collaboration", "Communication", "Shared goals"]
    assert list(frame["rating"]) == [9, 8, 7, 8, 7]


def test_before_and_after_each_shared_note_uses_its_own_sessions() -> None:
    frame = sessions_frame(sessions(5, 6, 7, 9, 9, 4, 4, start=1))
    notes = [
        FeedbackNote(body="first", shared_on=date(2026, 3, 3)),
        FeedbackNote(body="second", shared_on=date(2026, 3, 6)),
        FeedbackNote(body="a draft"),
    ]
    result = before_after_frame(frame, shared_feedback_frame(notes), window=2)
    expected = pd.DataFrame(
        {
            "shared_on": pd.to_datetime(["2026-03-03", "2026-03-06"]).astype(result["shared_on"].dtype),
            "note": ["first", "second"],
            "before": [5.5, 9.0],  # the two sessions before each note
            "after": [8.0, 4.0],  # after the first: 3rd to 5th, stopping at the second note; two at most
            "sessions_before": [2, 2],
            "sessions_after": [2, 2],
            "change": [2.5, -5.0],
        }
    )
    pdt.assert_frame_equal(result, expected)


def test_wellbeing_is_matched_to_the_session_it_came_before() -> None:
    before = checkin(wellbeing=3)
    linked = reflection("2026-03-02", overall=9).model_copy(update={"checkin_id": before.id})
    unlinked = reflection("2026-03-09", overall=5)
    frame = wellbeing_frame([before], [linked, unlinked])
    assert list(frame[["wellbeing", "overall"]].itertuples(index=False, name=None)) == [(3, 9)]


def test_goal_progress_comes_from_the_goal_page_and_reflections() -> None:
    target = goal("Sleep", progress=(ProgressRating(on=date(2026, 3, 1), rating=-1),))
    session = reflection("2026-03-05", goals=(GoalProgress(goal_id=target.id, rating=1, note="better"),))
    frame = goals_frame([target], (session,))
    assert list(frame["rating"]) == [-1, 1]
    assert list(frame["from"]) == ["goal page", "reflection"]


def test_filters_choose_by_date_therapist_and_privacy() -> None:
    items = [
        reflection("2026-01-05", therapist="Sam"),
        reflection("2026-02-05", therapist="Ana", private=True),
        reflection("2026-03-05", therapist="Sam"),
    ]
    assert len(chosen(items, Filters(start=date(2026, 2, 1)))) == 2
    assert [r.therapist for r in chosen(items, Filters(therapist="Ana"))] == ["Ana"]
    assert len(chosen(items, Filters(include_private=False))) == 2


def test_csv_has_plain_dates() -> None:
    text = csv_of(sessions_frame(sessions(8))).decode()
    assert text.splitlines()[1].startswith("2026-03-01,")


def test_a_few_sessions_are_charted_one_by_one() -> None:
    frame = sessions_frame(sessions(8, 6))
    shown, unit = for_chart(frame)
    assert unit == "session" and shown is frame


def test_years_of_sessions_are_charted_as_monthly_averages() -> None:
    many = [reflection(f"2026-{m:02d}-{d:02d}", overall=o) for m in (1, 2) for d, o in ((5, 6), (12, 8), (19, 10))]
    shown, unit = for_chart(sessions_frame(many), most=4)
    assert unit == "month"
    assert list(shown["date"].dt.strftime("%Y-%m")) == ["2026-01", "2026-02"]
    assert list(shown["overall"]) == [8.0, 8.0] and list(shown["sessions"]) == [3, 3]
    assert shown["note"].iloc[0] == "average of 3 sessions in this month"
    quarterly, unit = for_chart(sessions_frame(many), most=1)  # January and February share a quarter
    assert unit == "quarter" and len(quarterly) == 1 and list(quarterly["sessions"]) == [6]


def test_many_goal_ratings_are_charted_as_monthly_averages() -> None:
    target = goal("Sleep")
    ratings = tuple(ProgressRating(on=date(2026, 1 + d // 28, 1 + d % 28), rating=(d % 3) - 1) for d in range(56))
    frame = goals_frame([target.model_copy(update={"progress": ratings})], ())
    few, unit = goals_for_chart(frame)
    assert unit == "rating" and len(few) == 56
    monthly, unit = goals_for_chart(frame, most=10)
    assert unit == "month" and list(monthly["ratings"]) == [28, 28]
    assert list(monthly["rating"]) == [round(sum((d % 3) - 1 for d in range(28)) / 28, 1)] * 2


def test_each_session_carries_its_usual_and_where_raising_starts() -> None:
    history = sessions(9, 8, 9, 6, 9)
    frame = with_usual(sessions_frame(history[1:]), history, SignalThresholds())  # the usual looks back further
    # 8 and 9 have one and two sessions before them: no usual yet; then the middle of 9, 8, 9 and of 9, 8, 9, 6
    pdt.assert_series_equal(frame["usual"], pd.Series([float("nan"), float("nan"), 9.0, 8.5], name="usual"))
    # Nothing is worth raising before the usual exists; then the usual less 3
    nan = float("nan")
    pdt.assert_series_equal(frame["raise_at_or_below"], pd.Series([nan, nan, 6.0, 5.5], name="raise_at_or_below"))
    assert list(frame.columns).index("usual") == list(frame.columns).index("rolling") + 1


def test_monthly_averages_average_the_band_too() -> None:
    many = [reflection(f"2026-{m:02d}-{d:02d}", overall=o) for m in (1, 2) for d, o in ((5, 6), (12, 8), (19, 10))]
    shown, unit = for_chart(with_usual(sessions_frame(many), many, SignalThresholds()), most=4)
    assert unit == "month"
    # January: no usual yet, so no band; February: the usuals 8, 7 and 8, less 3 (at least the low level 5)
    assert pd.isna(shown["raise_at_or_below"].iloc[0]) and list(shown["raise_at_or_below"])[1:] == [5.0]


# --- the client's own things to rate (issue 14) ---------------------------------------------------

SAFE = OwnItem(label="I felt safe to disagree")
HOMEWORK = OwnItem(label="I knew what to try before next time", retired=True)
UNUSED = OwnItem(label="Never rated yet")


def test_own_things_rated_in_the_sessions_are_kept_in_the_clients_order_retired_ones_too() -> None:
    items = [
        reflection("2026-03-01", own_ratings={HOMEWORK.id: 4}),
        reflection("2026-03-08", own_ratings={SAFE.id: 7}),
    ]
    assert own_rated(items, (SAFE, HOMEWORK, UNUSED)) == (SAFE, HOMEWORK)
    assert own_rated(items[1:], (SAFE, HOMEWORK, UNUSED)) == (SAFE,)  # the retired one is not rated here
    assert own_rated(items, ()) == ()


def test_own_things_are_rows_after_the_five_parts_in_the_clients_words() -> None:
    items = [
        reflection("2026-03-08", trust=9, own_ratings={SAFE.id: 7}),
        reflection("2026-03-01", trust=6, own_ratings={SAFE.id: 4, HOMEWORK.id: 2}),
    ]
    sessions = sessions_frame(items, own=(SAFE, HOMEWORK))
    assert list(sessions.columns) == [*SESSION_COLUMNS, own_measure(SAFE.id), own_measure(HOMEWORK.id)]
    frame = parts_frame(sessions, (SAFE, HOMEWORK))
    rows = ["Trust", "Empathy", "Collaboration", "Communication", "Shared goals", SAFE.label, HOMEWORK.label]
    expected = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-03-01"] * 7 + ["2026-03-08"] * 7).astype(frame["date"].dtype),
            "note": [""] * 14,
            "part": pd.Categorical(rows * 2, rows),
            "rating": [6.0, 8, 7, 8, 7, 4, 2, 9, 8, 7, 8, 7, 7, float("nan")],  # not rated: a gap, not a 0
        }
    )
    pdt.assert_frame_equal(frame, expected)


def test_without_own_things_the_frames_are_as_before() -> None:
    items = [reflection("2026-03-01", own_ratings={SAFE.id: 4})]
    assert list(sessions_frame(items).columns) == SESSION_COLUMNS
    assert list(parts_frame(sessions_frame(items))["part"].cat.categories) == [
        "Trust",
        "Empathy",
        "Collaboration",
        "Communication",
        "Shared goals",
    ]


def test_own_things_worded_alike_or_like_a_part_get_rows_of_their_own() -> None:
    twin, part = OwnItem(label="I felt  safe to\ndisagree"), OwnItem(label="Trust")
    hostile = OwnItem(label="\u202e**bold** [x](http://example.com/a.png)")
    names = own_names((SAFE, twin, part, hostile))
    assert list(names.values()) == [
        "I felt safe to disagree",
        "I felt safe to disagree (2)",  # the same words on one line: told apart
        "Trust (2)",  # not merged into the part called Trust
        "**bold** [x](http://example.com/a.png)",  # kept as typed, but nothing that reorders the line
    ]
    assert list(names) == [own_measure(i.id) for i in (SAFE, twin, part, hostile)]


def test_years_of_own_ratings_are_averaged_with_the_parts() -> None:
    many = [
        reflection(f"2026-{m:02d}-{d:02d}", own_ratings={SAFE.id: r} if r is not None else {})
        for m in (1, 2)
        for d, r in ((5, 6), (12, None), (19, 9))
    ]
    shown, unit = for_chart(sessions_frame(many, own=(SAFE,)), most=4)
    assert unit == "month"
    assert list(shown[own_measure(SAFE.id)]) == [7.5, 7.5]  # the sessions that rated it: 6 and 9
    assert list(parts_frame(shown, (SAFE,))["part"].cat.categories)[-1] == SAFE.label


def test_csv_headers_are_column_ids_in_english_and_frames_keep_them_in_any_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workbook import i18n
    from workbook.reports import column_headers

    frame = sessions_frame(sessions(8, 6))
    assert csv_of(frame).decode().splitlines()[0] == ",".join(frame.columns)
    assert all(key == header for key, header in column_headers().items())
    with i18n.speaking("es"):
        assert list(sessions_frame(sessions(8, 6)).columns) == list(frame.columns)  # ids, read by code
        assert next(iter(parts_frame(frame)["part"].cat.categories)) == i18n._("Trust") != "Trust"  # shown words


def test_no_csv_cell_or_header_runs_as_a_spreadsheet_formula() -> None:
    # Issue 26: a hostile import's `=HYPERLINK(...)` was written raw and ran when the CSV was opened.
    import csv
    import io

    from workbook.models import OwnItem, Settings
    from workbook.reports import entries_frame

    formulas = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1", " =1"]
    item = OwnItem(label="=cmd|' /C calc'!A0")
    items = [
        reflection(f"2026-03-{n + 2:02d}", overall=8, what_helped=text, therapist=text[:40], own_ratings={item.id: 5})
        for n, text in enumerate(formulas)
    ]
    for frame in (entries_frame(items, Settings(own_items=(item,))), sessions_frame(items)):
        rows = list(csv.reader(io.StringIO(csv_of(frame).decode(), newline="")))
        for row in rows:
            for cell in row:
                assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell
        said = " ".join(" ".join(row) for row in rows).split()
        for text in formulas:  # still readable: the words as written (spacing aside), after one quote mark
            assert "'" + text.split()[0] in said or "'" + text[:40].split()[0] in said
    numbers = csv_of(pd.DataFrame({"progress": [-2, 1]})).decode().splitlines()
    assert numbers == ["progress", "-2", "1"]  # a negative number is a number, not a formula
