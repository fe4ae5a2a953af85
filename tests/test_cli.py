"""`python -m workbook`, run as a separate process the way a person runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import icalendar
import pytest

from tests.conftest import ROOT, goal, run_cli, sha256
from tests.test_schedule import CLIENT_WORDS, private_workbook
from workbook.repository import Repository
from workbook.transfer import MAX_IMPORT_BYTES

UNTIL = "2026-11-01"


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    done = run_cli("demo", "--db", str(path), "--sessions", "12", "--until", UNTIL)
    assert done.returncode == 0, done.stderr
    return path


def assert_clean_failure(done, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0]


def test_demo_fills_an_empty_workbook_and_refuses_a_full_one(demo_db: Path) -> None:
    counts = Repository(demo_db).counts()
    assert counts["checkin"] == counts["reflection"] == 12
    Repository(demo_db).save(goal("Words of my own"))  # no longer an untouched demo (tests/test_small.py)
    before = sha256(demo_db)
    again = run_cli("demo", "--db", str(demo_db))
    assert_clean_failure(again, "already has entries")
    assert sha256(demo_db) == before


def test_demo_is_deterministic(tmp_path: Path) -> None:
    for name in ("a.json", "b.json"):
        assert run_cli("demo", "--db", str(tmp_path / name), "--seed", "3", "--until", UNTIL).returncode == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert run_cli("demo", "--db", str(tmp_path / "c.json"), "--seed", "4", "--until", UNTIL).returncode == 0
    assert (tmp_path / "a.json").read_bytes() != (tmp_path / "c.json").read_bytes()


def test_export_import_round_trip_through_the_command_line(demo_db: Path, tmp_path: Path) -> None:
    first, second, fresh = tmp_path / "first.json", tmp_path / "second.json", tmp_path / "fresh.json"
    assert run_cli("export", "--db", str(demo_db), "--out", str(first), "--include-private").returncode == 0
    imported = run_cli("import", "--db", str(fresh), str(first))
    assert imported.returncode == 0 and "new" in imported.stdout
    assert run_cli("export", "--db", str(fresh), "--out", str(second), "--include-private").returncode == 0
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert a.pop("exported_at") and b.pop("exported_at")
    assert a == b
    again = run_cli("import", "--db", str(fresh), str(first))
    assert "already here" in again.stdout and "new" not in again.stdout


def test_export_says_when_private_reflections_were_left_out(demo_db: Path, tmp_path: Path) -> None:
    private = sum(r.private for r in Repository(demo_db).reflections())
    done = run_cli("export", "--db", str(demo_db), "--out", str(tmp_path / "x.json"))
    exported = json.loads((tmp_path / "x.json").read_text())
    assert len(exported["reflections"]) == 12 - private
    if private:
        assert "--include-private" in done.stdout


def test_export_never_writes_over_the_workbook_or_another_file(demo_db: Path, tmp_path: Path) -> None:
    before = sha256(demo_db)
    assert_clean_failure(run_cli("export", "--db", str(demo_db), "--out", str(demo_db)), "not an export")
    notes = tmp_path / "notes.txt"
    notes.write_text("my other notes")
    assert_clean_failure(run_cli("export", "--db", str(demo_db), "--out", str(notes)), "choose a new file name")
    assert sha256(demo_db) == before and notes.read_text() == "my other notes"


def test_check_reports_a_sound_workbook_in_one_line(demo_db: Path) -> None:
    before = sha256(demo_db)
    done = run_cli("check", "--db", str(demo_db))
    assert done.returncode == 0
    assert done.stdout.count("\n") == 1
    assert done.stdout.startswith("OK:") and "12 reflections" in done.stdout
    assert sha256(demo_db) == before


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"format": "alliance-workbook", "schema_version": 1}'])
def test_check_and_every_command_fail_cleanly_on_a_damaged_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "workbook.json"
    path.write_bytes(content)
    export = tmp_path / "e.json"
    export.write_text(json.dumps({"format": "alliance-workbook-export", "version": 1}))
    for args in (
        ["check"],
        ["backup"],
        ["export", "--out", str(tmp_path / "out.json")],
        ["import", str(export)],
        ["demo"],
    ):
        done = run_cli(*args, "--db", str(path))
        assert_clean_failure(done, str(path))
        assert path.read_bytes() == content
    assert not (tmp_path / "out.json").exists()


def test_check_of_a_missing_workbook_says_so(tmp_path: Path) -> None:
    assert_clean_failure(run_cli("check", "--db", str(tmp_path / "none.json")), "no workbook")
    assert not (tmp_path / "none.json").exists()


def test_import_of_a_hostile_file_changes_nothing(demo_db: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    run_cli("export", "--db", str(demo_db), "--out", str(export), "--include-private")
    document = json.loads(export.read_text())
    document["goals"][1]["status"] = "<script>alert(1)</script>"
    export.write_text(json.dumps(document))
    before = sha256(demo_db)
    done = run_cli("import", "--db", str(demo_db), str(export))
    assert_clean_failure(done, "goals record 2", "Status must be one of")
    assert sha256(demo_db) == before
    for junk in (b"\x00\x01\x02", b"[" * 100_000, b'{"format": "alliance-workbook-export", "version": true}'):
        export.write_bytes(junk)
        assert_clean_failure(run_cli("import", "--db", str(demo_db), str(export)))
        assert sha256(demo_db) == before


def test_backup_takes_a_timestamped_copy(demo_db: Path, tmp_path: Path) -> None:
    done = run_cli("backup", "--db", str(demo_db), "--dir", str(tmp_path / "copies"))
    assert done.returncode == 0
    copies = list((tmp_path / "copies").iterdir())
    assert len(copies) == 1 and copies[0].name.startswith("demo-") and copies[0].name.endswith("-manual.json")
    assert copies[0].read_bytes() == demo_db.read_bytes()
    assert str(copies[0]) in done.stdout


def test_db_defaults_to_the_environment_variable(demo_db: Path) -> None:
    done = run_cli("check", env={"WORKBOOK_DB": str(demo_db)})
    assert done.returncode == 0 and str(demo_db) in done.stdout


def test_without_db_or_variable_the_workbook_lives_in_the_user_data_folder(tmp_path: Path) -> None:
    done = run_cli("where", env={"WORKBOOK_DB": "", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")})
    assert done.returncode == 0
    assert str(tmp_path / "data" / "alliance-workbook" / "workbook.json") in done.stdout


@pytest.mark.parametrize(
    "args",
    [["nonsense"], ["demo", "--sessions", "many"], ["demo", "--until", "soon"], ["import"], []],
)
def test_usage_mistakes_get_one_clear_line(args: list[str], tmp_path: Path) -> None:
    done = run_cli(*args, env={"WORKBOOK_DB": str(tmp_path / "w.json")})
    assert done.returncode == 2
    assert_clean_failure(done, "--help")


# --- files that are not what they seem ------------------------------------------------------------


def _at_most_2_gib() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run_cli_bounded(*args: str, env: dict[str, str] | None = None, seconds: float = 30):  # type: ignore[no-untyped-def]
    """`run_cli` for input that once hung or ate memory: a regression fails fast instead of taking the machine."""
    return subprocess.run(
        [sys.executable, "-m", "workbook", *args],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        cwd=ROOT,
        timeout=seconds,
        preexec_fn=_at_most_2_gib,
    )


def test_import_reads_only_regular_files_of_a_sane_size(demo_db: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "export.json"
    os.mkfifo(pipe)
    before = sha256(demo_db)
    for source, words in (
        (pipe, "not a regular file"),
        (Path("/dev/zero"), "not a regular file"),
        (tmp_path, "folder"),
    ):
        started = time.monotonic()
        done = run_cli_bounded("import", "--db", str(demo_db), str(source))
        assert_clean_failure(done, str(source), words)
        assert time.monotonic() - started < 20
        assert sha256(demo_db) == before


def test_import_refuses_a_file_larger_than_the_limit(demo_db: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk used
    before = sha256(demo_db)
    assert_clean_failure(run_cli_bounded("import", "--db", str(demo_db), str(big)), "larger than 200 MB")
    assert sha256(demo_db) == before


def _export_of(demo_db: Path, tmp_path: Path) -> tuple[Path, dict]:
    export = tmp_path / "export.json"
    assert run_cli("export", "--db", str(demo_db), "--out", str(export), "--include-private").returncode == 0
    return export, json.loads(export.read_text())


def _future(document: dict) -> str:
    document["goals"][0]["updated_at"] = "2999-01-01T00:00:00Z"
    return json.dumps(document)


def _shared_id(document: dict) -> str:
    document["goals"][0]["id"] = document["reflections"][0]["id"]
    return json.dumps(document)


def _many_ratings(document: dict) -> str:
    document["goals"][0]["progress"] = [{"on": "2026-03-14", "rating": 1}] * 100_000
    return json.dumps(document)


def _ansi_id(document: dict) -> str:
    document["goals"][0]["id"] = "\x1b[31mred\x1b[0m" * 50
    return json.dumps(document)


@pytest.mark.parametrize(
    ("hostile", "words"),
    [
        (lambda text, doc: text.replace('"overall": ', '"overall": 1' + "0" * 5000 + ', "x": ', 1), "not a valid"),
        (lambda text, doc: text.replace('"goals": [', '"goals": [], "goals": [', 1), '"goals" twice'),
        (lambda text, doc: text.replace('"goals": [', '"notes": [], "goals": [', 1), '"notes"'),
        (lambda text, doc: _future(doc), "future"),
        (lambda text, doc: _shared_id(doc), "reflection"),
        (lambda text, doc: _many_ratings(doc), "more than 5,000 progress ratings"),
        (lambda text, doc: _ansi_id(doc), "goals record 1"),
    ],
    ids=["long-number", "section-twice", "unknown-section", "future", "shared-id", "many-ratings", "ansi-id"],
)
def test_a_hostile_export_is_refused_in_one_line_and_changes_nothing(demo_db: Path, tmp_path: Path, hostile, words):  # type: ignore[no-untyped-def]
    export, document = _export_of(demo_db, tmp_path)
    export.write_text(hostile(export.read_text(), document))
    before = sha256(demo_db)
    done = run_cli_bounded("import", "--db", str(demo_db), str(export))
    assert_clean_failure(done, str(export), words)
    assert "\x1b" not in done.stderr and len(done.stderr) < 600
    assert sha256(demo_db) == before


def test_check_reports_an_interrupted_encryption_and_changes_nothing(tmp_path: Path) -> None:
    from tests.test_backups import NEW, interrupt, workbook_with_backups

    path = tmp_path / "workbook.json"
    workbook_with_backups(path, None)
    interrupt(path, "encrypt", "right after the workbook is rewritten")
    before = {p: sha256(p) for p in path.parent.rglob("*") if p.is_file()}
    done = run_cli("check", "--db", str(path), env={"WORKBOOK_PASSPHRASE": NEW})
    assert done.returncode == 0, done.stderr
    assert "an encryption change was interrupted" in done.stdout
    assert "3 backups are readable without the passphrase" in done.stdout
    assert {p: sha256(p) for p in path.parent.rglob("*") if p.is_file()} == before
    run_cli("backup", "--db", str(path), env={"WORKBOOK_PASSPHRASE": NEW})  # any other command settles it
    again = run_cli("check", "--db", str(path), env={"WORKBOOK_PASSPHRASE": NEW})
    assert "interrupted" not in again.stdout and "readable" not in again.stdout, again.stdout


# --- calendar -------------------------------------------------------------------------------------


def _workbook_with_sessions(path: Path, *, show_therapist: bool = False) -> Repository:
    repo = Repository(path)
    private_workbook(repo, show_therapist)
    return repo


def test_calendar_writes_the_regular_sessions_with_reminders_and_none_of_the_clients_words(tmp_path: Path) -> None:
    path, out = tmp_path / "workbook.json", tmp_path / "sessions.ics"
    schedule = _workbook_with_sessions(path).settings().calendar.schedules[0]
    before = sha256(path)
    env = {"TZ": "Europe/Berlin"}
    done = run_cli("calendar", "--db", str(path), "--out", str(out), "--url", "http://192.168.1.20:8501", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and str(out) in done.stdout and "1 regular session " in done.stdout
    data = out.read_bytes()
    for words in CLIENT_WORDS:
        assert words.lower().encode() not in data.lower(), words
    parsed = icalendar.Calendar.from_ical(data)
    parsed.validate()
    event, moved = parsed.events
    assert event["UID"] == moved["UID"] == f"{schedule.id}@alliance-workbook.local"
    assert event["SUMMARY"] == "Therapy session" and event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event.start.tzinfo is not None and str(event.start.tzinfo) == "Europe/Berlin"  # this computer's zone
    assert [a["DESCRIPTION"] for a in event.walk("VALARM")] == [
        "Check in before your session: http://192.168.1.20:8501/Before_a_session",
        "Reflect while it is fresh: http://192.168.1.20:8501/After_a_session",
    ]
    assert out.stat().st_mode & 0o077 == 0  # like every file the workbook writes: the owner's only
    assert sha256(path) == before  # only read
    again = run_cli("calendar", "--db", str(path), "--out", str(out), env=env)  # a calendar of ours is replaced
    assert again.returncode == 0, again.stderr
    assert [e["UID"] for e in icalendar.Calendar.from_ical(out.read_bytes()).events] == [event["UID"]] * 2
    assert b"http://localhost:8501/Before_a_session" in out.read_bytes()  # the default address


def test_calendar_names_the_therapist_only_when_ticked(tmp_path: Path) -> None:
    path, out = tmp_path / "workbook.json", tmp_path / "sessions.ics"
    _workbook_with_sessions(path, show_therapist=True)
    done = run_cli("calendar", "--db", str(path), "--out", str(out))
    assert done.returncode == 0 and "your therapist's name" in done.stdout
    assert b"SUMMARY:Therapy session with Dr Mira Okafor" in out.read_bytes()
    assert b"Robin Quill" not in out.read_bytes()


def test_calendar_on_a_machine_without_a_zone_writes_floating_times_unless_given_one(tmp_path: Path) -> None:
    path, out = tmp_path / "workbook.json", tmp_path / "sessions.ics"
    _workbook_with_sessions(path)
    assert run_cli("calendar", "--db", str(path), "--out", str(out), env={"TZ": "Etc/UTC"}).returncode == 0
    event = icalendar.Calendar.from_ical(out.read_bytes()).events[0]
    assert event.start == datetime(2026, 3, 3, 17, 0) and b"TZID" not in out.read_bytes()  # 17:00 on any clock
    given = run_cli("calendar", "--db", str(path), "--out", str(out), "--zone", "America/New_York", env={"TZ": "UTC"})
    assert given.returncode == 0, given.stderr
    assert b"DTSTART;TZID=America/New_York:20260303T170000" in out.read_bytes()
    assert b"BEGIN:VTIMEZONE" in out.read_bytes()


def test_calendar_of_a_workbook_without_regular_sessions_says_where_to_add_one(tmp_path: Path) -> None:
    out = tmp_path / "sessions.ics"
    empty = tmp_path / "workbook.json"
    Repository(empty).save(goal("Sleep before midnight"))
    for path in (empty, tmp_path / "missing.json"):
        assert_clean_failure(
            run_cli("calendar", "--db", str(path), "--out", str(out)), "no regular sessions", "Settings"
        )
        assert not out.exists()


def test_calendar_never_writes_over_the_workbook_or_another_file(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    _workbook_with_sessions(path)
    before = sha256(path)
    notes = tmp_path / "notes.ics"
    notes.write_text("BEGIN:VCALENDAR\nPRODID:-//Someone else//EN\n")
    for out, words in ((path, "choose a new file name"), (notes, "choose a new file name"), (tmp_path, "is a folder")):
        assert_clean_failure(run_cli("calendar", "--db", str(path), "--out", str(out)), words)
    assert sha256(path) == before and notes.read_text().startswith("BEGIN:VCALENDAR\nPRODID:-//Someone")


@pytest.mark.parametrize(
    ("option", "words"),
    [(["--zone", "Mars/Olympus"], "not a time zone"), (["--url", "localhost:8501"], "not a web address")],
)
def test_calendar_refuses_a_bad_zone_or_address_in_one_line(tmp_path: Path, option: list[str], words: str) -> None:
    path, out = tmp_path / "workbook.json", tmp_path / "sessions.ics"
    _workbook_with_sessions(path)
    assert_clean_failure(run_cli("calendar", "--db", str(path), "--out", str(out), *option), words)
    assert not out.exists()


def test_calendar_of_an_encrypted_workbook_asks_for_the_passphrase(tmp_path: Path) -> None:
    path, out = tmp_path / "workbook.json", tmp_path / "sessions.ics"
    _workbook_with_sessions(path).encrypt("correct horse battery staple")
    missing = run_cli("calendar", "--db", str(path), "--out", str(out), env={"WORKBOOK_PASSPHRASE": ""})
    assert_clean_failure(missing, "WORKBOOK_PASSPHRASE")
    wrong = run_cli("calendar", "--db", str(path), "--out", str(out), env={"WORKBOOK_PASSPHRASE": "not it at all"})
    assert_clean_failure(wrong, "does not open")
    assert not out.exists()
    done = run_cli(
        "calendar", "--db", str(path), "--out", str(out), env={"WORKBOOK_PASSPHRASE": "correct horse battery staple"}
    )
    assert done.returncode == 0, done.stderr
    assert b"Robin Quill" not in out.read_bytes() and b"BEGIN:VEVENT" in out.read_bytes()


def test_calendar_without_out_is_a_usage_mistake(tmp_path: Path) -> None:
    done = run_cli("calendar", "--db", str(tmp_path / "w.json"))
    assert done.returncode == 2
    assert_clean_failure(done, "--out")


def test_calendar_refuses_a_pipe_a_dash_and_an_address_with_more_than_the_start(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    _workbook_with_sessions(path)
    pipe = tmp_path / "pipe.ics"
    os.mkfifo(pipe)  # reading it to see whether it is ours would wait for ever
    assert_clean_failure(run_cli("calendar", "--db", str(path), "--out", str(pipe)), "choose a new file name")
    assert_clean_failure(run_cli("calendar", "--db", str(path), "--out", "-"), "such as sessions.ics")
    for url in ("http://localhost:8711/?a=b#x", "http://localhost:8711/app", "http://localhost:8711#top"):
        done = run_cli("calendar", "--db", str(path), "--out", str(tmp_path / "s.ics"), "--url", url)
        assert_clean_failure(done, "give only its start")
    done = run_cli("calendar", "--db", str(path), "--out", str(tmp_path / "s.ics"), "--url", "http://localhost:8711/")
    assert done.returncode == 0 and b"http://localhost:8711/Before_a_session" in (tmp_path / "s.ics").read_bytes()


# --- the language it speaks (issue 17) ----------------------------------------------------------


def _workbook_speaking(path: Path, language: str) -> Path:
    Repository(path).change_settings(lambda s: s.model_copy(update={"language": language}))
    return path


@pytest.fixture
def no_system_language(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No language set on this computer (Spanish is one the app speaks: its catalogue is built)."""
    from workbook import i18n

    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert "es" in i18n.LANGUAGES
    return monkeypatch


