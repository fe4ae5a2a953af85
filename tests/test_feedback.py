"""Preparing feedback: the draft from the right period, in the client's own words."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import checkin, goal, reflection
from workbook.demo import build_demo
from workbook.feedback import (
    HELPED,
    NOT_COVERED,
    NOT_HELPED,
    OWN_ANSWERS,
    QUESTIONS,
    RATINGS,
    UNSAID,
    WORTH_TALKING,
    OwnAnswer,
    Point,
    answer_point,
    build_draft,
    compose,
    default_period,
    in_period,
    own_answers,
)
from workbook.models import AgendaItem, FeedbackNote, GoalProgress, OwnItem, OwnQuestion, SignalThresholds
from workbook.signals import find_signals

T = SignalThresholds()


def by_section(points: list[Point]) -> dict[str, list[str]]:
    return {s: [p.text for p in points if p.section == s] for s in {p.section for p in points}}


def test_the_default_period_starts_with_the_session_the_last_note_was_shared_in() -> None:
    sessions = (reflection("2026-01-05"), reflection("2026-02-05"))
    notes = (FeedbackNote(body="a", shared_on=date(2026, 1, 20)), FeedbackNote(body="draft"))
    assert default_period(notes, sessions, date(2026, 3, 1)) == (date(2026, 1, 20), date(2026, 3, 1))
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
    sections = by_section(build_draft(sessions, (before,), (), T))
    assert sections[HELPED] == ["Slowing down."]
    assert sections[NOT_HELPED] == ["Running out of time. (twice)"]
    assert sections[UNSAID] == ["That I nearly cancelled. (1 February)"]
    assert sections[NOT_COVERED] == ["Money"]
    assert sections[QUESTIONS] == ["How long does therapy take?"]
    assert sections[RATINGS] == ["I rated our connection 7.5 out of 10 on average over 2 sessions."]


def test_what_did_not_help_only_when_it_recurs() -> None:
    sessions = [reflection("2026-02-01", what_did_not_help="Once only.")]
    assert not [p for p in build_draft(sessions, (), (), T) if p.section == NOT_HELPED]


def test_stalled_goals_and_stuck_topics_become_points() -> None:
    target = goal("Speak up", created_at="2026-01-01T00:00:00Z")
    stuck = (AgendaItem(topic="My sister", covered=False),)
    rated = (GoalProgress(goal_id=target.id, rating=0),)
    sessions = [
        reflection(f"2026-02-{d:02d}", overall=9, agenda=stuck, goals=rated if d == 1 else ()) for d in range(1, 9)
    ]
    texts = [p.text for p in build_draft(sessions, (), (target,), T)]
    assert "Could we start with “My sister” next time? I brought it eight times and we did not get to it." in texts
    # Only what the client recorded, in their voice (issue 25: "It has not moved forward in 9 sessions"
    # was said of a goal never rated).
    assert (
        "Could we look at my goal “Speak up” together? I haven't rated my progress on it since 1 February"
        " (“What I expected”)." in texts
    )
    again = [*sessions, reflection("2026-02-09", overall=9, goals=(GoalProgress(goal_id=target.id, rating=-1),))]
    assert (
        "Could we look at my goal “Speak up” together? Since 1 February I have not rated my progress on it higher"
        " than “What I expected”; the last time, on 9 February, I rated it “Less than expected”."
    ) in [p.text for p in build_draft(again, (), (target,), T)]
    never = [reflection(f"2026-02-{d:02d}", overall=9) for d in range(1, 20)]
    assert not [p for p in build_draft(never, (), (target,), T) if "Speak up" in p.text]


def test_compose_keeps_only_kept_points_in_section_order_and_signs_off() -> None:
    note = compose(
        [Point(UNSAID, "  "), Point(NOT_HELPED, "Rushed endings"), Point(HELPED, "Being asked")],
        start=date(2026, 1, 1),
        end=date(2026, 2, 1),
        therapist="Sam",
        name="Alex",
    )
    assert note.title == "Feedback for Sam"
    assert [s for s, _ in note.sections] == [HELPED, NOT_HELPED]
    assert note.closing == "Thank you for reading this. Alex"
    assert note.period == "About our sessions from 1 January 2026 to 1 February 2026"


def test_signals_are_offered_as_questions_not_feelings() -> None:
    overalls = (9, 8, 9, 9, 5)
    sessions = [reflection(f"2026-03-{3 + 7 * n:02d}", overall=o) for n, o in enumerate(overalls)]
    [point] = by_section(build_draft(sessions, (), (), T))[WORTH_TALKING]
    assert point == "Could we talk about the session on 31 March? I rated our connection 5, lower than my usual 9."


def test_an_eight_among_nines_is_not_put_to_the_therapist() -> None:
    sessions = [reflection(f"2026-03-{3 + 7 * n:02d}", overall=o) for n, o in enumerate((6, 9, 9, 9, 8))]
    assert WORTH_TALKING not in by_section(build_draft(sessions, (), (), T))


def test_the_demo_draft_puts_no_feeling_in_the_clients_mouth() -> None:
    entries = build_demo(40, until=date(2026, 6, 1))
    reflections = [e for e in entries if e.kind == "reflection" and not e.private]
    points = build_draft(reflections, (), (), T)
    asked = [p.text for p in points if p.section == WORTH_TALKING]
    assert asked, "the demo's rupture and run of full marks are worth raising"
    for text in asked:
        assert text.startswith("Could we"), text
        assert "felt" not in text and "for me" not in text, text
    assert not any(p.text.startswith("I have mostly felt") for p in points)


def test_the_draft_reads_like_a_letter() -> None:
    sessions = [
        reflection("2026-02-01", what_helped="Slowing down.", what_did_not_help="Running out of time."),
        reflection("2026-02-08", what_helped="Being asked.", what_did_not_help="Running  out of time."),
        reflection("2026-02-15", what_did_not_help="running out of time."),
        reflection("2026-02-22", what_did_not_help="Being interrupted."),
        reflection("2026-03-01", what_did_not_help="Being interrupted."),
    ]
    sections = by_section(build_draft(sessions, (), (), T))
    assert sections[HELPED] == ["Slowing down.", "Being asked."]  # the heading says it once
    assert sections[NOT_HELPED] == ["Running out of time. (three times)", "Being interrupted. (twice)"]


def test_near_duplicate_topics_are_listed_once() -> None:
    sessions = [
        reflection(
            "2026-02-01",
            agenda=(
                AgendaItem(topic="My mum visiting next week", covered=False),
                AgendaItem(topic="Work", covered=False),
            ),
        ),
        reflection(
            "2026-02-08", agenda=(AgendaItem(topic="Mum", covered=False), AgendaItem(topic="homework", covered=False))
        ),
    ]
    assert by_section(build_draft(sessions, (), (), T))[NOT_COVERED] == [
        "My mum visiting next week",
        "Work",
        "homework",
    ]


def test_a_first_session_is_not_yet_a_pattern_to_raise() -> None:
    # Issue 25: one 5/10 put "Worth raising" and talk of "your usual" before a usual existed.
    assert WORTH_TALKING not in by_section(build_draft([reflection("2026-03-03", overall=4)], (), (), T))
    low = [reflection(f"2026-03-{3 + 7 * n:02d}", overall=o) for n, o in enumerate((5, 5, 5, 4))]
    [point] = by_section(build_draft(low, (), (), T))[WORTH_TALKING]
    assert point == "Could we talk about the session on 24 March? I rated our connection 4, lower than my usual 5."


# --- the client's own things to rate, and own questions (issue 14) ------------------------------

SAFE = OwnItem(label="I felt safe to disagree")
BODY = OwnQuestion(prompt="What did I notice in my body?", asked="after")
HOPE = OwnQuestion(prompt="What do I hope to get to?", asked="before")


def weekly_own(*ratings: int, item: OwnItem = SAFE) -> list:
    first = date(2026, 3, 3)
    return [
        reflection((first + timedelta(weeks=n)).isoformat(), overall=9, own_ratings={item.id: r})
        for n, r in enumerate(ratings)
    ]


def test_a_low_own_rating_is_offered_as_a_question_in_the_clients_words() -> None:
    points = by_section(build_draft(weekly_own(8, 8, 8, 8, 5, 5, 4), (), (), T, own_items=(SAFE,)))
    assert points[WORTH_TALKING] == [
        "Could we talk about “I felt safe to disagree”? I rated it 5, 5 and 4 in the sessions on 31 March,"
        " 7 April and 14 April, lower than my usual 8."
    ]
    [low] = by_section(build_draft(weekly_own(5, 5, 5, 4), (), (), T, own_items=(SAFE,)))[WORTH_TALKING]
    assert low == (
        "Could we talk about “I felt safe to disagree”? I rated it 4 in the session on 24 March, lower than my usual 5."
    )
    assert WORTH_TALKING not in by_section(build_draft(weekly_own(4), (), (), T, own_items=(SAFE,)))  # no usual yet
    assert WORTH_TALKING not in by_section(build_draft(weekly_own(8, 8, 8, 8, 6), (), (), T))  # none given


def test_several_low_own_things_are_offered_together() -> None:
    items = (SAFE, OwnItem(label="I knew what to try"), OwnItem(label="I could say no"))
    sessions = [
        reflection(
            f"2026-03-{3 + 7 * n:02d}",
            overall=9,
            own_ratings={i.id: 9 if n < 4 else 3 + k for k, i in enumerate(items)},
        )
        for n in range(5)
    ]
    [point] = by_section(build_draft(sessions, (), (), T, own_items=items))[WORTH_TALKING]
    assert point == (
        "Could we talk about “I felt safe to disagree”, “I knew what to try” and “I could say no”? I rated"
        " “I felt safe to disagree” 3 on 31 March (my usual 9), “I knew what to try” 4 on 31 March (my usual 9)"
        " and “I could say no” 5 on 31 March (my usual 9)."
    )


def test_own_answers_are_offered_from_the_period_and_never_put_in_the_draft_by_themselves() -> None:
    before = checkin(own_answers={HOPE.id: "Talk about my sister"})
    sessions = [
        reflection("2026-03-03", checkin_id=before.id, own_answers={BODY.id: "Tight shoulders", HOPE.id: "  "}),
        reflection("2026-03-10", own_answers={BODY.id: "   "}),  # blank: nothing to offer
        reflection("2026-03-17", own_answers={OwnQuestion(prompt="Deleted").id: "an unknown question"}),
    ]
    offered = own_answers(sessions, (before,), (BODY, HOPE))
    assert offered == [
        OwnAnswer(date(2026, 3, 3), "before", HOPE.prompt, "Talk about my sister"),
        OwnAnswer(date(2026, 3, 3), "after", BODY.prompt, "Tight shoulders"),
    ]
    drafted = " ".join(p.text for p in build_draft(sessions, (before,), (), T))
    assert "Talk about my sister" not in drafted and "Tight shoulders" not in drafted  # private until ticked
    assert answer_point(offered[1]) == Point(
        OWN_ANSWERS,
        "To my question “What did I notice in my body?”, after our session on 3 March I wrote: “Tight shoulders”",
    )


def test_a_private_reflections_answers_are_offered_only_when_private_ones_are_included() -> None:
    before = checkin(own_answers={HOPE.id: "About the check-in"})
    secret = reflection("2026-03-03", private=True, checkin_id=before.id, own_answers={BODY.id: "My secret"})
    retired = BODY.model_copy(update={"retired": True, "prompt": "What did my body say?"})
    shut = in_period((secret,), date(2026, 3, 1), date(2026, 3, 31), include_private=False)
    assert own_answers(shut, (before,), (retired, HOPE)) == []  # its check-in stays out with it
    opened = in_period((secret,), date(2026, 3, 1), date(2026, 3, 31), include_private=True)
    assert [(a.prompt, a.answer) for a in own_answers(opened, (before,), (retired, HOPE))] == [
        (HOPE.prompt, "About the check-in"),
        ("What did my body say?", "My secret"),  # a retired, reworded question keeps its answers
    ]


def test_a_ticked_answer_is_the_notes_own_section() -> None:
    answer = OwnAnswer(date(2026, 3, 3), "after", "What did I **notice**?", "Tight\nshoulders")
    note = compose(
        [Point(HELPED, "Slowing down."), answer_point(answer)], start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    assert note.sections[-1] == (
        OWN_ANSWERS,
        ("To my question “What did I **notice**?”, after our session on 3 March I wrote: “Tight\nshoulders”",),
    )


def test_a_topic_not_yet_answered_is_never_said_to_be_missed() -> None:
    # Issue 25's walkthrough: "Did we get to it?" left alone put both topics under "Topics we did not
    # get to" and counted them as missed. Only the client's "we did not" counts.
    unanswered = [reflection(f"2026-02-{d:02d}", agenda=(AgendaItem(topic="My sister"),)) for d in range(1, 9)]
    assert NOT_COVERED not in by_section(build_draft(unanswered, (), (), T))
    assert not [s for s in find_signals(unanswered, (), T) if s.kind == "uncovered_topic"]
    said = [reflection(f"2026-02-{d:02d}", agenda=(AgendaItem(topic="My sister", covered=False),)) for d in (1, 8)]
    assert by_section(build_draft(said, (), (), T))[NOT_COVERED] == ["My sister"]
