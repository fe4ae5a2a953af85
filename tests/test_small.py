"""Issue 25, item 11, the smaller findings: a second `make demo`, Settings' therapists, adding a regular
session, and validation messages in the person's language. (Typed dates: tests/test_browser_small.py.)"""

from __future__ import annotations

import re
import subprocess
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from pydantic import BaseModel, Field, ValidationError

from tests.apptest import Open, all_text, button
from tests.conftest import ROOT, checkin, goal, reflection, run_cli, sha256
from tests.test_pages import opened, settings_tab
from workbook import i18n, preferences
from workbook.demo import fill_with_demo, untouched_demo
from workbook.errors import InvalidEntryError
from workbook.models import FeedbackNote, Reflection, Schedule, SessionCalendar, Settings
from workbook.repository import Repository
from workbook.validation import build_entry, parse_entry, problems_of

UNTIL = "2026-11-01"

# --- a second `make demo` ---------------------------------------------------------------------


def make_demo(db: Path) -> subprocess.CompletedProcess[str]:
    """`make demo` as a person runs it (the venv taken as installed), into `db`."""
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "demo", f"DEMO_DB={db}"],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_make_demo_a_second_time_gives_a_fresh_demo_and_says_how_to_start_the_app(tmp_path: Path) -> None:
    db = tmp_path / "demo-workbook.json"
    first = make_demo(db)
    assert first.returncode == 0, first.stderr
    assert f"WORKBOOK_DB={db} make run" in first.stdout
    again = make_demo(db)
    assert again.returncode == 0, again.stderr  # it failed here before, suggesting the very file it refused
    assert "Replaced the demo" in again.stdout and "Nothing in it had been written or changed" in again.stdout
    assert f"WORKBOOK_DB={db} python -m workbook.launcher run" in again.stdout
    assert f"WORKBOOK_DB={db} make run" in again.stdout
    repo = Repository(db)
    assert repo.counts()["reflection"] == 40 and untouched_demo(repo)


def test_a_second_demo_of_another_size_or_language_replaces_every_entry_of_the_first(tmp_path: Path) -> None:
    db = tmp_path / "demo.json"
    assert run_cli("demo", "--db", str(db), "--sessions", "30", "--until", UNTIL).returncode == 0
    done = run_cli("demo", "--db", str(db), "--sessions", "12", "--until", UNTIL, "--language", "es")
    assert done.returncode == 0, done.stderr
    assert "Start the app with it" not in done.stdout  # said in the demo's language
    repo = Repository(db)
    assert repo.counts()["reflection"] == repo.counts()["checkin"] == 12
    assert repo.settings().language == "es" and untouched_demo(repo)


def _a_goal_of_their_own(repo: Repository) -> None:
    repo.save(goal("Words of my own"))


def _an_edited_reflection(repo: Repository) -> None:
    first = repo.reflections()[0]
    repo.save(first.model_copy(update={"insights": "I changed this myself."}))


def _a_language_chosen(repo: Repository) -> None:
    repo.change_settings(lambda s: preferences.with_language(s, "es"))


def _a_deleted_entry_and_a_new_one(repo: Repository) -> None:
    repo.delete(Reflection, repo.reflections()[0].id)
    repo.save(reflection(day="2026-10-30", overall=3))


