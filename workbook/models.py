"""The entries of a workbook: Goal, CheckIn, Reflection, FeedbackNote and Settings.

All limits (ratings 0-10, goal ladder -2..+2, text lengths, dates, how many items a list may hold)
are declared here, on the models, so there is one place that says what valid data is.
`workbook.validation` turns pydantic's errors into messages a person understands. Models are frozen:
change one with `model_copy(update=...)`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sized
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from . import i18n
from .i18n import N_, _, ngettext
from .text import quoted

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 100_000  # about 15,000 words in one box: a long reflection fits with room to spare
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)
ALLIANCE_PARTS = ("trust", "empathy", "collaboration", "communication", "shared_goals")
# Every list has a ceiling, so that a hand-made file cannot hold an entry too big to show or save.
# Each is far above real use: a goal rated every weekly session for ten years has about 520 ratings;
# the app writes at most 3 topics (4 agenda items with a safety concern) and one rating per goal.
MAX_PROGRESS_RATINGS = 5_000
MAX_TOPICS = 3
MAX_AGENDA_ITEMS = 50
MAX_GOALS_TOUCHED = 200
MAX_THERAPISTS = 100
MAX_CRISIS_LINES = 50
# The client's own things to rate and own questions (issue 14): a few in use at a time, and every one
# ever used kept (retired), so that past answers keep their words.
MAX_OWN_ITEMS = 5  # own things to rate in use at once
MAX_OWN_QUESTIONS = 10  # own questions in use at once
MAX_OWN_KEPT = 100  # in use and retired together
OWN_TEXT_MAX = 120  # "I felt safe to disagree": a short statement, one line on a phone
MAX_SCHEDULES = 10
MAX_SCHEDULE_CHANGES = 500


_CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _real_uuid(value: str) -> str:
    if _CANONICAL_ID.fullmatch(value):  # as the app writes them: already what uuid.UUID would give back
        return value
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise ValueError(_("must be an id like 3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70")) from None


def _sane_date(value: date) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(
            # TRANSLATORS: the two dates are written as in a file: 1900-01-01, 2200-12-31.
            _("must be a date between {earliest} and {latest}").format(earliest=EARLIEST_DATE, latest=LATEST_DATE)
        )
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError(_("must include a time zone, like 2026-03-14T18:00:00Z"))
    return value.astimezone(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(UTC)


def _happened(value: date) -> date:
    # One day of slack: the client's time zone may be ahead of this machine's.
    if value > date.today() + timedelta(days=1):
        raise ValueError(_("is in the future; choose a day up to today"))
    return value


EntryId = Annotated[str, AfterValidator(_real_uuid)]
Day = Annotated[date, AfterValidator(_sane_date)]
PastDay = Annotated[date, AfterValidator(_sane_date), AfterValidator(_happened)]  # something that has happened
Moment = Annotated[datetime, AfterValidator(_aware)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=SHORT_TEXT_MAX)]
LongText = Annotated[str, StringConstraints(max_length=LONG_TEXT_MAX)]
Rating = Annotated[int, Field(strict=True, ge=0, le=10)]


def _no_direction_overrides(value: str) -> str:
    # An override (U+202A-202E, U+2066-2069) would turn the app's own words around it backwards.
    return value.translate(_OVERRIDES).strip()


def _some_words(value: str) -> str:
    if not value:
        raise ValueError(_("cannot be empty"))
    return value


_OVERRIDES = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
OwnText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=OWN_TEXT_MAX),
    AfterValidator(_no_direction_overrides),
    AfterValidator(_some_words),
]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=SHORT_TEXT_MAX), AfterValidator(_no_direction_overrides)
]
LadderLevel = Annotated[int, Field(strict=True, ge=-2, le=2)]


@dataclass(frozen=True)
class AtMost:
    """A list's (or dict's) most items, counted before any item is looked at: pydantic's own max_length
    is checked only after every item is validated, so a list of a million bad items would cost seconds
    and a million errors. Declared on the type: `Annotated[tuple[Topic, ...], AtMost(3)]`. Anything
    that cannot be counted first (a generator, built in code) still meets pydantic's own check."""

    max_length: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        schema = handler(source)
        schema["max_length"] = self.max_length  # type: ignore[typeddict-unknown-key]
        return core_schema.no_info_before_validator_function(self._count, schema)

    def _count(self, value: Any) -> Any:
        if isinstance(value, Sized) and not isinstance(value, str | bytes) and len(value) > self.max_length:
            raise PydanticCustomError(
                "too_long",
                "should have at most {max_length} items, not {actual_length}",
                {"field_type": type(value).__name__, "max_length": self.max_length, "actual_length": len(value)},
            )
        return value


