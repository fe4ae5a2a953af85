"""Charts, checked through their Vega-Lite specification (chart.to_dict())."""

from __future__ import annotations

from datetime import date

from tests.conftest import reflection
from workbook.charts import OKABE_ITO, before_after_chart, connection_chart, goals_chart, parts_chart, wellbeing_chart
from workbook.models import FeedbackNote
from workbook.reports import (
    before_after_frame,
    goals_frame,
    parts_frame,
    sessions_frame,
    shared_feedback_frame,
    wellbeing_frame,
)

SESSIONS = sessions_frame([reflection(f"2026-03-{d:02d}", overall=o) for d, o in ((2, 8), (9, 5), (16, 9), (23, 10))])
SHARED = shared_feedback_frame([FeedbackNote(body="We ran out of time again", shared_on=date(2026, 3, 10))])


def layers(chart) -> list[dict]:  # type: ignore[no-untyped-def]
    return chart.to_dict()["layer"]


def test_connection_chart_has_points_line_rolling_mean_zone_and_feedback_marks() -> None:
    spec = connection_chart(SESSIONS, SHARED, threshold=9).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rect", "text", "line", "line", "circle", "rule", "text"]
    zone = spec["layer"][0]
    assert spec["datasets"][zone["data"]["name"]][0]["high"] == 9  # the band stops at the threshold
    rolling = spec["layer"][3]
    assert rolling["mark"]["strokeDash"] and rolling["encoding"]["y"]["field"] == "rolling"
    points = spec["layer"][4]
    assert {t["field"] for t in points["encoding"]["tooltip"]} >= {"date", "overall", "note"}
    assert spec["layer"][2]["encoding"]["y"]["scale"]["domain"] == [0, 10]
    rule = spec["layer"][5]
    feedback = spec["datasets"][rule["data"]["name"]]
    assert [row["note"] for row in feedback] == ["We ran out of time again"]
    assert {t["title"] for t in rule["encoding"]["tooltip"]} == {"Feedback shared", "Note"}


def test_connection_chart_without_shared_feedback_has_no_marks() -> None:
    marks = [layer["mark"]["type"] for layer in layers(connection_chart(SESSIONS, SHARED.iloc[0:0], 9))]
    assert "rule" not in marks


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
