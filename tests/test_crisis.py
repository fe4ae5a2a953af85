"""Crisis resources follow the country the client names (issue 17): only cited numbers, the client's
own lines never replaced."""

from __future__ import annotations

import pytest

from workbook import i18n
from workbook.crisis import COUNTRIES, EMERGENCY, CitedLine, Country, country_named, lines_for, shown_lines
from workbook.models import DEFAULT_CRISIS_LINES, CrisisLine, Settings


def test_the_five_countries_come_in_order() -> None:
    assert list(COUNTRIES) == ["ES", "MX", "AR", "US", "GB"]
    assert all(code == country.code for code, country in COUNTRIES.items())


@pytest.mark.parametrize("code", list(COUNTRIES))
def test_every_country_shows_at_least_an_emergency_number_and_a_crisis_line(code: str) -> None:
    shown = lines_for(COUNTRIES[code])
    assert len(shown) >= 2
    assert shown[0].name == EMERGENCY
    assert any(line.name != EMERGENCY for line in shown)


def test_the_us_and_the_uk_have_cited_crisis_lines_of_their_own() -> None:
    for code in ("US", "GB"):
        lines = COUNTRIES[code].lines
        assert len(lines) >= 2
        assert any(line.name != EMERGENCY for line in lines)


@pytest.mark.parametrize("line", [line for country in COUNTRIES.values() for line in country.lines])
def test_every_cited_line_has_an_https_source_and_fits_a_crisis_line(line: CitedLine) -> None:
    assert line.source.startswith("https://")
    assert " " not in line.source
    assert any(char.isdigit() for char in line.contact)  # a number, not only words
    assert CrisisLine(name=line.name, contact=line.contact) == CrisisLine.model_validate(
        {"name": line.name, "contact": line.contact}
    )
    Settings(crisis_country="x", crisis_lines=(CrisisLine(name=line.name, contact=line.contact),))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Spain", "ES"),
        ("España", "ES"),
        ("españa ", "ES"),
        ("ESPANA", "ES"),
        ("Mexico", "MX"),
        ("México", "MX"),
        ("méxico", "MX"),
        ("Argentina", "AR"),
        ("  argentina", "AR"),
        ("USA", "US"),
        ("US", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("Estados Unidos", "US"),
        ("EEUU", "US"),
        ("EE. UU.", "US"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("united  kingdom", "GB"),
        ("Reino Unido", "GB"),
        ("Scotland", "GB"),
        ("Gales", "GB"),
        ("Northern Ireland", "GB"),
    ],
)
def test_country_named_knows_english_and_spanish_names(text: str, code: str) -> None:
    country = country_named(text)
    assert isinstance(country, Country)
    assert country.code == code


@pytest.mark.parametrize("text", ["", "   ", "France", "Francia", "Españita", "United", "Chile"])
def test_an_unknown_country_is_none(text: str) -> None:
    assert country_named(text) is None


def test_defaults_and_a_known_country_give_that_countrys_lines() -> None:
    shown = shown_lines(DEFAULT_CRISIS_LINES, "Reino Unido")
    assert shown == lines_for(COUNTRIES["GB"])
    assert [line.name for line in shown] == [EMERGENCY, "Samaritans", "NHS 111"]
    assert shown[0].contact == "999"
    assert "116 123" in shown[1].contact


def test_every_country_asked_for_has_its_emergency_number_and_a_crisis_line_of_its_own() -> None:
    """Spain, Mexico, Argentina, the USA and the UK: a number to call now and a line to talk to."""
    for code in ("ES", "MX", "AR", "US", "GB"):
        lines = COUNTRIES[code].lines
        assert [line.name for line in lines if line.name == EMERGENCY], code
        assert [line.name for line in lines if line.name != EMERGENCY], code
    spain = shown_lines(DEFAULT_CRISIS_LINES, "España")
    assert spain[0] == CrisisLine(name=EMERGENCY, contact="112") and "024" in spain[1].contact


def test_a_country_without_a_cited_crisis_line_keeps_the_general_pointer() -> None:
    bare = Country(code="XX", name="Nowhere", lines=())
    assert lines_for(bare) == DEFAULT_CRISIS_LINES


def test_defaults_and_an_unknown_country_give_the_defaults() -> None:
    assert shown_lines(DEFAULT_CRISIS_LINES, "") == DEFAULT_CRISIS_LINES
    assert shown_lines(DEFAULT_CRISIS_LINES, "France") == DEFAULT_CRISIS_LINES
    assert shown_lines(list(DEFAULT_CRISIS_LINES), "Narnia") == DEFAULT_CRISIS_LINES


@pytest.mark.parametrize("country", ["", "Spain", "USA", "Reino Unido", "Atlantis"])
def test_the_clients_own_lines_are_shown_exactly_as_written(country: str) -> None:
    own = (
        CrisisLine(name="Mi terapeuta", contact="Llamar a Ana: 600 000 000"),
        CrisisLine(name="Emergency services", contact="112"),
    )
    assert shown_lines(own, country) == own
    edited = (DEFAULT_CRISIS_LINES[0],)  # one default removed is the client's choice too
    assert shown_lines(edited, country) == edited
    with i18n.speaking("es"):
        assert shown_lines(own, country) == own


def test_shown_lines_follow_the_settings_as_saved() -> None:
    settings = Settings(crisis_country="México")
    assert shown_lines(settings.crisis_lines, settings.crisis_country) == lines_for(COUNTRIES["MX"])


@pytest.mark.parametrize("code", list(COUNTRIES))
def test_lines_are_read_in_the_current_language(code: str) -> None:
    country = COUNTRIES[code]
    with i18n.speaking("es"):
        assert isinstance(i18n._(country.name), str)
        shown = lines_for(country)
        assert all(isinstance(line, CrisisLine) for line in shown)
        assert shown_lines(DEFAULT_CRISIS_LINES, i18n._(country.name)) == shown
        assert all(isinstance(line, CrisisLine) for line in shown_lines(DEFAULT_CRISIS_LINES, "Atlantis"))


def test_every_cited_line_is_shown_with_its_own_name_and_number() -> None:
    for country in COUNTRIES.values():
        shown = lines_for(country)
        for cited in country.lines:
            assert CrisisLine(name=cited.name, contact=cited.contact) in shown
