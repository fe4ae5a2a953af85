"""Altair charts built from the frames in `workbook.reports`; no Streamlit.

Colours are from the Okabe-Ito palette, which people with any common colour-vision difference can
tell apart; meaning never rests on colour alone (lines are also dashed or labelled). Every chart has
tooltips with the date and the start of the note.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from .models import ALLIANCE_PARTS

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
BLUE, ORANGE, GREEN = OKABE_ITO[:3]
ZONE = "#E69F00"
DATE_AXIS = alt.Axis(format="%-d %b %Y", labelAngle=0, title=None, labelOverlap="greedy")
RATING = alt.Scale(domain=[0, 10], nice=False)
# A legend label (a goal, in the client's words) broken into lines of up to 40 characters at spaces,
# so a long goal fits a phone's width (390 px) instead of being cut off.
WRAP_LABEL = r"split(trim(replace(datum.label, /(.{1,40})(\s+|$)/g, '$1\n')), '\n')"
ROW_HEIGHT = 38  # one row of the five-parts heatmap: five rows make its usual 190 pixels
OWN_LABEL_LIMIT = 150  # pixels of an own thing's words on the heatmap's axis; Vega ends a longer one with …


def _tooltip_date(field: str = "date") -> alt.Tooltip:
    return alt.Tooltip(f"{field}:T", title="Date", format="%-d %B %Y")


def connection_chart(sessions: pd.DataFrame, shared: pd.DataFrame) -> alt.LayerChart:
    """Overall connection per session, its rolling mean, the 'worth raising' band, feedback marks.

    The band is the frame's `raise_at_or_below` column (`reports.with_usual`): it follows the client's
    own usual, the same rule as the signals, so a point inside it is a session listed as worth raising.
    Without that column there is no band (nothing to measure against).
    """
    start = sessions["date"].min()
    layers: list[alt.Chart] = []
    if "raise_at_or_below" in sessions.columns:
        layers.append(
            alt.Chart(sessions)
            .mark_area(color=ZONE, opacity=0.16, interpolate="step")
            .encode(x="date:T", y=alt.Y("raise_at_or_below:Q", scale=RATING))
        )
        layers.append(
            alt.Chart(pd.DataFrame({"date": [start], "y": [0.2], "text": ["shaded: worth raising"]}))
            .mark_text(align="left", baseline="bottom", dx=4, color="#8a5a00", fontSize=11)
            .encode(x="date:T", y="y:Q", text="text:N")
        )
    base = alt.Chart(sessions).encode(x=alt.X("date:T", axis=DATE_AXIS))
    line = base.mark_line(color=BLUE, strokeWidth=1.5, opacity=0.6).encode(
        y=alt.Y("overall:Q", scale=RATING, title="Overall connection (0–10)")
    )
    usual = [alt.Tooltip("usual:Q", title="Your usual before it", format=".1f")] if "usual" in sessions.columns else []
    points = base.mark_circle(color=BLUE, size=60).encode(
        y="overall:Q",
        tooltip=[
            _tooltip_date(),
            alt.Tooltip("overall:Q", title="Overall"),
            *usual,
            alt.Tooltip("therapist:N", title="Therapist"),
            alt.Tooltip("note:N", title="Note"),
        ],
    )
    rolling = base.mark_line(color=BLUE, strokeDash=[6, 4], strokeWidth=2.5).encode(
        y="rolling:Q",
        tooltip=[_tooltip_date(), alt.Tooltip("rolling:Q", title="Average of the last few", format=".1f")],
    )
    layers += [line, rolling, points]
    if not shared.empty:
        marks = alt.Chart(shared).encode(x="date:T")
        layers.append(
            marks.mark_rule(color=GREEN, strokeWidth=2).encode(
                tooltip=[
                    alt.Tooltip("date:T", title="Feedback shared", format="%-d %B %Y"),
                    alt.Tooltip("note:N", title="Note"),
                ]
            )
        )
        layers.append(
            marks.mark_text(text="feedback", angle=270, align="left", dx=-4, dy=-6, color=GREEN, fontSize=10).encode(
                y=alt.value(4)
            )
        )
    return alt.layer(*layers).properties(height=300)


def parts_chart(parts: pd.DataFrame) -> alt.Chart:
    """The five parts as a heatmap, one column per session: viridis runs from dark (0) to light (10),
    so a weak part shows as a darker row.

    The client's own things to rate (`reports.parts_frame`) are rows below the parts, each as tall as
    a part's; a long one is cut short on the axis (its tooltip has it whole).
    """
    rows = list(parts["part"].cat.categories) if hasattr(parts["part"], "cat") else None
    own = rows is not None and len(rows) > len(ALLIANCE_PARTS)
    axis = alt.Axis(labelLimit=OWN_LABEL_LIMIT) if own else alt.Undefined
    return (
        alt.Chart(parts)
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "date:O",
                timeUnit="yearmonthdate",
                axis=alt.Axis(format="%-d %b", labelAngle=-45, title=None, labelOverlap="greedy"),
            ),
            y=alt.Y("part:N", sort=rows, title=None, axis=axis),
            color=alt.Color("rating:Q", scale=alt.Scale(scheme="viridis", domain=[0, 10]), title="Rating"),
            tooltip=[
                _tooltip_date(),
                alt.Tooltip("part:N", title="Rated" if own else "Part"),
                alt.Tooltip("rating:Q", title="Rating"),
                alt.Tooltip("note:N", title="Note"),
            ],
        )
        .properties(height=ROW_HEIGHT * max(len(rows or ()), len(ALLIANCE_PARTS)))
    )


def before_after_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """For each shared note, the mean connection before and after it, joined by a line."""
    long = frame.melt(id_vars=["shared_on", "note"], value_vars=["before", "after"], var_name="when", value_name="mean")
    long["when"] = long["when"].map({"before": "Before", "after": "After"})
    base = alt.Chart(long).encode(
        y=alt.Y("shared_on:O", timeUnit="yearmonthdate", title=None, axis=alt.Axis(format="%-d %b %Y")),
        x=alt.X("mean:Q", scale=RATING, title="Average overall connection"),
    )
    return alt.layer(
        base.mark_line(color="#999999").encode(detail="shared_on:T"),
        base.mark_point(size=110, filled=True).encode(
            color=alt.Color("when:N", scale=alt.Scale(domain=["Before", "After"], range=[ORANGE, BLUE]), title=None),
            shape=alt.Shape(
                "when:N", scale=alt.Scale(domain=["Before", "After"], range=["square", "circle"]), title=None
            ),
            tooltip=[
                alt.Tooltip("shared_on:T", title="Feedback shared", format="%-d %B %Y"),
                alt.Tooltip("when:N", title="Sessions"),
                alt.Tooltip("mean:Q", title="Average", format=".1f"),
                alt.Tooltip("note:N", title="Note"),
            ],
        ),
    ).properties(height=max(160, 48 * len(frame)))


def wellbeing_chart(frame: pd.DataFrame) -> alt.Chart:
    """How I had been before a session (x) against how connected I felt in it (y).

    Ratings are whole numbers, so many sessions share a spot; a small fixed spread (the same every
    time) lets each one be seen and hovered.
    """
    spread = [((i * 37) % 9 - 4) / 24 for i in range(len(frame))]
    jittered = frame.assign(
        x=frame["wellbeing"] + spread, y=frame["overall"] + [((i * 53) % 7 - 3) / 20 for i in range(len(frame))]
    )
    return (
        alt.Chart(jittered)
        .mark_circle(size=70, color=BLUE, opacity=0.7)
        .encode(
            x=alt.X(
                "x:Q",
                scale=alt.Scale(domain=[-0.5, 10.5], nice=False),
                axis=alt.Axis(values=list(range(11))),
                title="How I had been before the session (0–10)",
            ),
            y=alt.Y(
                "y:Q",
                scale=alt.Scale(domain=[-0.5, 10.5], nice=False),
                axis=alt.Axis(values=list(range(0, 11, 2))),
                title="How connected I felt (0–10)",
            ),
            tooltip=[
                _tooltip_date(),
                alt.Tooltip("wellbeing:Q", title="How I had been"),
                alt.Tooltip("overall:Q", title="Connection"),
                alt.Tooltip("note:N", title="Note"),
            ],
        )
        .properties(height=280)
    )


def goals_chart(frame: pd.DataFrame) -> alt.Chart:
    """Each goal's progress ratings over time on its -2..+2 ladder.

    The legend sits below the plot, one goal a row, each wrapped at 40 characters (WRAP_LABEL); the
    chart is drawn at a fixed total height, so it grows with the legend and the plot keeps its room.
    """
    goals = [str(goal) for goal in pd.unique(frame["goal"])]
    wrapped_lines = sum(max(len(textwrap.wrap(goal, 40)), 1) for goal in goals)
    height = 220 + 30 * len(goals) + 16 * (wrapped_lines - len(goals))
    base = alt.Chart(frame).encode(
        x=alt.X("date:T", axis=DATE_AXIS),
        y=alt.Y(
            "rating:Q",
            scale=alt.Scale(domain=[-2, 2]),
            axis=alt.Axis(values=[-2, -1, 0, 1, 2]),
            title="Progress (−2 to +2)",
        ),
        color=alt.Color(
            "goal:N",
            scale=alt.Scale(range=OKABE_ITO),
            legend=alt.Legend(orient="bottom", columns=1, labelExpr=WRAP_LABEL, labelLimit=300),
            title=None,
        ),
    )
    return (
        base.mark_line(point=True, interpolate="step-after")
        .encode(
            tooltip=[
                _tooltip_date(),
                alt.Tooltip("goal:N", title="Goal"),
                alt.Tooltip("rating:Q", title="Progress"),
                alt.Tooltip("note:N", title="Note"),
            ]
        )
        .properties(height=height)
    )
