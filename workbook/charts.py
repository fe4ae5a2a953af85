"""Altair charts built from the frames in `workbook.reports`; no Streamlit.

Colours are from the Okabe-Ito palette (`workbook.palette`); meaning never rests on colour alone
(lines are also dashed or labelled). Every chart has tooltips with the date and the start of the note.

Every title, legend and tooltip is in the language spoken when the chart is built; the data's columns
keep their English names (ids, not words shown). In another language than English, the chart also
carries that language's month and day names and its decimal comma (`_in_language`).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from . import i18n
from .drawing import overall_title
from .i18n import _, pgettext
from .models import ALLIANCE_PARTS
from .palette import BLUE, GREEN, OKABE_ITO, ORANGE, WORDS_ON_MARKS, ZONE

RATING = alt.Scale(domain=[0, 10], nice=False)
# A legend label (a goal, in the client's words) broken into lines of up to 40 characters at spaces,
# so a long goal fits a phone's width (390 px) instead of being cut off.
WRAP_LABEL = r"split(trim(replace(datum.label, /(.{1,40})(\s+|$)/g, '$1\n')), '\n')"
ROW_HEIGHT = 38  # one row of the five-parts heatmap: five rows make its usual 190 pixels
OWN_LABEL_LIMIT = 150  # pixels of an own thing's words on the heatmap's axis; Vega ends a longer one with …


def _long_date_format() -> str:
    # TRANSLATORS: a date in a chart's tooltip, as a d3 time format: %-d the day, %B the month's name,
    # %Y the year ("9 February 2026"). Words between them are kept as written ("%-d de %B de %Y").
    return pgettext("chart date format", "%-d %B %Y")


def _short_date_format() -> str:
    # TRANSLATORS: a date on a chart's axis, as a d3 time format: %-d the day, %b the month's short
    # name, %Y the year ("9 Feb 2026").
    return pgettext("chart date format", "%-d %b %Y")


def _date_axis() -> alt.Axis:
    return alt.Axis(format=_short_date_format(), labelAngle=0, title=None, labelOverlap="greedy")


def _tooltip_date(field: str = "date", title: str | None = None) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:T", title=title or _("Date"), format=_long_date_format())


def _note() -> alt.Tooltip:
    # TRANSLATORS: a tooltip's title over the start of what the client wrote about a session.
    return alt.Tooltip("note:N", title=_("Note"))


def _in_language(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart as the language spoken writes dates and numbers: its month and day names, its decimal
    comma. English charts are left as they are (Vega's own names are English)."""
    if i18n.current() == i18n.DEFAULT:
        return chart
    from babel import Locale

    here = Locale.parse(i18n.current())
    days = [str(here.days["format"]["wide"][d]) for d in (6, 0, 1, 2, 3, 4, 5)]  # d3 starts on Sunday
    short_days = [str(here.days["format"]["abbreviated"][d]) for d in (6, 0, 1, 2, 3, 4, 5)]
    months = [str(here.months["format"]["wide"][m]) for m in range(1, 13)]
    short_months = [str(here.months["format"]["abbreviated"][m]).rstrip(".") for m in range(1, 13)]
    periods = [str(here.day_periods["format"]["abbreviated"].get(p, p.upper())) for p in ("am", "pm")]
    time = alt.TimeLocale(
        dateTime="%x, %X",
        date="%-d/%-m/%Y",
        time="%H:%M:%S",
        periods=periods,
        days=days,
        shortDays=short_days,
        months=months,
        shortMonths=short_months,
    )
    number = alt.NumberLocale(
        decimal=here.number_symbols["latn"]["decimal"],
        thousands=here.number_symbols["latn"]["group"],
        grouping=[3],
        currency=["", ""],
    )
    return chart.configure(locale=alt.Locale(number=number, time=time))