def test_the_command_line_speaks_workbook_language_over_the_workbook_and_the_system(
    tmp_path: Path, no_system_language: pytest.MonkeyPatch
) -> None:
    from workbook import cli

    english = _workbook_speaking(tmp_path / "en.json", "en")
    no_system_language.setenv("LANG", "en_GB.UTF-8")
    no_system_language.setenv("WORKBOOK_LANGUAGE", "es")
    assert cli.language_for(english) == "es"
    assert cli.command_language(["where", "--db", str(english)]) == "es"
    no_system_language.setenv("WORKBOOK_LANGUAGE", "klingon")  # not one it speaks: as if unset
    assert cli.language_for(english) == "en"


def test_the_command_line_speaks_the_workbook_language_else_the_system_one(
    tmp_path: Path, no_system_language: pytest.MonkeyPatch
) -> None:
    from workbook import cli

    spanish = _workbook_speaking(tmp_path / "es.json", "es")
    assert cli.language_for(spanish) == "es"
    assert cli.command_language(["check", f"--db={spanish}"]) == "es"
    unchosen = _workbook_speaking(tmp_path / "unchosen.json", "")
    assert cli.language_for(unchosen) == "en"
    no_system_language.setenv("LANG", "es_AR.UTF-8")
    assert cli.language_for(unchosen) == cli.language_for(tmp_path / "missing.json") == "es"
    no_system_language.setenv("LC_ALL", "C")  # LC_ALL decides over LANG; C is no language the app speaks
    assert cli.language_for(None) == "en"
    (tmp_path / "damaged.json").write_text("{not json")
    no_system_language.delenv("LC_ALL")
    assert cli.language_for(tmp_path / "damaged.json") == "es"  # skipped silently: `check` says what is wrong