class Part(BaseModel):
    """A piece of an entry (a topic, a progress rating): frozen, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Entry(Part):
    """Every stored record: a stable id and when it was created and last changed."""

    # What each kind of entry is, declared once; the storage tables, export sections and page labels
    # are all derived from these (see ENTRY_TYPES below).
    kind: ClassVar[str]  # its name in code: "checkin"
    label: ClassVar[str]  # in a sentence: "check-in"
    table: ClassVar[str]  # its table in the workbook file: "checkins"
    section: ClassVar[str | None]  # its list in an export ("checkins"); None: a single record of its own
    id: EntryId = Field(default_factory=new_id, title=N_("Id"))
    created_at: Moment = Field(default_factory=now, title=N_("Created"))
    updated_at: Moment = Field(default_factory=now, title=N_("Last changed"))


# --- Goals -------------------------------------------------------------------------------------

GoalStatus = Literal["active", "achieved", "paused", "let_go"]
LADDER_LEVELS = (-2, -1, 0, 1, 2)


class ProgressRating(Part):
    """How far a goal has come on its ladder, on a day (-2 much less than expected ... +2 much more)."""

    on: PastDay = Field(title=N_("Date"))
    rating: LadderLevel = Field(title=N_("Progress"))
    note: LongText = Field("", title=N_("Note"))


class Goal(Entry):
    kind: ClassVar[str] = "goal"
    table: ClassVar[str] = "goals"
    section: ClassVar[str | None] = "goals"
    label: ClassVar[str] = N_("goal")

    title: ShortText = Field(title=N_("Goal"), min_length=1)
    why_it_matters: LongText = Field("", title=N_("Why it matters"))
    magic_wand: LongText = Field("", title=N_("What would be different"))
    first_step: LongText = Field("", title=N_("A first step"))
    ladder: Annotated[dict[str, LongText], AtMost(len(LADDER_LEVELS))] = Field(default_factory=dict, title=N_("Ladder"))
    agreed_with_therapist: bool = Field(False, title=N_("Agreed with my therapist"))
    status: GoalStatus = Field("active", title=N_("Status"))
    progress: Annotated[tuple[ProgressRating, ...], AtMost(MAX_PROGRESS_RATINGS)] = Field(
        (), title=N_("Progress ratings")
    )

    @field_validator("ladder")
    @classmethod
    def _ladder_levels(cls, ladder: dict[str, str]) -> dict[str, str]:
        allowed = {str(level) for level in LADDER_LEVELS}
        for key in ladder:
            if key not in allowed:
                raise ValueError(_("has a level “{level}”; levels are -2, -1, 0, 1 and 2").format(level=quoted(key)))
        return {key: ladder[key] for key in sorted(ladder, key=int)}


# --- Check-ins ---------------------------------------------------------------------------------

Trend = Literal["better", "same", "worse"]


class CheckIn(Entry):
    """Before a session: how things have been, and what to bring."""

    kind: ClassVar[str] = "checkin"
    table: ClassVar[str] = "checkins"
    section: ClassVar[str | None] = "checkins"
    label: ClassVar[str] = N_("check-in")

    session_date: Day | None = Field(None, title=N_("Session date"))
    therapist: ShortText = Field("", title=N_("Therapist"))
    wellbeing: Rating | None = Field(None, title=N_("How I have been"))  # None: not rated, never a made-up 5
    trend: Trend | None = Field(None, title=N_("Better, same or worse"))
    what_happened: LongText = Field("", title=N_("What happened"))
    homework_worked: LongText = Field("", title=N_("Homework: what worked"))
    homework_hard: LongText = Field("", title=N_("Homework: what was hard"))
    topics: Annotated[tuple[ShortText, ...], AtMost(MAX_TOPICS)] = Field((), title=N_("Topics to raise"))
    questions: LongText = Field("", title=N_("Questions"))
    hard_to_say: LongText = Field("", title=N_("Something hard to say"))
    safety_concern: bool = Field(False, title=N_("I am worried about my safety"))
    own_answers: Annotated[dict[EntryId, LongText], AtMost(MAX_OWN_KEPT)] = Field(
        default_factory=dict, title=N_("Answers to own questions")
    )

    @field_validator("topics")
    @classmethod
    def _no_blank_topics(cls, topics: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t for t in topics if t)


# --- Reflections -------------------------------------------------------------------------------


class AgendaItem(Part):
    """A topic brought to the session (from the check-in) and whether we got to it: True or False as the
    client answered, None while they have not said (never read as "we did not get to it")."""

    topic: ShortText = Field(title=N_("Topic"), min_length=1)
    covered: bool | None = Field(None, title=N_("We got to it"))


class GoalProgress(Part):
    """A goal touched in a session, and how far it has come (-2..+2), if rated."""

    goal_id: EntryId = Field(title=N_("Goal"))
    rating: LadderLevel | None = Field(None, title=N_("Progress"))
    note: LongText = Field("", title=N_("Note"))


class Reflection(Entry):
    """After a session: what happened and how connected I felt."""

    kind: ClassVar[str] = "reflection"
    table: ClassVar[str] = "reflections"
    section: ClassVar[str | None] = "reflections"
    label: ClassVar[str] = N_("reflection")

    session_date: Day = Field(title=N_("Session date"))
    therapist: ShortText = Field("", title=N_("Therapist"))
    trust: Rating | None = Field(None, title=N_("Trust"))
    empathy: Rating | None = Field(None, title=N_("Empathy"))
    collaboration: Rating | None = Field(None, title=N_("Collaboration"))
    communication: Rating | None = Field(None, title=N_("Communication"))
    shared_goals: Rating | None = Field(None, title=N_("Shared goals"))
    overall: Rating | None = Field(None, title=N_("Overall connection"))
    checkin_id: EntryId | None = Field(None, title=N_("Check-in"))
    agenda: Annotated[tuple[AgendaItem, ...], AtMost(MAX_AGENDA_ITEMS)] = Field(
        (), title=N_("Topics from the check-in")
    )
    what_helped: LongText = Field("", title=N_("What helped"))
    what_did_not_help: LongText = Field("", title=N_("What did not help"))
    insights: LongText = Field("", title=N_("Insights"))
    feelings_after: LongText = Field("", title=N_("Feelings afterwards"))
    unsaid: LongText = Field("", title=N_("What I did not say"))
    next_steps: LongText = Field("", title=N_("Next steps"))
    goals: Annotated[tuple[GoalProgress, ...], AtMost(MAX_GOALS_TOUCHED)] = Field((), title=N_("Goals touched"))
    private: bool = Field(False, title=N_("Private"))
    # The client's own things to rate and own questions, by the id of their definition in Settings
    # (the words of a definition may change; its id does not). A key left out was not rated or answered.
    own_ratings: Annotated[dict[EntryId, Rating], AtMost(MAX_OWN_KEPT)] = Field(
        default_factory=dict, title=N_("Own ratings")
    )
    own_answers: Annotated[dict[EntryId, LongText], AtMost(MAX_OWN_KEPT)] = Field(
        default_factory=dict, title=N_("Answers to own questions")
    )

    @field_validator("session_date")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        # One day of slack: the client's time zone may be ahead of this machine's.
        if value > date.today() + timedelta(days=1):
            raise ValueError(_("is in the future; a reflection is about a session that has happened"))
        return value

    def ratings(self) -> dict[str, int | None]:
        """The five parts; None for a part not rated (after a hard session, words without numbers)."""
        return {part: getattr(self, part) for part in ALLIANCE_PARTS}


# --- Feedback notes ----------------------------------------------------------------------------


class FeedbackNote(Entry):
    """A prepared message for the therapist, and what came of it."""

    kind: ClassVar[str] = "feedback"
    table: ClassVar[str] = "feedback"
    section: ClassVar[str | None] = "feedback_notes"
    label: ClassVar[str] = N_("feedback note")

    period_start: Day | None = Field(None, title=N_("From"))
    period_end: Day | None = Field(None, title=N_("To"))
    therapist: ShortText = Field("", title=N_("Therapist"))
    body: LongText = Field(title=N_("Note"), min_length=1)
    includes_private: bool = Field(False, title=N_("Includes private entries"))
    shared_on: PastDay | None = Field(None, title=N_("Shared on"))
    response: LongText = Field("", title=N_("My therapist's response"))
    agreed_changes: LongText = Field("", title=N_("What we agreed to change"))

    @model_validator(mode="after")
    def _period_in_order(self) -> FeedbackNote:
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValueError(_("the period ends before it starts"))
        return self


# --- Settings ----------------------------------------------------------------------------------


class CrisisLine(Part):
    name: ShortText = Field(title=N_("Name"), min_length=1)
    contact: ShortText = Field(title=N_("How to reach it"), min_length=1)


# Stored in the workbook as the client's own list (they may change it), so in English here; marked for
# the catalogue, to be shown translated while they are still the app's own words.
DEFAULT_CRISIS_LINES = (
    CrisisLine(
        name=N_("Emergency services"),
        contact=N_("Your local emergency number: 112 (EU), 911 (US, Canada), 999 (UK), 000 (Australia)"),
    ),
    CrisisLine(
        name=N_("A crisis line near you"),
        contact=N_("findahelpline.com lists free, confidential helplines by country"),
    ),
)


class SignalThresholds(Part):
    """When a pattern is worth raising. Where each default comes from: docs/design.md.

    Ratings are measured against the client's own usual (the middle of their earlier sessions), not
    against another scale's cutoff: PCOMS's 36 of 40 belongs to its own 0-40 scale.
    """

    USUAL_WINDOW: ClassVar[int] = 10  # "your usual" looks back this many sessions at most
    usual_after: int = Field(
        3,
        strict=True,
        ge=1,
        le=20,
        title=N_("Earlier sessions needed to know your usual"),
        # The number is USUAL_WINDOW, written out so that the sentence can be translated: keep them equal.
        description=N_("Your usual is the middle of your ratings in up to 10 sessions before this one."),
    )
    below_usual: int = Field(
        3,
        strict=True,
        ge=1,
        le=10,
        title=N_("Lower than your usual by at least"),
        description=N_("A rating this many points under your usual is shown as worth raising."),
    )
    low_level: int = Field(
        5,
        strict=True,
        ge=0,
        le=9,
        title=N_("Low whatever your usual: at or below"),
        description=N_(
            "Once your usual is known, a rating this low is shown as worth raising, even if your usual is low too."
        ),
    )
    perfect_run: int = Field(4, strict=True, ge=2, le=50, title=N_("Full marks in a row, sessions"))
    uncovered_topic: int = Field(3, strict=True, ge=2, le=50, title=N_("A topic not covered, times in a row"))
    stalled_goal: int = Field(6, strict=True, ge=2, le=100, title=N_("A goal without progress, sessions"))

    # Workbooks written before issue 12 stored levels taken from PCOMS's 0-40 scale (low_overall 9,
    # low_part 7): they are dropped, not converted, because they never fitted this scale. "drop" was
    # already the margin below the usual, so it keeps its value under its new name.
    RETIRED: ClassVar[frozenset[str]] = frozenset({"low_overall", "low_part"})
    RENAMED: ClassVar[dict[str, str]] = {"drop": "below_usual"}

    @model_validator(mode="before")
    @classmethod
    def _from_older_workbooks(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = {k: v for k, v in data.items() if k not in cls.RETIRED}
        for old, new in cls.RENAMED.items():
            if old in data:
                value = data.pop(old)
                low, high = cls.bounds(new)
                if new not in data and isinstance(value, int) and not isinstance(value, bool):
                    data[new] = min(max(value, low), high)  # an old margin of 0 would flag every session
        return data

    @classmethod
    def bounds(cls, name: str) -> tuple[int, int]:
        """The lowest and highest value a threshold may take, as declared on its field."""
        limits = {k: getattr(m, k) for m in cls.model_fields[name].metadata for k in ("ge", "le") if hasattr(m, k)}
        return limits["ge"], limits["le"]


class OwnItem(Part):
    """One of the client's own things to rate after each session, 0 to 10, in their words."""

    id: EntryId = Field(default_factory=new_id, title=N_("Id"))
    label: OwnText = Field(title=N_("Thing to rate"))
    retired: bool = Field(False, title=N_("Retired"))  # no longer asked; its past ratings are kept


