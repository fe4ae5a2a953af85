"""Issue 25 walkthrough: a cleared date or time in Settings → "Your sessions" is refused in the
client's language, next to the field, and nothing is saved."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from tests.apptest import Open, all_text
from tests.test_own import button_of
from tests.test_pages import opened, settings_tab
from ui.language import country_written
from workbook import i18n, preferences
from workbook.crisis import country_meant
from workbook.i18n import _
from workbook.repository import Repository


def spanish(db: Path) -> None:
    Repository(db).change_settings(lambda s: s.model_copy(update={"language": "es"}))


def test_a_cleared_start_time_is_refused_in_spanish_and_nothing_saved(db: Path, open_page: Open) -> None:
    spanish(db)
    at = open_page("settings")
    with i18n.speaking("es"):
        settings_tab(at, _("Your sessions"))
        at.time_input(key="settings_sessions_new_0_start").set_value(None)
        button_of(at, "settings_sessions_new_0_go").click().run()
        assert not at.exception, at.exception
        assert Repository(db).settings().calendar.schedules == ()
        assert [e.value for e in at.error] == ["Elige una hora de inicio"]
        at.date_input(key="settings_sessions_new_0_first").set_value(None)
        at.time_input(key="settings_sessions_new_0_start").set_value(time(18, 0))
        button_of(at, "settings_sessions_new_0_go").click().run()
        assert Repository(db).settings().calendar.schedules == ()
        assert [e.value for e in at.error] == ["Elige el día de la próxima sesión"]
        at.date_input(key="settings_sessions_new_0_first").set_value(date.today())
        button_of(at, "settings_sessions_new_0_go").click().run()
        [plan] = Repository(db).settings().calendar.schedules
        assert (plan.starts_on, plan.start) == (date.today(), time(18, 0))
        assert "Elige" not in all_text(at)


def test_a_session_is_not_moved_to_a_cleared_day_or_time(db: Path, open_page: Open) -> None:
    today = date.today()
    Repository(db).change_settings(
        lambda s: preferences.with_schedule(s, starts_on=today, start=time(9, 30), minutes=50, every_weeks=1)
    )
    at = open_page("settings")
    settings_tab(at, "Your sessions")
    opened(at, "settings_sessions_change_open")
    at.time_input(key="settings_sessions_change_at").set_value(None)
    button_of(at, "settings_sessions_change_go").click().run()
    assert Repository(db).settings().calendar.changes == ()
    assert [e.value for e in at.error] == ["Choose the new time"]
    at.date_input(key="settings_sessions_change_day").set_value(None)
    at.time_input(key="settings_sessions_change_at").set_value(time(10, 0))
    button_of(at, "settings_sessions_change_go").click().run()
    assert Repository(db).settings().calendar.changes == ()
    assert [e.value for e in at.error] == ["Choose the new day"]


# --- item 3: a country typed in part is the country meant; another is kept, and said plainly --------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("United King", "GB"),
        ("united stat", "US"),
        ("Reino Uni", "GB"),
        ("Arg", "AR"),
        ("Mexco", "MX"),
        ("Espana", "ES"),
        ("Spai", "ES"),
        ("UK", "GB"),
        ("Uni", None),  # the United States or the United Kingdom: not guessed
        ("Narnia", None),
        ("Ireland", None),
        ("", None),
    ],
)
def test_a_country_typed_in_part_or_with_a_slip_is_the_one_meant(typed: str, code: str | None) -> None:
    meant = country_meant(typed)
    assert (meant.code if meant else None) == code


def test_settings_country_is_the_same_picker_as_the_first_visit(db: Path, open_page: Open) -> None:
    at = open_page("settings")
    box = at.selectbox(key="settings_crisis_country")  # a plain text box before
    assert box.placeholder == "Choose, or type its name"
    box.set_value("MX")  # AppTest picks only listed options: typing is tested in Chromium
    at.button(key="settings_save").click().run()
    assert not at.exception, at.exception
    assert Repository(db).settings().crisis_country == "Mexico"
    assert "no crisis lines of its own" not in " ".join(c.value for c in at.caption)


def test_a_country_typed_in_part_is_saved_by_its_name_in_the_language_spoken() -> None:
    assert country_written("United King") == "United Kingdom"
    assert country_written("  Narnia  ") == "Narnia"
    with i18n.speaking("es"):
        assert country_written("United King") == "Reino Unido"