def connection_chart(sessions: pd.DataFrame, shared: pd.DataFrame, *, worth_raising: bool = True) -> alt.LayerChart:
    """Overall connection per session, its rolling mean, the 'worth raising' band, feedback marks.

    The band is the frame's `raise_at_or_below` column (`reports.with_usual`): it follows the client's
    own usual, the same rule as the signals, so a point inside it is a session listed as worth raising.
    Without that column there is no band (nothing to measure against). `worth_raising=False` leaves
    the band and its label out whatever the frame holds: the chart in a note for the therapist shows
    only the client's own ratings, nothing that grades the relationship for them.
    """
    start = sessions["date"].min()
    layers: list[alt.Chart] = []
    if worth_raising and "raise_at_or_below" in sessions.columns:
        layers.append(
            alt.Chart(sessions)
            .mark_area(color=ZONE, opacity=0.16, interpolate="step")
            .encode(
                x="date:T",
                y=alt.Y("raise_at_or_below:Q", scale=RATING),
                tooltip=[_tooltip_date(), alt.Tooltip("raise_at_or_below:Q", title=_("Worth raising at or below"))],
            )
        )
        layers.append(
            alt.Chart(pd.DataFrame({"date": [start], "y": [0.2], "text": [_("shaded: worth raising")]}))
            .mark_text(align="left", baseline="bottom", dx=4, color="#8a5a00", fontSize=11)
            .encode(x="date:T", y="y:Q", text="text:N", tooltip=alt.value(None))
        )
    base = alt.Chart(sessions).encode(x=alt.X("date:T", axis=_date_axis()))
    line = base.mark_line(color=BLUE, strokeWidth=1.5, opacity=0.6).encode(
        y=alt.Y("overall:Q", scale=RATING, title=_("Overall connection (0–10)"))
    )
    has_usual = "usual" in sessions.columns
    # A first session has no usual yet: said as a dash, not as "null".
    usual = [alt.Tooltip("usual_shown:N", title=_("Your usual before it"))] if has_usual else []
    dots = base.transform_calculate(usual_shown="isValid(datum.usual) ? format(datum.usual, '.1f') : '—'")
    points = (
        (dots if has_usual else base)
        .mark_circle(color=BLUE, size=60)
        .encode(
            y="overall:Q",
            tooltip=[
                _tooltip_date(),
                alt.Tooltip("overall:Q", title=overall_title()),
                *usual,
                alt.Tooltip("therapist:N", title=_("Therapist")),
                _note(),
            ],
        )
    )
    rolling = base.mark_line(color=BLUE, strokeDash=[6, 4], strokeWidth=2.5).encode(
        y="rolling:Q",
        tooltip=[_tooltip_date(), alt.Tooltip("rolling:Q", title=_("Average of the last few"), format=".1f")],
    )
    layers += [line, rolling, points]
    if not shared.empty:
        marks = alt.Chart(shared).encode(x="date:T")
        layers.append(
            marks.mark_rule(color=GREEN, strokeWidth=2).encode(
                tooltip=[_tooltip_date(title=_("Feedback shared")), _note()]
            )
        )
        if len(shared) <= WORDS_ON_MARKS:  # more would pile up into an unreadable smudge (and slow the page)
            # TRANSLATORS: a short word written along the line that marks a day feedback was shared.
            word = pgettext("chart mark", "feedback")
            layers.append(
                marks.mark_text(text=word, angle=270, align="left", dx=-4, dy=-6, color=GREEN, fontSize=10).encode(
                    y=alt.value(4)
                )
            )
    return _in_language(alt.layer(*layers).properties(height=300))


def parts_chart(parts: pd.DataFrame) -> alt.Chart:
    """The five parts as a heatmap, one column per session: viridis runs from dark (0) to light (10),
    so a weak part shows as a darker row.

    The client's own things to rate (`reports.parts_frame`) are rows below the parts, each as tall as
    a part's; a long one is cut short on the axis (its tooltip has it whole).
    """
    rows = list(parts["part"].cat.categories) if hasattr(parts["part"], "cat") else None
    own = rows is not None and len(rows) > len(ALLIANCE_PARTS)
    axis = alt.Axis(labelLimit=OWN_LABEL_LIMIT) if own else alt.Undefined
    # TRANSLATORS: a date on a chart's axis, as a d3 time format: %-d the day, %b the month's short name ("9 Feb").
    day_month = pgettext("chart date format", "%-d %b")
    return _in_language(
        alt.Chart(parts)
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "date:O",
                timeUnit="yearmonthdate",
                axis=alt.Axis(format=day_month, labelAngle=-45, title=None, labelOverlap="greedy"),
            ),
            y=alt.Y("part:N", sort=rows, title=None, axis=axis),
            color=alt.Color("rating:Q", scale=alt.Scale(scheme="viridis", domain=[0, 10]), title=_("Rating")),
            tooltip=[
                _tooltip_date(),
                # TRANSLATORS: a tooltip's title: a part of the relationship, or a thing of the client's own rated.
                alt.Tooltip("part:N", title=_("Rated") if own else pgettext("a part of the relationship", "Part")),
                alt.Tooltip("rating:Q", title=_("Rating")),
                _note(),
            ],
        )
        .properties(height=ROW_HEIGHT * max(len(rows or ()), len(ALLIANCE_PARTS)))
    )


