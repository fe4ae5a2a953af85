"""Words as a client reads them (issue 25, item 11): a goal's progress in words on After a session as on
Goals, and the Spanish wording: research figures with a decimal comma, a warm word for the check-in, and
a workbook nobody else reads (private, not lonely)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from tests.apptest import PAGES, all_text
from tests.conftest import ROOT, goal
from workbook import i18n
from workbook.i18n import _
from workbook.repository import Repository
from workbook.wording import LADDER, NOT_A_CRISIS_SERVICE

SPANISH_PO = ROOT / "workbook" / "locales" / "es" / "LC_MESSAGES" / "messages.po"


def page(name: str, db: Path, monkeypatch: pytest.MonkeyPatch, language: str) -> AppTest:
    monkeypatch.setenv("WORKBOOK_DB", str(db))
    monkeypatch.setenv(i18n.ENV, language)
    at = AppTest.from_file(str(ROOT / "home.py"), default_timeout=60)
    at.run()
    at.switch_page(PAGES[name]).run()
    assert not at.exception, at.exception
    return at


def choices(at: AppTest, key: str) -> list[str]:
    """The words on a rating scale's choices, as the page drew them (ui/scale.py)."""
    for element in at.get("bidi_component"):
        data = json.loads(element.proto.json)
        if element.proto.component_name == "alliance_scale" and data["id"] == key:
            return [text for _value, text in data["options"]]
    raise AssertionError(f"no scale {key}")


@pytest.mark.parametrize("language", ["en", "es"])
def test_after_a_session_offers_a_goals_progress_in_the_words_goals_uses(
    language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen failing before the change: the choices were "-2", "-1", "0", "+1", "+2"."""
    db = tmp_path / "workbook.json"
    target = Repository(db).save(goal("Sleep better"))
    at = page("reflection", db, monkeypatch, language)
    with i18n.speaking(language):
        words = [_(LADDER[level]) for level in (-2, -1, 0, 1, 2)]
    assert choices(at, f"reflection_goal_{target.id}") == words
    assert "Much more than expected" in words or "Mucho más de lo esperado" in words
    assert not re.search(r"[+−-]2: ", all_text(at))  # no key from -2 … +2 to words left to decode


def test_the_guide_in_spanish_writes_research_figures_with_a_decimal_comma(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen failing before the change: "r = .28", "r = .29", "d ≈ 0.15"."""
    text = all_text(page("guide", tmp_path / "workbook.json", monkeypatch, "es"))
    for figure in ("r = 0,28", "r = 0,29", "d ≈ 0,15"):
        assert figure in text, figure
    assert not re.search(r"[=≈] ?0?\.\d", text)


def spanish() -> list[tuple[str, tuple[str, ...]]]:
    """Every translated message: its English and its Spanish (both forms of a plural)."""
    with SPANISH_PO.open("rb") as f:
        catalogue = read_po(f, locale="es")
    found = []
    for message in catalogue:
        english = message.id[0] if isinstance(message.id, tuple) else message.id
        said = message.string if isinstance(message.string, tuple) else (message.string,)
        if english and all(said) and not message.fuzzy:
            found.append((english, said))
    return found


def test_the_check_in_has_one_warm_name_in_spanish_everywhere() -> None:
    """A check-in is a "preparación" (getting ready for a session), never "registro previo", which reads as
    paperwork. Seen failing before the change: 36 messages said "registro previo"."""
    check_in = re.compile(r"check(ed|s)?[- ]in|checkin", re.IGNORECASE)
    named = [(english, said) for english, said in spanish() if check_in.search(english)]
    assert len(named) > 20
    for english, said in named:
        for spanish_words in said:
            assert "registro" not in spanish_words.lower(), (english, spanish_words)
            assert "prepar" in spanish_words.lower(), (english, spanish_words)
    assert not [said for _english, said in spanish() if any("registro previo" in s.lower() for s in said)]


def test_the_workbook_says_in_spanish_that_nobody_else_reads_it() -> None:
    """Meant as private, not lonely. Seen failing before the change: "nadie lo lee"."""
    with i18n.speaking("es"):
        said = _(NOT_A_CRISIS_SERVICE)
    assert "nadie lo lee" not in said and "solo lo lees tú" in said
    assert not [s for _english, s in spanish() if any("nadie lo lee" in words for words in s)]
