"""Preparing feedback: the draft from the right period, in the client's own words."""

from __future__ import annotations

from datetime import date

from tests.conftest import checkin, goal, reflection
from workbook.feedback import (
    GOING_WELL,
    NOT_COVERED,
    NOT_HELPED,
    QUESTIONS,
    UNSAID,
    WORTH_TALKING,
    Point,
    build_draft,
    compose,
    default_period,
    in_period,
)
from workbook.models import AgendaItem, FeedbackNote, SignalThresholds

T = SignalThresholds()


def test_the_default_period_starts_after_the_last_shared_note() -> None:
    sessions = (reflection("2026-01-05"), reflection("2026-02-05"))
    notes = (FeedbackNote(body="a", shared_on=date(2026, 1, 20)), FeedbackNote(body="draft"))
    assert default_period(notes, sessions, date(2026, 3, 1)) == (date(2026, 1, 21), date(2026, 3, 1))
    assert default_period((), sessions, date(2026, 3, 1)) == (date(2026, 1, 5), date(2026, 3, 1))


def test_private_reflections_are_left_out_unless_included() -> None:
    sessions = (reflection("2026-02-01"), reflection("2026-02-08", private=True), reflection("2025-12-01"))
    assert len(in_period(sessions, date(2026, 1, 1), date(2026, 3, 1), include_private=False)) == 1
    assert len(in_period(sessions, date(2026, 1, 1), date(2026, 3, 1), include_private=True)) == 2
    secret = [reflection("2026-02-08", unsaid="my secret", private=True)]
    chosen = in_period(tuple(secret), date(2026, 1, 1), date(2026, 3, 1), include_private=False)
    assert all("my secret" not in p.text for p in build_draft(chosen, (), (), T))


def test_the_draft_carries_the_clients_own_words_into_the_right_sections() -> None:
    before = checkin(questions="How long does therapy take?")
    sessions = [
        reflection(
            "2026-02-01",
            overall=9,
            what_helped="Slowing down.",
            what_did_not_help="Running out of time.",
            unsaid="That I nearly cancelled.",
            agenda=(AgendaItem(topic="Money", covered=False), AgendaItem(topic="Sleep", covered=True)),
            checkin_id=before.id,
        ),
        reflection("2026-02-08", overall=6, what_did_not_help="Running  out of time."),
    ]
    points = build_draft(sessions, (before,), (), T)
    by_section = {s: [p.text for p in points if p.section == s] for s in {p.section for p in points}}
    assert "What has helped: Slowing down." in by_section[GOING_WELL]
    assert by_section[NOT_HELPED] == ["Running out of time. (more than once: 2 times)"]
    assert by_section[UNSAID] == ["That I nearly cancelled. (1 Feb)"]
    assert by_section[NOT_COVERED] == ["Money"]
    assert by_section[QUESTIONS] == ["How long does therapy take?"]
    assert any("6/10" in text and "8 Feb" in text for text in by_section[WORTH_TALKING])


def test_what_did_not_help_only_when_it_recurs() -> None:
    sessions = [reflection("2026-02-01", what_did_not_help="Once only.")]
    assert not [p for p in build_draft(sessions, (), (), T) if p.section == NOT_HELPED]


def test_stalled_goals_and_stuck_topics_become_points() -> None:
    target = goal("Speak up", created_at="2026-01-01T00:00:00Z")
    stuck = (AgendaItem(topic="My sister", covered=False),)
    sessions = [reflection(f"2026-02-{d:02d}", overall=9, agenda=stuck) for d in range(1, 8)]
    texts = [p.text for p in build_draft(sessions, (), (target,), T)]
    assert any("“My sister” 7 times" in t for t in texts)
    assert any("“Speak up” has not moved" in t for t in texts)


def test_compose_keeps_only_kept_points_in_section_order_and_signs_off() -> None:
    note = compose(
        [Point(UNSAID, "  "), Point(NOT_HELPED, "Rushed endings"), Point(GOING_WELL, "Being asked")],
        start=date(2026, 1, 1),
        end=date(2026, 2, 1),
        therapist="Sam",
        name="Alex",
    )
    assert note.title == "Feedback for Sam"
    assert [s for s, _ in note.sections] == [GOING_WELL, NOT_HELPED]
    assert note.closing == "Thank you for reading this. Alex"
    assert note.period == "About our sessions from 1 January 2026 to 1 February 2026"