Asked = Literal["before", "after"]


class OwnQuestion(Part):
    """One of the client's own questions, asked before a session (check-in) or after it (reflection)."""

    id: EntryId = Field(default_factory=new_id, title=N_("Id"))
    prompt: OwnText = Field(title=N_("Question"))
    asked: Asked = Field("after", title=N_("Asked"))
    retired: bool = Field(False, title=N_("Retired"))


class Schedule(Part):
    """A regular session: the first day of it (which gives the weekday), start, length, how often."""

    id: EntryId = Field(default_factory=new_id, title=N_("Id"))
    starts_on: Day = Field(title=N_("First session"))
    start: time = Field(time(17, 0), title=N_("Starts at"))
    minutes: int = Field(50, strict=True, ge=10, le=480, title=N_("Length in minutes"))
    every_weeks: Literal[1, 2] = Field(1, title=N_("Every how many weeks"))
    ends_on: Day | None = Field(None, title=N_("Last session"))
    therapist: Name = Field("", title=N_("Therapist"))

    @field_validator("start")
    @classmethod
    def _wall_clock(cls, value: time) -> time:
        return value.replace(second=0, microsecond=0, tzinfo=None)  # the time on the client's clock

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Schedule:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError(_("the last session is before the first"))
        return self


class ScheduleChange(Part):
    """A one-off change to a regular session: moved to another day or time, or not happening."""

    schedule_id: EntryId = Field(title=N_("Schedule"))
    on: Day = Field(title=N_("Session day"))  # the day it would have been
    moved_to: datetime | None = Field(None, title=N_("Moved to"))  # None: cancelled; wall-clock time, no zone

    @field_validator("moved_to")
    @classmethod
    def _wall_clock(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        _sane_date(value.date())
        return value.replace(second=0, microsecond=0, tzinfo=None)


class SessionCalendar(Part):
    """When sessions happen, and the reminders the calendar file carries."""

    schedules: Annotated[tuple[Schedule, ...], AtMost(MAX_SCHEDULES)] = Field((), title=N_("Regular sessions"))
    changes: Annotated[tuple[ScheduleChange, ...], AtMost(MAX_SCHEDULE_CHANGES)] = Field(
        (), title=N_("One-off changes")
    )
    remind_before: int = Field(30, strict=True, ge=0, le=24 * 60, title=N_("Check-in reminder, minutes before"))
    remind_after: int = Field(15, strict=True, ge=0, le=24 * 60, title=N_("Reflection reminder, minutes after"))
    show_therapist: bool = Field(False, title=N_("Name the therapist in the calendar"))

    @model_validator(mode="after")
    def _changes_name_a_schedule(self) -> SessionCalendar:
        known = {s.id for s in self.schedules}
        for change in self.changes:
            if change.schedule_id not in known:
                raise ValueError(
                    _("include a one-off change to a regular session “{id}” that is not here").format(
                        id=quoted(change.schedule_id)
                    )
                )
        return self


def _unique_ids(items: tuple[Any, ...], message: str) -> None:
    """`message` (translated, with an {id} field) when two of `items` share an id."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(message.format(id=quoted(item.id)))
        seen.add(item.id)


class Settings(Entry):
    kind: ClassVar[str] = "settings"
    table: ClassVar[str] = "settings"
    section: ClassVar[str | None] = None
    label: ClassVar[str] = N_("settings")

    name: ShortText = Field("", title=N_("Your name"))
    #: "" until the client chooses: the app then speaks the browser's language (workbook/i18n.py).
    language: str = Field("", title=N_("Language"), pattern=r"^([a-z]{2,3}(_[A-Z]{2})?)?$")
    therapists: Annotated[tuple[ShortText, ...], AtMost(MAX_THERAPISTS)] = Field((), title=N_("Therapists"))
    crisis_country: ShortText = Field("", title=N_("Country"))
    crisis_lines: Annotated[tuple[CrisisLine, ...], AtMost(MAX_CRISIS_LINES)] = Field(
        DEFAULT_CRISIS_LINES, title=N_("Crisis resources")
    )
    thresholds: SignalThresholds = Field(default_factory=SignalThresholds, title=N_("Signals"))
    backups_to_keep: int = Field(14, strict=True, ge=1, le=365, title=N_("Backups to keep"))
    idle_lock_minutes: int = Field(10, strict=True, ge=1, le=240, title=N_("Lock after minutes without activity"))
    own_items: Annotated[tuple[OwnItem, ...], AtMost(MAX_OWN_KEPT)] = Field((), title=N_("Own things to rate"))
    own_questions: Annotated[tuple[OwnQuestion, ...], AtMost(MAX_OWN_KEPT)] = Field((), title=N_("Own questions"))
    calendar: SessionCalendar = Field(default_factory=SessionCalendar, title=N_("Sessions"))

    @field_validator("own_items")
    @classmethod
    def _few_own_items(cls, items: tuple[OwnItem, ...]) -> tuple[OwnItem, ...]:
        _unique_ids(items, _("has two things to rate with the id “{id}”"))
        if sum(not i.retired for i in items) > MAX_OWN_ITEMS:
            raise ValueError(
                ngettext(
                    "can hold at most {count} thing to rate in use at once; retire one first",
                    "can hold at most {count} things to rate in use at once; retire one first",
                    MAX_OWN_ITEMS,
                ).format(count=MAX_OWN_ITEMS)
            )
        return items

    @field_validator("own_questions")
    @classmethod
    def _few_own_questions(cls, questions: tuple[OwnQuestion, ...]) -> tuple[OwnQuestion, ...]:
        _unique_ids(questions, _("has two questions with the id “{id}”"))
        if sum(not q.retired for q in questions) > MAX_OWN_QUESTIONS:
            raise ValueError(
                ngettext(
                    "can hold at most {count} question in use at once; retire one first",
                    "can hold at most {count} questions in use at once; retire one first",
                    MAX_OWN_QUESTIONS,
                ).format(count=MAX_OWN_QUESTIONS)
            )
        return questions

    def rated(self) -> tuple[OwnItem, ...]:
        """The own things to rate asked after each session now, in the client's order."""
        return tuple(i for i in self.own_items if not i.retired)

    def asked(self, when: Asked) -> tuple[OwnQuestion, ...]:
        """The own questions asked before or after a session now, in the client's order."""
        return tuple(q for q in self.own_questions if q.asked == when and not q.retired)

    @field_validator("therapists")
    @classmethod
    def _unique_therapists(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for name in names:
            if name:
                seen.setdefault(name.casefold(), name)
        return tuple(seen.values())


ENTRY_TYPES: dict[str, type[Entry]] = {
    model.kind: model for model in (Goal, CheckIn, Reflection, FeedbackNote, Settings)
}
#: The kinds a person writes (every kind but the settings), in the order exports list them.
WRITTEN: tuple[type[Entry], ...] = tuple(model for model in ENTRY_TYPES.values() if model.section is not None)


def title_of(model: type[Entry]) -> str:
    """The label as a title, in the current language: "Check-in", "Feedback note"."""
    label = _(model.label)
    return label[:1].upper() + label[1:]


def counted(kind: str, count: int) -> str:
    """'1 goal', '3 check-ins': `count` entries of one kind (a model's `kind`), in the current language."""
    number = i18n.number(count)
    if kind == "goal":
        return ngettext("{count} goal", "{count} goals", count).format(count=number)
    if kind == "checkin":
        return ngettext("{count} check-in", "{count} check-ins", count).format(count=number)
    if kind == "reflection":
        return ngettext("{count} reflection", "{count} reflections", count).format(count=number)
    if kind == "feedback":
        return ngettext("{count} feedback note", "{count} feedback notes", count).format(count=number)
    if kind == "settings":
        return ngettext("{count} settings", "{count} settings", count).format(count=number)
    return f"{number} {_(ENTRY_TYPES[kind].label)}"  # a kind added without its sentence above