def test_an_encrypted_workbook_is_not_opened_to_choose_a_language(
    tmp_path: Path, no_system_language: pytest.MonkeyPatch
) -> None:
    from workbook import cli

    path = _workbook_speaking(tmp_path / "locked.json", "es")
    Repository(path).encrypt("correct horse battery staple")
    no_system_language.setenv("LANG", "en_US.UTF-8")
    assert cli.language_for(path) == "en"


def test_workbook_language_reaches_the_command_and_its_help(
    tmp_path: Path, no_system_language: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbook import cli, i18n

    spoken: list[str] = []
    no_system_language.setitem(cli.COMMANDS, "where", lambda path, args: spoken.append(i18n.current()) or "ok")
    real = cli._

    def recording(message: str) -> str:
        spoken.append(i18n.current())
        return real(message)

    no_system_language.setattr(cli, "_", recording)  # the parser's words are asked for in the language spoken
    no_system_language.setenv("WORKBOOK_LANGUAGE", "es")
    assert cli.main(["where", "--db", str(tmp_path / "w.json")]) == 0
    assert spoken and set(spoken) == {"es"}
    assert capsys.readouterr().out == "ok\n"
    assert i18n.current() == "en"  # only for the command's own work
    with i18n.speaking("es"):
        args = cli.build_parser().parse_args(["demo", "--db", str(tmp_path / "d.json")])
    assert args.language == "es"  # the demo speaks the command line's language unless told otherwise
    assert cli.build_parser().parse_args(["demo", "--language", "es"]).language == "es"
    assert cli.build_parser().parse_args(["demo"]).language == "en"


def test_the_demo_can_be_asked_for_in_a_language(tmp_path: Path) -> None:
    done = run_cli("demo", "--db", str(tmp_path / "es.json"), "--sessions", "3", "--until", UNTIL, "--language", "es")
    assert done.returncode == 0, done.stderr
    wrong = run_cli("demo", "--db", str(tmp_path / "x.json"), "--language", "klingon")
    assert wrong.returncode == 2 and "--language" in wrong.stderr and "Traceback" not in wrong.stderr