@pytest.mark.parametrize(
    "touch", [_a_goal_of_their_own, _an_edited_reflection, _a_language_chosen, _a_deleted_entry_and_a_new_one]
)
def test_a_demo_with_anything_the_person_wrote_or_chose_is_never_replaced(tmp_path: Path, touch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo-workbook.json"
    assert run_cli("demo", "--db", str(db), "--sessions", "12", "--until", UNTIL).returncode == 0
    touch(Repository(db))
    assert not untouched_demo(Repository(db))
    before = sha256(db)
    done = run_cli("demo", "--db", str(db), "--sessions", "12", "--until", UNTIL, env={i18n.ENV: "en"})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert sha256(db) == before
    [line] = done.stderr.strip().splitlines()
    assert "already has entries" in line and "nothing was changed" in line
    assert f"To open it as it is: WORKBOOK_DB={db} python -m workbook.launcher run" in line
    suggested = re.search(r"such as (\S+?)\. To open it", line)
    assert suggested, line
    other = Path(suggested.group(1))
    assert other != db and other.parent == tmp_path and not other.exists()  # not the very file it refused
    assert run_cli("demo", "--db", str(other), "--sessions", "3", "--until", UNTIL).returncode == 0


def test_a_demo_goes_into_an_empty_workbook_as_before(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "w.json")
    assert not untouched_demo(repo)  # nothing there: not a demo either
    assert fill_with_demo(repo, sessions=6, until=date(2026, 11, 1)) > 12
    assert untouched_demo(Repository(tmp_path / "w.json"))


# --- Settings' therapists include the ones named in entries --------------------------------------


def test_a_therapist_named_only_in_a_check_in_is_offered_to_the_settings_list(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.change_settings(lambda s: s.model_copy(update={"therapists": ("Dr Old",)}))
    repo.save(checkin(therapist="Dr Rivera"))
    repo.save(reflection(therapist="dr old"))  # the same therapist in other letters: already listed
    at = open_page("settings")
    assert "Dr Rivera" in all_text(at)
    at.checkbox(key="settings_add_unlisted").check()
    button(at, "Save settings").click().run()
    assert not at.exception
    assert Repository(db).settings().therapists == ("Dr Old", "Dr Rivera")
    assert at.text_area(key="settings_therapists").value == "Dr Old\nDr Rivera"
    assert "Dr Rivera" not in all_text(at)  # offered no more: it is in the list
    assert not [box for box in at.checkbox if box.key == "settings_add_unlisted"]
    assert "Settings saved." in all_text(at)


def test_a_therapist_offered_is_not_added_unless_asked(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection(therapist="Dr Rivera"))
    at = open_page("settings")
    at.text_input(key="settings_name").input("Alex")
    button(at, "Save settings").click().run()
    assert Repository(db).settings().therapists == () and Repository(db).settings().name == "Alex"
    assert "Dr Rivera" in all_text(at)  # still offered


def test_the_names_offered_come_from_every_kind_of_entry_and_the_regular_sessions() -> None:
    plan = Schedule(starts_on=date(2026, 11, 3), start=time(17, 0), therapist="Sam Calendar")
    settings = Settings(therapists=("Ana",), calendar=SessionCalendar(schedules=(plan,)))
    named = [
        checkin(therapist="Bea"),
        reflection(therapist="ANA"),
        FeedbackNote(body="x", period_start=date(2026, 1, 1), period_end=date(2026, 2, 1), therapist="Cai"),
        checkin(therapist="bea"),
        checkin(),
    ]
    assert preferences.unlisted_therapists(settings, named) == ["Bea", "Cai", "Sam Calendar"]
    assert preferences.therapists_with("Ana\n\n", ["Bea"]) == "Ana\nBea"


# --- "Add another regular session" closes and starts afresh --------------------------------------


def test_after_adding_a_regular_session_its_box_closes_and_starts_empty(db: Path, open_page: Open) -> None:
    at = open_page("settings")
    settings_tab(at, "Your sessions")
    first = date.today() + timedelta(days=2)
    at.date_input(key="settings_sessions_new_0_first").set_value(first)
    at.time_input(key="settings_sessions_new_0_start").set_value(time(18, 30))
    at.number_input(key="settings_sessions_new_0_minutes").set_value(60)
    button(at, "Add").click().run()
    assert not at.exception
    [plan] = Repository(db).settings().calendar.schedules
    assert (plan.start, plan.minutes) == (time(18, 30), 60)
    assert "Added. Home now shows your next session." in all_text(at)
    new_fields = [w.key for w in (*at.time_input, *at.number_input) if "sessions_new" in (w.key or "")]
    assert new_fields == []  # closed: it stayed open, with 18:30 and 60 still in it
    assert not [e for e in at.expander if e.label == "Add another regular session" and e.proto.expanded]
    opened(at, "settings_sessions_new_1_open")
    assert at.time_input(key="settings_sessions_new_1_start").value == time(17, 0)
    assert at.number_input(key="settings_sessions_new_1_minutes").value == 50
    button(at, "Add").click().run()  # a second one, from the usual values
    assert [(p.start, p.minutes) for p in Repository(db).settings().calendar.schedules] == [
        (time(18, 30), 60),
        (time(17, 0), 50),
    ]


# --- validation messages in the person's language ----------------------------------------------

# Bad data as a file or an import could hold it, each meeting a different check of pydantic's.
BAD = {
    "a time that is not one": (
        "settings",
        {"calendar": {"schedules": [{"starts_on": "2026-01-06", "start": "25:99"}]}},
    ),
    "a language code that is not one": ("settings", {"language": "Spanish!"}),
    "a rating out of range": ("reflection", {"session_date": "2026-03-14", "trust": 11}),
    "a date that is not one": ("reflection", {"session_date": "2026-02-30"}),
    "too long": ("goal", {"title": "x" * 600}),
    "a number that is not one": ("settings", {"backups_to_keep": "lots"}),
}


def _pydantic_words(kind: str, data: dict) -> list[str]:
    from workbook.models import ENTRY_TYPES

    with pytest.raises(ValidationError) as raised:
        ENTRY_TYPES[kind].model_validate(data)
    return [error["msg"] for error in raised.value.errors()]


@pytest.mark.parametrize("case", BAD)
def test_every_validation_message_is_in_spanish_without_pydantic_english(case: str) -> None:
    kind, data = BAD[case]
    english = _pydantic_words(kind, data)
    with i18n.speaking("es"), pytest.raises(InvalidEntryError) as raised:
        parse_entry(kind, data)
    said = [raised.value.message, *(p.message for p in raised.value.problems)]
    for message in said:
        for words in english:
            assert words.lower() not in message.lower(), message
        assert not re.search(r"\b(should|input|string|valid|pattern|format)\b", message, re.IGNORECASE), message


def test_a_bad_time_and_a_bad_language_are_said_in_plain_spanish() -> None:
    with i18n.speaking("es"):
        with pytest.raises(InvalidEntryError) as raised:
            parse_entry("settings", BAD["a time that is not one"][1])
        assert "Hora de inicio: debe ser una hora del día, por ejemplo 17:30." in raised.value.message
        with pytest.raises(InvalidEntryError) as raised:
            build_entry(Settings, language="Spanish!")
        assert raised.value.for_field("language") == (
            "Idioma: debe ser un código de idioma, como en o es (o nada, para seguir a tu navegador)."
        )


class _Odd(BaseModel):
    """Checks our models do not use today, to show what a check without words of ours says."""

    step: int = Field(0, multiple_of=5, title="Step")
    share: float = Field(0.5, gt=0, lt=1, title="Share")


def test_a_check_without_words_of_its_own_gets_translated_words_never_pydantics() -> None:
    with pytest.raises(ValidationError) as raised:
        _Odd.model_validate({"step": 7, "share": 2})
    with i18n.speaking("es"):
        said = {p.field: p.message for p in problems_of(_Odd, raised.value)}
    assert said["step"] == "Step: no es válido aquí; revisa lo que tiene escrito."
    assert said["share"] == "Share: debe ser menos de 1."
    with pytest.raises(ValidationError) as raised:
        _Odd.model_validate({"share": 0})
    assert [p.message for p in problems_of(_Odd, raised.value)] == ["Share must be more than 0."]
