"""Charts, checked through their Vega-Lite specification (chart.to_dict())."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import reflection
from workbook.charts import (
    OKABE_ITO,
    OWN_LABEL_LIMIT,
    WORDS_ON_MARKS,
    before_after_chart,
    connection_chart,
    goals_chart,
    parts_chart,
    wellbeing_chart,
)
from workbook.models import FeedbackNote, OwnItem, SignalThresholds
from workbook.reports import (
    before_after_frame,
    goals_frame,
    own_rated,
    parts_frame,
    sessions_frame,
    shared_feedback_frame,
    wellbeing_frame,
    with_usual,
)
from workbook.signals import find_signals

REFLECTIONS = [reflection(f"2026-03-{d:02d}", overall=o) for d, o in ((2, 8), (9, 5), (16, 9), (23, 10))]
SESSIONS = with_usual(sessions_frame(REFLECTIONS), REFLECTIONS, SignalThresholds())
SHARED = shared_feedback_frame([FeedbackNote(body="We ran out of time again", shared_on=date(2026, 3, 10))])


def layers(chart) -> list[dict]:  # type: ignore[no-untyped-def]
    return chart.to_dict()["layer"]


def test_connection_chart_has_points_line_rolling_mean_zone_and_feedback_marks() -> None:
    spec = connection_chart(SESSIONS, SHARED).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["area", "text", "line", "line", "circle", "rule", "text"]
    assert spec["layer"][0]["encoding"]["y"]["field"] == "raise_at_or_below"
    rolling = spec["layer"][3]
    assert rolling["mark"]["strokeDash"] and rolling["encoding"]["y"]["field"] == "rolling"
    points = spec["layer"][4]
    assert {t["field"] for t in points["encoding"]["tooltip"]} >= {"date", "overall", "usual_shown", "note"}
    [usual] = points["transform"]  # the usual as written, or a dash for a first session (never "null")
    assert "datum.usual" in usual["calculate"] and "'—'" in usual["calculate"]
    assert {t["field"] for t in spec["layer"][0]["encoding"]["tooltip"]} == {"date", "raise_at_or_below"}
    assert spec["layer"][2]["encoding"]["y"]["scale"]["domain"] == [0, 10]
    rule = spec["layer"][5]
    feedback = spec["datasets"][rule["data"]["name"]]
    assert [row["note"] for row in feedback] == ["We ran out of time again"]
    assert {t["title"] for t in rule["encoding"]["tooltip"]} == {"Feedback shared", "Note"}


def test_connection_chart_without_shared_feedback_has_no_marks() -> None:
    marks = [layer["mark"]["type"] for layer in layers(connection_chart(SESSIONS, SHARED.iloc[0:0]))]
    assert "rule" not in marks
    bare = [layer["mark"]["type"] for layer in layers(connection_chart(sessions_frame(REFLECTIONS), SHARED))]
    assert "area" not in bare  # no usual worked out: nothing to shade


def test_years_of_shared_feedback_keep_their_lines_but_not_a_pile_of_words() -> None:
    many = shared_feedback_frame(
        [FeedbackNote(body=f"Note {n}", shared_on=date(2025, 1, 1 + n)) for n in range(WORDS_ON_MARKS + 1)]
    )
    marks = [layer["mark"]["type"] for layer in layers(connection_chart(SESSIONS, many))]
    assert marks.count("rule") == 1 and marks.count("text") == 1  # every line; only the band's own word
    few = shared_feedback_frame([FeedbackNote(body=f"Note {n}", shared_on=date(2025, 1, 1 + n)) for n in range(3)])
    assert [layer["mark"]["type"] for layer in layers(connection_chart(SESSIONS, few))].count("text") == 2


def test_parts_heatmap_has_one_row_per_part_and_a_colour_blind_safe_scheme() -> None:
    spec = parts_chart(parts_frame(SESSIONS)).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["y"]["sort"] == ["Trust", "Empathy", "Collaboration", "Communication", "Shared goals"]
    assert spec["encoding"]["color"]["scale"] == {"scheme": "viridis", "domain": [0, 10]}


def test_before_after_chart_shows_both_means_with_shape_as_well_as_colour() -> None:
    frame = before_after_frame(SESSIONS, SHARED)
    spec = before_after_chart(frame).to_dict()
    point = spec["layer"][1]
    assert point["encoding"]["shape"]["scale"]["range"] == ["square", "circle"]
    values = spec["datasets"][spec["data"]["name"]] if "data" in spec else next(iter(spec["datasets"].values()))
    assert sorted(v["mean"] for v in values) == [6.5, 9.5]


def test_wellbeing_and_goal_charts_use_the_palette_and_tooltips() -> None:
    linked = reflection("2026-03-02")
    spec = wellbeing_chart(wellbeing_frame([], [linked])).to_dict()
    assert spec["mark"]["type"] == "circle" and spec["mark"]["color"] == OKABE_ITO[0]
    goal_spec = goals_chart(goals_frame([], ())).to_dict()
    assert goal_spec["encoding"]["color"]["scale"]["range"] == OKABE_ITO
    assert goal_spec["encoding"]["y"]["scale"]["domain"] == [-2, 2]


def test_wellbeing_axes_show_whole_numbers_only() -> None:
    spec = wellbeing_chart(wellbeing_frame([], [])).to_dict()
    assert spec["encoding"]["x"]["axis"]["values"] == list(range(11))
    assert all(v == int(v) for v in spec["encoding"]["y"]["axis"]["values"])


def test_the_shaded_band_follows_the_signal_rule() -> None:
    thresholds = SignalThresholds()
    days = [f"2026-03-{d:02d}" for d in range(1, 22, 2)]
    items = [reflection(day, overall=o) for day, o in zip(days, (9, 6, 9, 9, 9, 8, 6, 9, 5, 9, 4), strict=True)]
    frame = with_usual(sessions_frame(items), items, thresholds)
    spec = connection_chart(frame, SHARED.iloc[0:0]).to_dict()
    [band] = [layer for layer in spec["layer"] if layer["mark"]["type"] == "area"]
    rows = spec["datasets"][band["data"]["name"]] if "data" in band else spec["datasets"][spec["data"]["name"]]
    tops = [row["raise_at_or_below"] for row in rows]
    assert tops[:3] == [None, None, None]  # no usual yet: nothing to measure against, no band
    assert max(t for t in tops if t is not None) == 6  # the usual of 9 less the margin of 3; never the old 0-9
    inside = {
        row["date"][:10]
        for row in rows
        if row["raise_at_or_below"] is not None and row["overall"] <= row["raise_at_or_below"]
    }
    flagged = {
        e.on.isoformat() for s in find_signals(items, (), thresholds) for e in s.evidence if e.measure == "overall"
    }
    assert inside == flagged == {"2026-03-13", "2026-03-17", "2026-03-21"}


def test_a_long_goal_wraps_in_the_legend_to_fit_a_phone() -> None:
    import re

    import vl_convert

    from workbook.models import Goal, ProgressRating

    long = "Feel able to speak up in meetings at work without rehearsing it for days beforehand"
    goals = [
        Goal(
            title=title,
            progress=(ProgressRating(on=date(2026, 3, 2), rating=-1), ProgressRating(on=date(2026, 4, 2), rating=1)),
        )
        for title in (long, "Sleep better")
    ]
    spec = goals_chart(goals_frame(goals, ())).properties(width=300).to_dict()  # a phone's chart width
    svg = vl_convert.vegalite_to_svg(spec)
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(lines) == long and all(len(line) <= 40 for line in lines)  # every word, on short lines
    assert ">Sleep better</text>" in svg  # a short goal stays one line
    assert int(re.search(r'<svg[^>]* width="(\d+)"', svg)[1]) <= 390  # nothing wider than the phone
    shorter = goals_chart(goals_frame(goals[1:], ())).to_dict()
    assert spec["height"] - shorter["height"] >= 60  # room for the longer legend: the plot is not squeezed


# --- the client's own things to rate (issue 14) ---------------------------------------------------


def own_heatmap(*items: OwnItem, ratings: dict[str, int] | None = None) -> dict:
    rated = [
        reflection(f"2026-03-{d:02d}", own_ratings=ratings or {i.id: 4 + n for n, i in enumerate(items)})
        for d in (2, 9)
    ]
    own = own_rated(rated, items)
    return parts_chart(parts_frame(sessions_frame(rated, own=own), own)).to_dict()


def test_own_things_are_rows_after_the_five_parts_in_the_same_scheme() -> None:
    safe, retired = OwnItem(label="I felt safe to disagree"), OwnItem(label="I did the homework", retired=True)
    spec = own_heatmap(safe, retired)
    parts = ["Trust", "Empathy", "Collaboration", "Communication", "Shared goals"]
    assert spec["encoding"]["y"]["sort"] == [*parts, "I felt safe to disagree", "I did the homework"]
    assert spec["encoding"]["color"]["scale"] == {"scheme": "viridis", "domain": [0, 10]}
    assert spec["height"] == 7 * 38  # each row as tall as a part's
    rows = next(iter(spec["datasets"].values()))
    assert {(r["part"], r["rating"]) for r in rows if r["part"] not in parts} == {
        ("I felt safe to disagree", 4),
        ("I did the homework", 5),  # retired, and still charted: it was rated in these sessions
    }
    assert spec["encoding"]["y"]["axis"] == {"labelLimit": OWN_LABEL_LIMIT}  # a long one cannot squeeze the map


def test_without_own_things_the_heatmap_is_as_before() -> None:
    spec = parts_chart(parts_frame(SESSIONS)).to_dict()
    assert spec["height"] == 190 and "axis" not in spec["encoding"]["y"]
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Date", "Part", "Rating", "Note"]


def test_a_hostile_own_label_is_drawn_as_text() -> None:
    import vl_convert

    hostile = OwnItem(label='<b>bold</b> **x** [img](http://example.com/a.png) "quoted" \u202eשלום ' + "long " * 10)
    spec = own_heatmap(hostile)
    svg = vl_convert.vegalite_to_svg(spec)
    assert "<b>" not in svg and "&lt;b&gt;bold&lt;/b&gt;" in svg  # text in the picture, never markup
    assert "\u202e" not in svg and "…" in svg  # nothing that reorders the line; a long label is cut short


def test_a_chart_in_another_language_carries_its_month_names_and_decimal_comma(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbook import i18n

    assert "locale" not in connection_chart(SESSIONS, SHARED).to_dict().get("config", {})  # English: Vega's own
    with i18n.speaking("es"):
        spec = connection_chart(SESSIONS, SHARED).to_dict()
    locale = spec["config"]["locale"]
    assert locale["time"]["months"][1] == "febrero" and locale["time"]["days"][0] == "domingo"
    assert locale["number"]["decimal"] == ","
