"""pandas frames of the workbook, for the charts, their tables and their CSV downloads.

Each function takes entries and returns a tidy frame with stable column names; no Streamlit, no
Altair. Dates are `datetime64` days so charts and filters treat them as time. The client's own
things to rate are columns named by their id (`wording.own_measure`), after the fixed columns, and
rows after the five parts in `parts_frame`, named in the client's words.

Column names are ids that code reads, in English in every language; a CSV download names its columns
in the language spoken (`csv_of`, `column_headers`). The words in a frame's cells that are the app's
own (a part's name, "average of 3 sessions in this month") are in the language spoken when it is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from .i18n import _, ngettext, pgettext
from .loop import ProgressPoint, goal_progress
from .models import ALLIANCE_PARTS, CheckIn, FeedbackNote, Goal, OwnItem, Reflection, Settings, SignalThresholds
from .signals import raise_at_or_below, usual_by_session
from .text import ladder, printable, snippet
from .wording import LADDER, OWN, PARTS, own_label, own_measure

# The "last few sessions" the chart's rolling mean and the before/after comparison cover. Shorter on
# purpose than the signals' usual (signals.USUAL_WINDOW, 10 sessions, a median): this follows a change
# for the eye; the usual is a steady baseline that one hard session does not move.
ROLLING_WINDOW = 4
SESSION_COLUMNS = ["date", "therapist", *ALLIANCE_PARTS, "overall", "average", "rolling", "note", "private", "id"]


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    therapist: str = ""
    include_private: bool = True

    def keep(self, reflection: Reflection) -> bool:
        return (
            (self.start is None or reflection.session_date >= self.start)
            and (self.end is None or reflection.session_date <= self.end)
            and (not self.therapist or reflection.therapist == self.therapist)
            and (self.include_private or not reflection.private)
        )


def chosen(reflections: Iterable[Reflection], filters: Filters) -> list[Reflection]:
    return [r for r in reflections if filters.keep(r)]


def _note(reflection: Reflection) -> str:
    return snippet(reflection.what_helped or reflection.insights or reflection.feelings_after or "", 60)


def own_rated(reflections: Iterable[Reflection], items: Iterable[OwnItem]) -> tuple[OwnItem, ...]:
    """The own things to rate (in the client's order) rated at least once in these sessions.

    Retired ones too: their past ratings are still theirs. One never rated here has nothing to show.
    """
    rated = {key for r in reflections for key in r.own_ratings}
    return tuple(i for i in items if i.id in rated)


def own_names(items: Sequence[OwnItem]) -> dict[str, str]:
    """Each own thing's column and the name it is shown by: the client's words, on one line.

    A chart draws one row per name, so two things worded alike (or one called "Trust") are told apart.
    """
    taken = {_(PARTS[p][0]) for p in ALLIANCE_PARTS}
    names: dict[str, str] = {}
    for item in items:
        name, n = own_label(item.label), 1
        while name in taken:
            n += 1
            name = f"{own_label(item.label)} ({n})"
        taken.add(name)
        names[own_measure(item.id)] = name
    return names


def sessions_frame(
    reflections: Iterable[Reflection], window: int = ROLLING_WINDOW, own: Sequence[OwnItem] = ()
) -> pd.DataFrame:
    """One row per session, oldest first: the five parts, overall, their average and a rolling mean.

    Then a column for each of the `own` things to rate (NaN where a session did not rate it).
    """
    rows = [
        {
            "date": r.session_date,
            "therapist": r.therapist,
            **r.ratings(),
            "overall": r.overall,
            "note": _note(r),
            "private": r.private,
            "id": r.id,
            **{own_measure(i.id): r.own_ratings.get(i.id) for i in own},
        }
        for r in reflections
    ]
    columns = [own_measure(i.id) for i in own]
    frame = pd.DataFrame(rows, columns=[c for c in SESSION_COLUMNS if c not in ("average", "rolling")] + columns)
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    parts = frame[list(ALLIANCE_PARTS)].astype("float64")
    frame["average"] = parts.mean(axis=1).round(1)
    frame["rolling"] = frame["overall"].astype("float64").rolling(window, min_periods=1).mean().round(2)
    frame[columns] = frame[columns].astype("float64")
    return frame[SESSION_COLUMNS + columns]


def own_columns(sessions: pd.DataFrame) -> list[str]:
    """The sessions frame's own-thing columns, in the client's order."""
    return [c for c in sessions.columns if c.startswith(OWN)]


def with_usual(sessions: pd.DataFrame, history: Iterable[Reflection], thresholds: SignalThresholds) -> pd.DataFrame:
    """`sessions` with each one's usual before it and the rating at or below which it is worth raising.

    The same rule as the signals (workbook.signals), so the chart's shaded band holds exactly the
    sessions that are listed as worth raising; before the usual exists there is no band (NaN).
    `history` must include the sessions themselves.
    """
    usual = usual_by_session(history, "overall", thresholds)
    before = [usual.get(i) for i in sessions["id"]]
    frame = sessions.copy()
    tops = [raise_at_or_below(u, thresholds) for u in before]
    frame.insert(frame.columns.get_loc("rolling") + 1, "usual", pd.Series(before, index=frame.index, dtype="float64"))
    frame.insert(
        frame.columns.get_loc("usual") + 1, "raise_at_or_below", pd.Series(tops, index=frame.index, dtype="float64")
    )
    return frame


MAX_POINTS = 120  # more points than this and a chart is neither readable nor quick


def for_chart(sessions: pd.DataFrame, most: int = MAX_POINTS) -> tuple[pd.DataFrame, str]:
    """The sessions as a chart should show them, and what one point is.

    Up to `most` sessions: one point each. More (years of sessions): averages per month, or per
    quarter or year when even months are too many, so ten years draw as quickly as one.
    """
    if len(sessions) <= most:
        return sessions, "session"
    columns = [*ALLIANCE_PARTS, "overall", "average"]
    columns += [c for c in ("usual", "raise_at_or_below") if c in sessions.columns]  # the band, averaged too
    columns += own_columns(sessions)
    for freq, unit in (("MS", "month"), ("QS", "quarter"), ("YS", "year")):
        grouped = sessions.groupby(pd.Grouper(key="date", freq=freq))
        counts = grouped.size()
        if (counts > 0).sum() <= most or unit == "year":
            break
    means = grouped[columns].mean().round(1)[counts > 0]
    frame = means.reset_index()
    frame["sessions"] = counts[counts > 0].to_numpy()
    frame["rolling"] = frame["overall"].rolling(3, min_periods=1).mean().round(2)
    frame["therapist"] = ""
    frame["note"] = [_average_of_sessions(n, unit) for n in frame["sessions"]]
    return frame[["date", "sessions", *columns, "rolling", "therapist", "note"]], unit


def _average_of_sessions(count: int, unit: str) -> str:
    """A point's note when it stands for many sessions: "average of 3 sessions in this month"."""
    if unit == "month":
        said = ngettext("average of {count} session in this month", "average of {count} sessions in this month", count)
    elif unit == "quarter":
        said = ngettext(
            "average of {count} session in this quarter", "average of {count} sessions in this quarter", count
        )
    else:
        said = ngettext("average of {count} session in this year", "average of {count} sessions in this year", count)
    return said.format(count=count)


def parts_frame(sessions: pd.DataFrame, own: Sequence[OwnItem] = ()) -> pd.DataFrame:
    """The five parts in long form: one row per session and part, in the parts' order.

    Then the `own` things to rate that the sessions have a column for, named in the client's words.
    """
    names = {p: _(PARTS[p][0]) for p in ALLIANCE_PARTS}
    names |= {column: name for column, name in own_names(own).items() if column in sessions.columns}
    long = sessions.melt(id_vars=["date", "note"], value_vars=list(names), var_name="part", value_name="rating")
    long["part"] = pd.Categorical(long["part"].map(names), list(names.values()))
    return long.sort_values(["date", "part"], kind="stable").reset_index(drop=True)


def shared_feedback_frame(notes: Iterable[FeedbackNote]) -> pd.DataFrame:
    """Feedback notes that were shared: the date and the start of the note."""
    rows = [{"date": n.shared_on, "note": snippet(n.body, 80)} for n in notes if n.shared_on]
    frame = pd.DataFrame(rows, columns=["date", "note"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def before_after_frame(sessions: pd.DataFrame, shared: pd.DataFrame, window: int = ROLLING_WINDOW) -> pd.DataFrame:
    """For each shared note: mean overall connection over up to `window` sessions before it and after it.

    "After" stops at the next shared note, so each note is judged on its own sessions. Sessions are in
    date order, so each note's sessions are found by binary search, not by scanning them all.
    """
    rows = []
    rated = sessions[sessions["overall"].notna()]  # a session left unrated says nothing either way
    days = rated["date"].to_numpy()
    overall = rated["overall"].to_numpy(dtype="float64")
    dates = list(shared["date"])
    for index, when in enumerate(dates):
        first_after = int(days.searchsorted(when.to_datetime64(), side="left"))
        next_note = dates[index + 1].to_datetime64() if index + 1 < len(dates) else None
        stop = int(days.searchsorted(next_note, side="left")) if next_note is not None else len(days)
        before = overall[max(0, first_after - window) : first_after]
        after = overall[first_after : min(stop, first_after + window)]
        if not len(before) or not len(after):
            continue
        rows.append(
            {
                "shared_on": when,
                "note": shared["note"].iloc[index],
                "before": round(float(before.mean()), 2),
                "after": round(float(after.mean()), 2),
                "sessions_before": len(before),
                "sessions_after": len(after),
            }
        )
    frame = pd.DataFrame(rows, columns=["shared_on", "note", "before", "after", "sessions_before", "sessions_after"])
    frame["change"] = (frame["after"] - frame["before"]).round(2)
    return frame


def wellbeing_frame(checkins: Iterable[CheckIn], reflections: Iterable[Reflection]) -> pd.DataFrame:
    """How I had been before each session (check-in) next to how connected I felt in it."""
    by_id = {c.id: c for c in checkins}
    rows = [
        {"date": r.session_date, "wellbeing": by_id[r.checkin_id].wellbeing, "overall": r.overall, "note": _note(r)}
        for r in reflections
        if r.checkin_id in by_id and by_id[r.checkin_id].wellbeing is not None and r.overall is not None
    ]
    frame = pd.DataFrame(rows, columns=["date", "wellbeing", "overall", "note"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def goals_frame(goals: Iterable[Goal], reflections: tuple[Reflection, ...]) -> pd.DataFrame:
    """Every goal's progress ratings over time, on its -2..+2 ladder."""
    rows = [
        {
            "goal": goal.title,
            "date": point.on,
            "rating": point.rating,
            "note": snippet(point.note, 60),
            "from": _(point.source),
        }
        for goal in goals
        for point in goal_progress(goal, reflections)
    ]
    frame = pd.DataFrame(rows, columns=["goal", "date", "rating", "note", "from"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.sort_values(["goal", "date"], kind="stable").reset_index(drop=True)


def goals_for_chart(progress: pd.DataFrame, most: int = 3 * MAX_POINTS) -> tuple[pd.DataFrame, str]:
    """Goal ratings as a chart should show them: each one, or monthly averages when there are many."""
    if len(progress) <= most:
        return progress, "rating"
    monthly = (
        progress.groupby(["goal", pd.Grouper(key="date", freq="MS")])["rating"]
        .agg(["mean", "size"])
        .reset_index()
        .rename(columns={"mean": "rating", "size": "ratings"})
    )
    monthly["rating"] = monthly["rating"].round(1)
    monthly["note"] = [
        ngettext("average of {count} rating this month", "average of {count} ratings this month", n).format(count=n)
        for n in monthly["ratings"]
    ]
    monthly["from"] = ""
    return monthly[["goal", "date", "rating", "note", "from", "ratings"]], "month"


def progress_table(points: list[ProgressPoint]) -> pd.DataFrame:
    """A goal's progress ratings as the goals page lists them, newest first."""
    return (
        pd.DataFrame(
            {
                "Date": [p.on for p in points],
                "Progress": [ladder(p.rating) for p in points],
                "Meaning": [_(LADDER[p.rating]) for p in points],
                "Note": [p.note for p in points],
                "From": [_(p.source) for p in points],
            },
            columns=["Date", "Progress", "Meaning", "Note", "From"],
        )
        .iloc[::-1]
        .reset_index(drop=True)
    )


def column_headers() -> dict[str, str]:
    """Each column id a frame or an entry may have, as a CSV download names it in the language spoken
    (in English: the id itself, as it always was)."""
    # TRANSLATORS: the columns of a downloaded table (CSV), named as in the workbook's file. Keep them
    # short, without spaces, as "session_date" is: a spreadsheet or a script reads them.
    return {
        "date": pgettext("CSV column", "date"),
        "therapist": pgettext("CSV column", "therapist"),
        "trust": pgettext("CSV column", "trust"),
        "empathy": pgettext("CSV column", "empathy"),
        "collaboration": pgettext("CSV column", "collaboration"),
        "communication": pgettext("CSV column", "communication"),
        "shared_goals": pgettext("CSV column", "shared_goals"),
        "overall": pgettext("CSV column", "overall"),
        "average": pgettext("CSV column", "average"),
        "rolling": pgettext("CSV column", "rolling"),
        "note": pgettext("CSV column", "note"),
        "private": pgettext("CSV column", "private"),
        "id": pgettext("CSV column", "id"),
        "usual": pgettext("CSV column", "usual"),
        "raise_at_or_below": pgettext("CSV column", "raise_at_or_below"),
        "sessions": pgettext("CSV column", "sessions"),
        "part": pgettext("CSV column", "part"),
        "rating": pgettext("CSV column", "rating"),
        "shared_on": pgettext("CSV column", "shared_on"),
        "before": pgettext("CSV column", "before"),
        "after": pgettext("CSV column", "after"),
        "sessions_before": pgettext("CSV column", "sessions_before"),
        "sessions_after": pgettext("CSV column", "sessions_after"),
        "change": pgettext("CSV column", "change"),
        "wellbeing": pgettext("CSV column", "wellbeing"),
        "goal": pgettext("CSV column", "goal"),
        "from": pgettext("CSV column", "from"),
        "ratings": pgettext("CSV column", "ratings"),
        "created_at": pgettext("CSV column", "created_at"),
        "updated_at": pgettext("CSV column", "updated_at"),
        "title": pgettext("CSV column", "title"),
        "why_it_matters": pgettext("CSV column", "why_it_matters"),
        "magic_wand": pgettext("CSV column", "magic_wand"),
        "first_step": pgettext("CSV column", "first_step"),
        "ladder": pgettext("CSV column", "ladder"),
        "agreed_with_therapist": pgettext("CSV column", "agreed_with_therapist"),
        "status": pgettext("CSV column", "status"),
        "progress": pgettext("CSV column", "progress"),
        "session_date": pgettext("CSV column", "session_date"),
        "trend": pgettext("CSV column", "trend"),
        "what_happened": pgettext("CSV column", "what_happened"),
        "homework_worked": pgettext("CSV column", "homework_worked"),
        "homework_hard": pgettext("CSV column", "homework_hard"),
        "topics": pgettext("CSV column", "topics"),
        "questions": pgettext("CSV column", "questions"),
        "hard_to_say": pgettext("CSV column", "hard_to_say"),
        "safety_concern": pgettext("CSV column", "safety_concern"),
        "own_answers": pgettext("CSV column", "own_answers"),
        "checkin_id": pgettext("CSV column", "checkin_id"),
        "agenda": pgettext("CSV column", "agenda"),
        "what_helped": pgettext("CSV column", "what_helped"),
        "what_did_not_help": pgettext("CSV column", "what_did_not_help"),
        "insights": pgettext("CSV column", "insights"),
        "feelings_after": pgettext("CSV column", "feelings_after"),
        "unsaid": pgettext("CSV column", "unsaid"),
        "next_steps": pgettext("CSV column", "next_steps"),
        "goals": pgettext("CSV column", "goals"),
        "own_ratings": pgettext("CSV column", "own_ratings"),
        "period_start": pgettext("CSV column", "period_start"),
        "period_end": pgettext("CSV column", "period_end"),
        "body": pgettext("CSV column", "body"),
        "includes_private": pgettext("CSV column", "includes_private"),
        "response": pgettext("CSV column", "response"),
        "agreed_changes": pgettext("CSV column", "agreed_changes"),
        "name": pgettext("CSV column", "name"),
        "language": pgettext("CSV column", "language"),
        "therapists": pgettext("CSV column", "therapists"),
        "crisis_country": pgettext("CSV column", "crisis_country"),
        "crisis_lines": pgettext("CSV column", "crisis_lines"),
        "thresholds": pgettext("CSV column", "thresholds"),
        "backups_to_keep": pgettext("CSV column", "backups_to_keep"),
        "idle_lock_minutes": pgettext("CSV column", "idle_lock_minutes"),
        "own_items": pgettext("CSV column", "own_items"),
        "own_questions": pgettext("CSV column", "own_questions"),
        "calendar": pgettext("CSV column", "calendar"),
    }


# A cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): =, +, -, @, or a tab or line
# break before them. `=HYPERLINK(...)` from an imported workbook would run when the CSV is opened.
_FORMULA_START = tuple("=+-@\t\r\n")


def inert(value: object) -> object:
    """A text cell that a spreadsheet would run, made plain text as OWASP advises: a leading single quote
    (which spreadsheets show as nothing but "this is text"); every other value as it is."""
    if not isinstance(value, str):
        return value
    value = printable(value)  # no NUL or ESC in a cell: a reader may stop at one
    return "'" + value if value.lstrip(" ").startswith(_FORMULA_START) else value


def csv_of(frame: pd.DataFrame) -> bytes:
    """A frame as CSV for download; dates as plain days, columns named in the language spoken (a
    column of the client's own, named in their words, is left as it is). No text cell or header can
    run as a spreadsheet formula (`inert`); numbers, negative ones too, stay numbers."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
        elif not pd.api.types.is_numeric_dtype(out[column]):  # text, of whatever dtype pandas gave it
            out[column] = out[column].astype(object).map(inert)
    headers = column_headers()
    out = out.rename(columns=lambda c: inert(headers.get(c, c)) if isinstance(c, str) else c)
    # Lines end in CR LF (RFC 4180), so a cell holding either break is quoted: with "\n" alone, a cell's
    # lone "\r" went out unquoted and a spreadsheet began a new row there, formula first.
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def entries_frame(entries: Iterable[object], settings: Settings | None = None) -> pd.DataFrame:
    """Entries of one kind as a flat table for CSV: one row each, nested parts as JSON text. With the
    `settings`, each own thing rated and own question answered is a column of its own, named in the
    client's words ("Own rating: I felt safe to disagree")."""
    import json

    # TRANSLATORS: a column of a downloaded table; {label} is one of the client's own things to rate, in their words.
    items = {i.id: _("Own rating: {label}").format(label=i.label) for i in settings.own_items} if settings else {}
    questions = (
        # TRANSLATORS: a column of a downloaded table; {question} is the client's own question, in their words.
        {q.id: _("Own question: {question}").format(question=q.prompt) for q in settings.own_questions}
        if settings
        else {}
    )
    rows = []
    for entry in entries:
        row = entry.model_dump(mode="json")  # type: ignore[attr-defined]
        own: dict[str, object] = {}
        if settings is not None:
            for key, names in (("own_ratings", items), ("own_answers", questions)):
                for ident, value in (row.pop(key, None) or {}).items():
                    own[names.get(ident, f"{key}: {ident}")] = value
        flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in row.items()}
        rows.append(flat | own)
    return pd.DataFrame(rows)
