"""Making it the client's own (issue 14): own things to rate, own questions and regular sessions,
from the settings through the forms, History, import and export, to the demo."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from tests.apptest import Open, all_text, button, choose, scales
from tests.conftest import checkin, reflection, sha256
from tests.test_pages import opened, settings_tab
from ui.own import SUGGESTIONS
from workbook import preferences
from workbook.demo import OWN_ITEM, OWN_QUESTION, build_demo
from workbook.errors import InvalidEntryError, WorkbookError
from workbook.history import all_items, matching
from workbook.integrity import check_workbook
from workbook.loop import checkin_date, next_step, suggested_session_date
from workbook.migrations import SCHEMA_VERSION
from workbook.models import (
    MAX_OWN_ITEMS,
    OWN_TEXT_MAX,
    OwnItem,
    Reflection,
    Schedule,
    SessionCalendar,
    Settings,
)
from workbook.repository import Repository
from workbook.text import label_safe
from workbook.transfer import apply_import, export_json, plan_import, read_import
from workbook.validation import build_entry

SAFE = "I felt safe to disagree"
BODY = "What did I notice in my body?"


def own(repo: Repository, *labels: str, questions: tuple[tuple[str, str], ...] = ()) -> Settings:
    """Settings with these own things to rate and (prompt, asked) questions, saved."""
    settings = repo.settings()
    for label in labels:
        settings = preferences.with_own_item(settings, label)
    for prompt, asked in questions:
        settings = preferences.with_own_question(settings, prompt, asked)
    return repo.save_settings(settings)


# --- what valid own items, questions and schedules are ---------------------------------------


def test_at_most_five_own_things_are_rated_at_once_and_a_sixth_is_refused_in_words() -> None:
    settings = Settings()
    for n in range(MAX_OWN_ITEMS):
        settings = preferences.with_own_item(settings, f"Thing {n}")
    with pytest.raises(InvalidEntryError, match="at most 5 things to rate in use at once; retire one first"):
        preferences.with_own_item(settings, "One too many")
    retired = preferences.retired(settings, "own_items", settings.own_items[0].id)
    assert len(preferences.with_own_item(retired, "Now it fits").rated()) == MAX_OWN_ITEMS


@pytest.mark.parametrize("label", ["", "   ", "x" * (OWN_TEXT_MAX + 1)])
def test_an_own_thing_to_rate_needs_short_real_words(label: str) -> None:
    with pytest.raises(InvalidEntryError, match=r"Thing to rate|Write a few words first"):
        preferences.with_own_item(Settings(), label)


def test_own_ratings_are_zero_to_ten_and_keyed_by_a_real_id() -> None:
    item = OwnItem(label=SAFE)
    assert build_entry(Reflection, session_date=date.today(), own_ratings={item.id: 10}).own_ratings == {item.id: 10}
    with pytest.raises(InvalidEntryError, match="10"):
        build_entry(Reflection, session_date=date.today(), own_ratings={item.id: 11})
    with pytest.raises(InvalidEntryError, match="must be an id"):
        build_entry(Reflection, session_date=date.today(), own_ratings={"not-an-id": 5})


def test_two_own_items_cannot_share_an_id() -> None:
    item = OwnItem(label=SAFE)
    with pytest.raises(InvalidEntryError, match="two things to rate with the id"):
        build_entry(Settings, own_items=[item.model_dump(), {**item.model_dump(), "label": "Other"}])


def test_a_schedule_cannot_end_before_it_starts_and_a_change_must_name_a_schedule() -> None:
    with pytest.raises(ValueError, match="last session is before the first"):
        Schedule(starts_on=date(2026, 12, 1), ends_on=date(2026, 11, 1))
    with pytest.raises(InvalidEntryError, match="Sessions include a one-off change to a regular session"):
        preferences.with_change(Settings(), "3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70", date(2026, 12, 1), None)


def test_rewording_moving_and_retiring_keep_the_id_and_past_ratings(db: Path) -> None:
    repo = Repository(db)
    settings = own(repo, SAFE, "I could say no")
    first, second = settings.own_items
    repo.save(reflection(own_ratings={first.id: 6, second.id: 3}))
    settings = repo.change_settings(lambda s: preferences.reworded(s, "own_items", first.id, "Safe to disagree"))
    settings = repo.change_settings(lambda s: preferences.moved(s, "own_items", first.id, 1))
    assert [i.label for i in settings.rated()] == ["I could say no", "Safe to disagree"]
    settings = repo.change_settings(lambda s: preferences.retired(s, "own_items", first.id))
    assert [i.label for i in settings.rated()] == ["I could say no"]
    assert next(i for i in settings.own_items if i.id == first.id).label == "Safe to disagree"
    [kept] = Repository(db).reflections()
    assert kept.own_ratings == {first.id: 6, second.id: 3}


# --- older workbooks -------------------------------------------------------------------------


def test_a_workbook_from_before_own_items_opens_without_loss_and_gains_none(db: Path) -> None:
    repo = Repository(db)
    saved = repo.save(reflection(what_helped="Being heard", trust=8))
    document = json.loads(db.read_text())
    document["schema_version"] = 2
    for table in document["tables"].values():
        for record in table.values():
            record.pop("own_ratings", None), record.pop("own_answers", None)
            record.pop("own_items", None), record.pop("own_questions", None), record.pop("calendar", None)
    db.write_text(json.dumps(document))
    repo = Repository(db)
    [old] = repo.reflections()
    assert (old.what_helped, old.trust, old.own_ratings, old.own_answers) == ("Being heard", 8, {}, {})
    assert repo.settings().own_items == () and repo.settings().calendar.schedules == ()
    repo.save(old.model_copy(update={"insights": "More"}))
    assert json.loads(db.read_text())["schema_version"] == SCHEMA_VERSION
    assert Repository(db).get(Reflection, saved.id).insights == "More"


# --- export and import -----------------------------------------------------------------------


def test_export_and_import_carry_the_definitions_and_the_ratings(tmp_path: Path, db: Path) -> None:
    repo = Repository(db)
    settings = own(repo, SAFE, questions=((BODY, "after"),))
    item, question = settings.own_items[0], settings.own_questions[0]
    repo.save(reflection(own_ratings={item.id: 4}, own_answers={question.id: "Tight shoulders"}))
    exported = export_json(repo)
    other = Repository(tmp_path / "other.json")
    apply_import(other, plan_import(other, read_import(exported)))
    [copy] = other.reflections()
    assert copy.own_ratings == {item.id: 4} and copy.own_answers == {question.id: "Tight shoulders"}
    assert [i.label for i in other.settings().own_items] == [SAFE]
    assert [q.prompt for q in other.settings().own_questions] == [BODY]


def test_an_import_naming_an_unknown_own_item_is_refused_in_one_line_and_nothing_changes(
    tmp_path: Path, db: Path
) -> None:
    repo = Repository(db)
    own(repo, SAFE)
    repo.save(reflection(what_helped="mine"))
    before = sha256(db)
    stranger = "3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70"
    document = json.loads(export_json(repo))
    document.pop("settings")
    document["reflections"][0]["own_ratings"] = {stranger: 5}
    with pytest.raises(WorkbookError) as refused:
        apply_import(repo, plan_import(repo, read_import(json.dumps(document), source="hand-made.json")))
    message = refused.value.message
    assert "\n" not in message and "hand-made.json, reflections record 1" in message
    assert stranger in message and "Nothing was imported" in message
    assert sha256(db) == before


def test_newer_imported_settings_never_drop_an_own_item_defined_here(tmp_path: Path, db: Path) -> None:
    repo = Repository(db)
    mine = own(repo, SAFE).own_items[0]
    repo.save(reflection(own_ratings={mine.id: 7}))
    other = Repository(tmp_path / "other.json")
    own(other, "Felt heard")
    apply_import(repo, plan_import(repo, read_import(export_json(other))))
    labels = {i.label: i.retired for i in repo.settings().own_items}
    assert labels == {"Felt heard": False, SAFE: True}  # kept, so its rating keeps its words


# --- History -----------------------------------------------------------------------------------


def test_history_search_finds_an_entry_by_the_own_thing_it_rated_and_the_answers(db: Path) -> None:
    repo = Repository(db)
    settings = own(repo, SAFE, questions=((BODY, "before"),))
    repo.save(reflection(own_ratings={settings.own_items[0].id: 6}))
    repo.save(checkin(own_answers={settings.own_questions[0].id: "a knot in my stomach"}))
    repo.save(reflection(what_helped="unrelated"))
    items = all_items(repo)
    assert [i.kind for i in matching(items, text="disagree")] == ["reflection"]
    assert [i.kind for i in matching(items, text="knot stomach")] == ["checkin"]
    assert [i.kind for i in matching(items, text="notice in my body")] == ["checkin"]


def test_check_notes_answers_to_questions_no_longer_in_the_settings(db: Path) -> None:
    repo = Repository(db)
    repo.save(reflection(own_answers={"3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70": "words"}))
    assert "1 own rating or answer names a thing to rate or question no longer in the settings" in check_workbook(db)


# --- the pages --------------------------------------------------------------------------------


def test_an_own_thing_to_rate_is_added_in_settings_rated_after_a_session_and_shown_in_history(
    db: Path, open_page: Open
) -> None:
    at = open_page("settings")
    settings_tab(at, "Your own ratings and questions")
    at.text_input(key="settings_items_new_0").input(SAFE)
    button(at, "Add it").click().run()
    assert not at.exception
    [item] = Repository(db).settings().own_items
    assert item.label == SAFE and "Added. It is asked after each session." in all_text(at)

    at = open_page("reflection")
    pill = scales(at)[f"reflection_rate_{item.id}"]
    assert pill.label == SAFE and pill.chosen is None  # nothing chosen for the person
    choose(at, f"reflection_rate_{item.id}", 3)
    at.text_area(key="reflection_what_helped").input("Talking it through")
    button(at, "Save reflection").click().run()
    [saved] = Repository(db).reflections()
    assert saved.own_ratings == {item.id: 3} and saved.overall is None

    history = open_page("history")
    button(history, "Open").click().run()
    assert f"{SAFE} 3/10" in all_text(history)


def test_an_own_thing_left_unrated_is_not_stored_as_a_number(db: Path, open_page: Open) -> None:
    own(Repository(db), SAFE)
    at = open_page("reflection")
    at.text_area(key="reflection_insights").input("Words only")
    button(at, "Save reflection").click().run()
    [saved] = Repository(db).reflections()
    assert saved.own_ratings == {}


def test_own_questions_are_asked_before_or_after_and_answers_stored_with_the_entry(db: Path, open_page: Open) -> None:
    settings = own(Repository(db), questions=(("How am I arriving?", "before"), (BODY, "after")))
    before, after = settings.own_questions
    at = open_page("checkin")
    assert at.text_area(key=f"checkin_answer_{before.id}").label == label_safe("How am I arriving?")
    assert not [t for t in at.text_area if t.key == f"checkin_answer_{after.id}"]
    at.text_area(key=f"checkin_answer_{before.id}").input("Tired, but here")
    button(at, "Save check-in").click().run()
    assert Repository(db).checkins()[0].own_answers == {before.id: "Tired, but here"}

    at = open_page("reflection")
    at.text_area(key=f"reflection_answer_{after.id}").input("Shoulders dropped")
    button(at, "Save reflection").click().run()
    assert Repository(db).reflections()[0].own_answers == {after.id: "Shoulders dropped"}


def test_a_retired_things_rating_stays_editable_in_the_entry_that_has_it(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    item = own(repo, SAFE).own_items[0]
    saved = repo.save(reflection(own_ratings={item.id: 6}, what_helped="x"))
    repo.change_settings(lambda s: preferences.retired(s, "own_items", item.id))
    assert not [key for key in scales(open_page("reflection")) if key.endswith(item.id)]  # not asked any more
    history = open_page("history")
    button(history, "Open").click().run()
    button(history, "Edit").click().run()
    key = f"history_entry_{saved.id[:8]}_rate_{item.id}"
    assert scales(history)[key].chosen == 6
    choose(history, key, 8)
    button(history, "Save reflection").click().run()
    assert Repository(db).reflections()[0].own_ratings == {item.id: 8}


def test_settings_rewords_reorders_and_retires_own_questions(db: Path, open_page: Open) -> None:
    settings = own(Repository(db), questions=(("First?", "after"), ("Second?", "after")))
    first = settings.own_questions[0]
    at = open_page("settings")
    settings_tab(at, "Your own ratings and questions")
    at.text_input(key=f"settings_questions_{first.id}").input("First, reworded?")
    at.radio(key=f"settings_questions_{first.id}_asked").set_value("before")
    button_of(at, f"settings_questions_{first.id}_save").click().run()
    button_of(at, f"settings_questions_{first.id}_down").click().run()
    questions = Repository(db).settings().own_questions
    assert [(q.prompt, q.asked) for q in questions] == [("Second?", "after"), ("First, reworded?", "before")]
    button_of(at, f"settings_questions_{first.id}_retire").click().run()
    assert Repository(db).settings().asked("before") == ()
    assert "Its past answers are kept." in all_text(at)


def test_a_suggested_question_is_one_click_away(db: Path, open_page: Open) -> None:
    at = open_page("settings")
    settings_tab(at, "Your own ratings and questions")
    assert not [b for b in at.button if b.key == "settings_questions_suggested_0"]  # drawn once opened
    opened(at, SUGGESTIONS)
    button_of(at, "settings_questions_suggested_0").click().run()
    [question] = Repository(db).settings().own_questions
    assert question.prompt.endswith("?") and not question.retired


def test_a_regular_session_is_added_in_settings_and_home_names_the_next_one(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection(day=(date.today() - timedelta(days=3)).isoformat(), overall=8))
    first = date.today() + timedelta(days=2)
    at = open_page("settings")
    settings_tab(at, "Your sessions")
    at.date_input(key="settings_sessions_new_0_first").set_value(first)
    at.time_input(key="settings_sessions_new_0_start").set_value(time(17, 0))
    button(at, "Add").click().run()
    assert not at.exception
    assert "Every week on Tuesdays" not in all_text(at) or first.weekday() == 1
    [plan] = Repository(db).settings().calendar.schedules
    assert (plan.starts_on, plan.start, plan.minutes, plan.every_weeks) == (first, time(17, 0), 50, 1)
    home = open_page("home")
    assert f"Next session: {first:%A %-d %B}, 17:00 — check in beforehand." in all_text(home).replace("**", "")
    checkin_page = open_page("checkin")
    assert checkin_page.date_input(key="checkin_session_date").value == first


def test_a_new_reflection_defaults_to_the_last_session_on_the_calendar() -> None:
    cal = SessionCalendar(schedules=(Schedule(starts_on=date(2026, 11, 3), start=time(17, 0)),))
    assert suggested_session_date(None, date(2026, 11, 19), cal, datetime(2026, 11, 19, 9, 0)) == date(2026, 11, 17)
    assert checkin_date(cal, datetime(2026, 11, 19, 9, 0)) == date(2026, 11, 24)
    assert checkin_date(cal, datetime(2026, 11, 24, 17, 30)) == date(2026, 11, 24)  # still going on


def test_home_asks_for_a_reflection_the_day_of_a_calendar_session() -> None:
    today = date(2026, 11, 24)
    step = next_step((), (), (), (), today, next_session_on=today + timedelta(days=7), last_session_on=today)
    assert (step.page, step.headline) == ("reflection", "Reflect on your session")
    done = (reflection(day=today.isoformat()),)
    step = next_step((), (), done, (), today, next_session_on=today + timedelta(days=7), last_session_on=today)
    assert step.headline == f"Your next session is on {today + timedelta(days=7):%A %-d %B}"


# --- the demo ----------------------------------------------------------------------------------


def test_the_demo_has_an_own_thing_rated_in_most_sessions_a_question_and_a_weekly_tuesday() -> None:
    entries = build_demo(40, until=date(2026, 11, 26))
    settings = next(e for e in entries if isinstance(e, Settings))
    reflections = [e for e in entries if isinstance(e, Reflection)]
    assert [i.label for i in settings.own_items] == ["Felt safe to disagree"] == [OWN_ITEM.label]
    assert [q.prompt for q in settings.own_questions] == [OWN_QUESTION.prompt]
    rated = [r for r in reflections if OWN_ITEM.id in r.own_ratings]
    answered = [r for r in reflections if OWN_QUESTION.id in r.own_answers]
    assert len(rated) >= 0.7 * len(reflections) and 0 < len(answered) < len(reflections)
    [plan] = settings.calendar.schedules
    assert (plan.starts_on.weekday(), plan.start, plan.minutes, plan.every_weeks) == (1, time(17, 0), 50, 1)
    assert {r.session_date.weekday() for r in reflections} == {1}  # the sessions are on its Tuesdays too


def button_of(at, key: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.key == key)


def test_a_session_is_cancelled_once_and_reminders_set_from_settings(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    first = date.today() + timedelta(days=1)
    repo.change_settings(
        lambda s: preferences.with_schedule(s, starts_on=first, start=time(9, 30), minutes=50, every_weeks=2)
    )
    at = open_page("settings")
    settings_tab(at, "Your sessions")
    assert f"Every other {first:%A}, 09:30 for 50 minutes" in all_text(at)
    opened(at, "settings_sessions_change_open")
    [plan] = Repository(db).settings().calendar.schedules
    which = at.selectbox(key="settings_sessions_change_which")
    assert which.options[0].startswith("tomorrow, 09:30")
    which.set_value((plan.id, first))
    at.radio(key="settings_sessions_change_what").set_value("cancelled")
    button(at, "Save this change").click().run()
    assert not at.exception
    [change] = Repository(db).settings().calendar.changes
    assert (change.on, change.moved_to) == (first, None)
    assert f"{first:%A} {first.day} {first:%B}: not happening" in all_text(at)
    home = open_page("home")
    later = first + timedelta(weeks=2)
    assert f"Next session: {later:%A} {later.day} {later:%B}" in all_text(home).replace("**", "")
    at.number_input(key="settings_sessions_before").set_value(60)
    at.checkbox(key="settings_sessions_named").check()
    button(at, "Save reminders").click().run()
    cal = Repository(db).settings().calendar
    assert (cal.remind_before, cal.remind_after, cal.show_therapist) == (60, 15, True)
    button_of(at, f"settings_sessions_undo_{change.schedule_id}_{change.on}").click().run()
    assert Repository(db).settings().calendar.changes == ()


def test_schedules_and_changes_are_described_in_plain_words() -> None:
    from workbook.schedule import describe, describe_change

    plan = Schedule(starts_on=date(2026, 12, 1), start=time(17, 0), therapist="Sam", every_weeks=2)
    assert describe(plan) == "Every other Tuesday, 17:00 for 50 minutes, with Sam, from 1 December 2026"
    settings = preferences.with_schedule(
        Settings(), starts_on=date(2026, 12, 1), start=time(17, 0), minutes=50, every_weeks=1
    )
    sid = settings.calendar.schedules[0].id
    moved = preferences.with_change(settings, sid, date(2026, 12, 8), datetime(2026, 12, 9, 18, 0))
    assert describe_change(moved.calendar.changes[0]) == "Tuesday 8 December: moved to Wednesday 9 December, 18:00"


# --- what a hostile tester found (each failed before its fix) ---------------------------------


def test_a_retired_label_is_never_drawn_as_markdown_and_the_add_box_starts_empty(db: Path, open_page: Open) -> None:
    hostile = "![x](http://example.invalid/x.png) **bold** <b>h</b>"
    at = open_page("settings")
    settings_tab(at, "Your own ratings and questions")
    at.text_input(key="settings_items_new_0").input(hostile)
    button(at, "Add it").click().run()
    assert at.text_input(key="settings_items_new_1").value == ""  # a fresh, empty box for the next one
    [item] = Repository(db).settings().own_items
    button_of(at, f"settings_items_{item.id}_retire").click().run()
    said = [s.value for s in at.success]
    assert said == ["Retired. Its past ratings are kept."]
    assert "example.invalid" not in " ".join(m.value for m in at.markdown)


def test_the_same_words_twice_and_an_empty_label_are_refused_in_plain_words() -> None:
    settings = preferences.with_own_item(Settings(), SAFE)
    with pytest.raises(InvalidEntryError, match="already have one with these words"):
        preferences.with_own_item(settings, "  i felt SAFE to disagree ")
    with pytest.raises(InvalidEntryError, match=r"^Write a few words first: what you want to rate\?$"):
        preferences.with_own_item(settings, "   ")
    retired = preferences.retired(settings, "own_items", settings.own_items[0].id)
    again = preferences.with_own_item(retired, SAFE)  # a retired one does not block its words
    with pytest.raises(InvalidEntryError, match="already have one with these words"):
        preferences.retired(again, "own_items", settings.own_items[0].id, retire=False)


def test_direction_overrides_are_taken_out_of_labels_and_therapist_names() -> None:
    assert OwnItem(label="safe\u202e to disagree").label == "safe to disagree"
    assert Schedule(starts_on=date(2026, 12, 1), therapist="Dr X\u202e").therapist == "Dr X"
    with pytest.raises(ValueError, match="cannot be empty"):
        OwnItem(label="\u202e")


def test_an_import_with_older_settings_still_brings_the_own_items_its_ratings_need(tmp_path: Path, db: Path) -> None:
    there = Repository(tmp_path / "there.json")
    item = own(there, "ZZ from the other device").own_items[0]
    there.save(reflection(own_ratings={item.id: 1}))
    exported = export_json(there)
    repo = Repository(db)
    own(repo, SAFE)  # settings here are changed after the export was made: they are newer
    plan = apply_import(repo, plan_import(repo, read_import(exported)))
    assert "1 updated (1 settings)" in plan.summary()
    labels = {i.label: i.retired for i in repo.settings().own_items}
    assert labels == {SAFE: False, "ZZ from the other device": False}
    assert "no longer in the settings" not in check_workbook(db)


def test_a_session_cannot_be_moved_to_a_day_already_past() -> None:
    today = date(2026, 11, 26)
    settings = preferences.with_schedule(
        Settings(), starts_on=date(2026, 12, 1), start=time(17, 0), minutes=50, every_weeks=1
    )
    sid = settings.calendar.schedules[0].id
    with pytest.raises(InvalidEntryError, match="20 November 2026 has passed"):
        preferences.with_change(settings, sid, date(2026, 12, 1), datetime(2026, 11, 20, 17, 0), today=today)
    moved = preferences.with_change(settings, sid, date(2026, 12, 1), datetime(2026, 11, 26, 18, 0), today=today)
    assert moved.calendar.changes[0].moved_to == datetime(2026, 11, 26, 18, 0)


def test_history_previews_an_entry_whose_only_words_are_own_answers(db: Path) -> None:
    repo = Repository(db)
    question = own(repo, questions=((BODY, "after"),)).own_questions[0]
    repo.save(reflection(own_answers={question.id: "Warm and heavy"}))
    [item] = all_items(repo)
    assert item.preview == "Warm and heavy"


def test_the_reflections_csv_names_own_ratings_and_questions_in_the_clients_words(db: Path) -> None:
    from workbook.reports import entries_frame

    repo = Repository(db)
    settings = own(repo, SAFE, questions=((BODY, "after"),))
    repo.save(reflection(own_ratings={settings.own_items[0].id: 6}, own_answers={settings.own_questions[0].id: "Calm"}))
    frame = entries_frame(repo.reflections(), repo.settings())
    assert frame.loc[0, f"Own rating: {SAFE}"] == 6 and frame.loc[0, f"Own question: {BODY}"] == "Calm"
    assert "own_ratings" not in frame.columns


def test_a_button_on_one_own_item_keeps_words_typed_into_another_and_into_the_new_box(
    db: Path, open_page: Open
) -> None:
    first, second = own(Repository(db), SAFE, "I could say no").own_items
    at = open_page("settings")
    settings_tab(at, "Your own ratings and questions")
    at.text_input(key=f"settings_items_{first.id}").input("Safe to disagree, even when it was hard")
    at.text_input(key="settings_items_new_0").input("Felt heard")
    button_of(at, f"settings_items_{second.id}_retire").click().run()
    assert at.text_input(key=f"settings_items_{first.id}").value == "Safe to disagree, even when it was hard"
    settings_tab(at, "Your sessions")  # another tab, and back: the new box's words come back too
    settings_tab(at, "Your own ratings and questions")
    assert at.text_input(key="settings_items_new_0").value == "Felt heard"


def test_no_reflection_is_asked_for_during_a_session_nor_twice_for_one() -> None:
    cal = SessionCalendar(schedules=(Schedule(starts_on=date(2026, 11, 3), start=time(17, 0)),))
    during = datetime(2026, 11, 24, 17, 20)
    assert suggested_session_date(None, during.date(), cal, during) == date(2026, 11, 17)  # the one before
    after = datetime(2026, 11, 24, 18, 0)
    assert suggested_session_date(None, after.date(), cal, after) == date(2026, 11, 24)
    reflected = [date(2026, 11, 24)]
    assert suggested_session_date(None, after.date(), cal, after, reflected=reflected) == after.date()
    morning = datetime(2026, 11, 24, 9, 0)  # before today's session: last week's already has its reflection
    assert suggested_session_date(None, morning.date(), cal, morning, reflected=[date(2026, 11, 17)]) == date(
        2026, 11, 24
    )