def before_after_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """For each shared note, the mean connection before and after it, joined by a line."""
    long = frame.melt(id_vars=["shared_on", "note"], value_vars=["before", "after"], var_name="when", value_name="mean")
    # TRANSLATORS: the sessions before and after a shared feedback note (a chart's legend).
    before, after = pgettext("sessions and feedback", "Before"), pgettext("sessions and feedback", "After")
    long["when"] = long["when"].map({"before": before, "after": after})
    base = alt.Chart(long).encode(
        y=alt.Y("shared_on:O", timeUnit="yearmonthdate", title=None, axis=alt.Axis(format=_short_date_format())),
        x=alt.X("mean:Q", scale=RATING, title=_("Average overall connection")),
    )
    return _in_language(
        alt.layer(
            base.mark_line(color="#999999").encode(detail="shared_on:T"),
            base.mark_point(size=110, filled=True).encode(
                color=alt.Color("when:N", scale=alt.Scale(domain=[before, after], range=[ORANGE, BLUE]), title=None),
                shape=alt.Shape(
                    "when:N", scale=alt.Scale(domain=[before, after], range=["square", "circle"]), title=None
                ),
                tooltip=[
                    _tooltip_date("shared_on", title=_("Feedback shared")),
                    alt.Tooltip("when:N", title=_("Sessions")),
                    alt.Tooltip("mean:Q", title=_("Average"), format=".1f"),
                    _note(),
                ],
            ),
        ).properties(height=max(160, 48 * len(frame)))
    )


def wellbeing_chart(frame: pd.DataFrame) -> alt.Chart:
    """How I had been before a session (x) against how connected I felt in it (y).

    Ratings are whole numbers, so many sessions share a spot; a small fixed spread (the same every
    time) lets each one be seen and hovered.
    """
    spread = [((i * 37) % 9 - 4) / 24 for i in range(len(frame))]
    jittered = frame.assign(
        x=frame["wellbeing"] + spread, y=frame["overall"] + [((i * 53) % 7 - 3) / 20 for i in range(len(frame))]
    )
    return _in_language(
        alt.Chart(jittered)
        .mark_circle(size=70, color=BLUE, opacity=0.7)
        .encode(
            x=alt.X(
                "x:Q",
                scale=alt.Scale(domain=[-0.5, 10.5], nice=False),
                axis=alt.Axis(values=list(range(11))),
                title=_("How I had been before the session (0–10)"),
            ),
            y=alt.Y(
                "y:Q",
                scale=alt.Scale(domain=[-0.5, 10.5], nice=False),
                axis=alt.Axis(values=list(range(0, 11, 2))),
                title=_("How connected I felt (0–10)"),
            ),
            tooltip=[
                _tooltip_date(),
                alt.Tooltip("wellbeing:Q", title=_("How I had been")),
                alt.Tooltip("overall:Q", title=_("Connection")),
                _note(),
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
        x=alt.X("date:T", axis=_date_axis()),
        y=alt.Y(
            "rating:Q",
            scale=alt.Scale(domain=[-2, 2]),
            axis=alt.Axis(values=[-2, -1, 0, 1, 2]),
            title=_("Progress (−2 to +2)"),
        ),
        color=alt.Color(
            "goal:N",
            scale=alt.Scale(range=OKABE_ITO),
            legend=alt.Legend(orient="bottom", columns=1, labelExpr=WRAP_LABEL, labelLimit=300),
            title=None,
        ),
    )
    return _in_language(
        base.mark_line(point=True, interpolate="step-after")
        .encode(
            tooltip=[
                _tooltip_date(),
                alt.Tooltip("goal:N", title=_("Goal")),
                alt.Tooltip("rating:Q", title=_("Progress")),
                _note(),
            ]
        )
        .properties(height=height)
    )
