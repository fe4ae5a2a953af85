"""The app in the client's language: every word wrapped, every word translated, and nothing in English
left on a Spanish screen, in AppTest and in a real Chromium.

The catalogue is checked against the code (a sentence added to the code and not to the catalogue
fails here, with the command that fixes it), against itself (every msgid translated, placeholders
alike) and against its compiled .mo (the file the app reads).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from tests.apptest import PAGES, all_text
from tests.conftest import ROOT
from ui.speech import STREAMLIT_WORDS
from workbook import i18n
from workbook.demo import fill_with_demo
from workbook.i18n import _
from workbook.repository import Repository

LOCALES = ROOT / "workbook" / "locales"
SPANISH_PO = LOCALES / "es" / "LC_MESSAGES" / "messages.po"
SPANISH_MO = SPANISH_PO.with_suffix(".mo")
SOURCES = ("workbook", "ui", "pages", "home.py", "app.py")
FIELD = re.compile(r"\{[^{}]*\}")
# Words that are English and never Spanish: two of them on one line of a Spanish screen is English left over.
ENGLISH = frozenset(
    re.findall(
        r"\w+",
        "the your you and with this that what when how for is are was were of to it have has from about after before"
        " session sessions not will can here there or would which they them their our we my be been an by",
    )
)


# --- choosing the language ---------------------------------------------------------------------------


def test_the_computer_outranks_settings_which_outrank_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.choose("", None) == "en"
    assert i18n.choose("", "es-MX") == "es"
    assert i18n.choose("en", "es-MX") == "en"  # chosen in Settings beats the browser
    assert i18n.choose("", "fr-FR") == "en"  # a language the app does not speak: English
    monkeypatch.setenv(i18n.ENV, "es_AR.UTF-8")
    assert i18n.choose("en", "en-GB") == "es" and i18n.forced()


def test_dates_and_numbers_are_written_as_each_language_writes_them() -> None:
    day = date(2026, 2, 9)
    assert (i18n.long_date(day), i18n.weekday_day_month(day), i18n.number(1234)) == (
        "9 February 2026",
        "Monday 9 February",
        "1,234",
    )
    with i18n.speaking("es"):
        assert (i18n.long_date(day), i18n.weekday_day_month(day), i18n.weekday_name(1)) == (
            "9 de febrero de 2026",
            "lunes 9 de febrero",
            "martes",
        )
    assert i18n.current() == "en"  # speaking() ends with its block


# --- every word wrapped --------------------------------------------------------------------------------

TRANSLATORS = {"_", "ngettext", "pgettext", "N_"}
# Streamlit calls whose first argument, or whose label/help/placeholder, a person reads.
SHOWN = {
    "title", "header", "subheader", "write", "markdown", "caption", "info", "warning", "error", "success",
    "toast", "button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "text_input", "text_area",
    "number_input", "date_input", "time_input", "slider", "select_slider", "pills", "segmented_control",
    "expander", "popover", "metric", "download_button", "form_submit_button", "link_button", "tabs", "status",
    "spinner", "page_link", "feedback", "dialog",
}  # fmt: skip
READ_KEYWORDS = {"label", "help", "placeholder", "caption", "value_label"}


def python_files() -> list[Path]:
    files: list[Path] = []
    for name in SOURCES:
        path = ROOT / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in files if "_app" not in f.parts]


def has_words(node: ast.AST) -> bool:
    """A literal (or the literal parts of an f-string, or a list of literals) with a word in it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.search(r"[A-Za-z]{2,}", node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(has_words(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.List | ast.Tuple):
        return any(has_words(e) for e in node.elts)
    if isinstance(node, ast.BinOp):
        return has_words(node.left) or has_words(node.right)
    return False


def test_no_sentence_is_built_where_the_catalogue_cannot_see_it() -> None:
    """`_(f"…")` and `_("a" + b)` cannot be listed in the catalogue: each is one sentence never translated."""
    found = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in TRANSLATORS:
                texts = node.args[1:3] if node.func.id == "pgettext" else node.args[:2]
                found += [
                    f"{path.relative_to(ROOT)}:{node.lineno}" for a in texts if isinstance(a, ast.JoinedStr | ast.BinOp)
                ]
    assert found == [], f"a sentence built inside _(): name its parts with {{fields}} and .format() after: {found}"


def test_every_word_the_pages_draw_is_wrapped_for_translation() -> None:
    """A Streamlit call in the pages and ui drawing an English literal (not through `_()`) would stay
    English on every other language's screen."""
    found = []
    for path in python_files():
        if path.parts[len(ROOT.parts)] == "workbook":
            continue  # the domain draws nothing; its words are checked by the Spanish screens below
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if (
                not (isinstance(node.func.value, ast.Name) and node.func.value.id == "st")
                or node.func.attr not in SHOWN
            ):
                continue
            first = node.args[:1] if node.func.attr not in ("page_link", "code") else []
            read = [k.value for k in node.keywords if k.arg in READ_KEYWORDS]
            found += [f"{path.relative_to(ROOT)}:{node.lineno}" for a in (*first, *read) if has_words(a)]
    assert found == [], f"English drawn without _(): {found}"


# --- every word translated -----------------------------------------------------------------------------


def extracted(tmp_path: Path):  # type: ignore[no-untyped-def]
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "pyproject.toml",
         "-o", str(pot), *SOURCES],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as f:
        return read_po(f)


def spanish():  # type: ignore[no-untyped-def]
    with SPANISH_PO.open("rb") as f:
        return read_po(f, locale="es")


def key(message) -> tuple[str | None, str]:  # type: ignore[no-untyped-def]
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return message.context, msgid


def test_the_spanish_catalogue_has_every_sentence_of_the_code(tmp_path: Path) -> None:
    code = {key(m) for m in extracted(tmp_path) if m.id}
    catalogue = {key(m) for m in spanish() if m.id}
    missing = sorted(code - catalogue, key=str)
    assert missing == [], f"not in the Spanish catalogue (run `make translations`, then translate): {missing[:20]}"
    assert sorted(catalogue - code, key=str) == [], "sentences no longer in the code: run `make translations`"


def test_every_sentence_has_a_spanish_translation_with_the_same_placeholders() -> None:
    untranslated, unlike = [], []
    for message in spanish():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            untranslated.append(ids[0])
            continue
        fields = set(FIELD.findall(ids[-1])) | set(FIELD.findall(ids[0]))
        if message.context == "date pattern":
            continue
        for text in strings:
            if set(FIELD.findall(text)) - fields or (len(ids) == 1 and set(FIELD.findall(text)) != fields):
                unlike.append((ids[0], text))
            if text.count("**") != ids[0].count("**"):
                unlike.append((ids[0], text))
    assert untranslated == [], f"{len(untranslated)} without a translation (or fuzzy): {untranslated[:15]}"
    assert unlike == [], f"placeholders or bold not alike: {unlike[:10]}"


def test_the_compiled_catalogue_is_the_one_translated() -> None:
    """The app reads the .mo: a .po translated and not compiled would show English."""
    import gettext

    with SPANISH_MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = []
    for message in spanish():
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            # Spanish has two forms: the first for 1, the second for every other count
            got = (
                compiled.ngettext(message.id[0], message.id[1], 1),
                compiled.ngettext(message.id[0], message.id[1], 5),
            )
            want = tuple(message.string)
        elif message.context:
            got, want = compiled.pgettext(message.context, message.id), message.string
        else:
            got, want = compiled.gettext(message.id), message.string
        if got != want:
            stale.append(message.id)
    assert stale == [], f"the .mo is older than the .po (run `make translations`): {stale[:10]}"


# --- no English on a Spanish screen ---------------------------------------------------------------------


def english_left(text: str) -> list[str]:
    """Lines with two or more words that are English and never Spanish."""
    left = []
    for line in text.splitlines():
        words = set(re.findall(r"[a-z]+", line.lower()))
        if len(words & ENGLISH) >= 2:
            left.append(line.strip())
    return left


WIDGETS = (
    *("button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "text_input", "text_area"),
    *("number_input", "date_input", "time_input", "slider", "select_slider", "expander", "tabs", "metric"),
)


def shown(at: AppTest) -> str:
    """Everything AppTest can read of a page: texts, headings, labels, help, options, buttons."""
    parts = [all_text(at)]
    parts += [e.value for e in (*at.title, *at.header, *at.subheader)]
    for kind in WIDGETS:
        for widget in at.get(kind):
            proto = getattr(widget, "proto", None)
            parts += [getattr(widget, "label", "") or "", getattr(proto, "help", "") or ""]
            parts += [str(o) for o in getattr(widget, "options", []) or []]
            parts += [getattr(proto, "placeholder", "") or ""]
    return "\n".join(str(p) for p in parts if p)


@pytest.fixture(scope="module")
def spanish_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("es") / "workbook.json"
    fill_with_demo(Repository(path), sessions=40, language="es")
    return path


def spanish_page(name: str, path: Path, monkeypatch: pytest.MonkeyPatch, **state: object) -> AppTest:
    monkeypatch.setenv("WORKBOOK_DB", str(path))
    at = AppTest.from_file(str(ROOT / "home.py"), default_timeout=60)
    at.run()
    if name != "home":
        at.switch_page(PAGES[name])
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


SETTINGS_TABS = ("You and where to get help", "Your own ratings and questions", "Your sessions", "Your data")


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_in_spanish_has_no_english_left(
    name: str, spanish_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Spanish demo on every page (and every part of Settings): the workbook chose Spanish."""
    visits = [{}]
    if name == "settings":
        from ui.state import SETTINGS_TAB

        visits = [{SETTINGS_TAB: tab} for tab in SETTINGS_TABS]
    for state in visits:
        at = spanish_page(name, spanish_demo, monkeypatch, **state)
        text = shown(at)
        assert len(text) > 200, text
        assert english_left(text) == [], f"English on the Spanish {name} page: {english_left(text)[:10]}"


def test_the_workbook_speaks_the_language_chosen_on_the_first_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "workbook.json"
    monkeypatch.setenv("WORKBOOK_DB", str(path))
    at = AppTest.from_file(str(ROOT / "home.py"), default_timeout=60)
    at.run()
    assert at.title[0].value.startswith("Welcome")
    at.selectbox(key="home_language").set_value("es").run()
    assert not at.exception, at.exception
    assert Repository(path).settings().language == "es"
    with i18n.speaking("es"):
        welcome = _("Welcome")
    assert welcome != "Welcome" and at.title[0].value.startswith(welcome)


# --- in a real Chromium ----------------------------------------------------------------------------------


def screen_text(b) -> str:  # type: ignore[no-untyped-def]
    return b.page.locator("section[data-testid='stSidebar']").inner_text() + "\n" + b.page.locator("main").inner_text()


@pytest.mark.browser
def test_every_page_in_spanish_in_a_real_browser_has_no_english(spanish_demo: Path, tmp_path: Path) -> None:
    """WORKBOOK_LANGUAGE=es and the Spanish demo, every page and every tab of Settings, as a person reads
    it: the sidebar and the page, charts' own words (their alt texts) included."""
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    from tests.conftest import Browser, Server, chromium_path, launch_chromium
    from tests.test_browser import PAGES as PATHS

    if chromium_path() is None:
        pytest.skip("no Chromium found: install Debian's chromium or set CHROMIUM_PATH (.ci/run installs it)")
    server = Server(spanish_demo, tmp_path / "server.log", env={i18n.ENV: "es"})
    try:
        with sync_playwright() as p:
            chromium = launch_chromium(p)
            b = Browser(chromium.new_page(viewport={"width": 1280, "height": 1000}), urlparse(server.url).netloc)
            for path in PATHS:
                b.open(path)
                texts = [screen_text(b)]
                if path == "Settings_and_data":
                    tabs = b.page.get_by_role("tab")
                    for index in range(1, tabs.count()):
                        tabs.nth(index).click()
                        b.settle()
                        texts.append(screen_text(b))
                named = b.page.locator("[aria-label], [alt], [title], [placeholder]").evaluate_all(
                    "els => els.flatMap(e => ['aria-label', 'alt', 'title', 'placeholder']"
                    ".map(a => e.getAttribute(a)).filter(Boolean))"
                )
                leaves = b.page.locator("main *").evaluate_all(
                    "els => els.filter(e => !e.children.length).map(e => e.textContent.trim())"
                )
                streamlits = [
                    n
                    for n in (*named, *leaves)
                    if n in STREAMLIT_WORDS or n.startswith("Help for ") or " per file" in n
                ]
                assert streamlits == [], f"Streamlit's own English on /{path}: {streamlits}"
                texts += named
                assert b.page.locator("html").get_attribute("lang") == "es"  # a screen reader reads it as Spanish
                text = "\n".join(texts)
                assert english_left(text) == [], f"English on /{path} in Spanish: {english_left(text)[:10]}"
            assert b.outside == [] and b.dialogs == []
            chromium.close()
    finally:
        log = server.stop()
    assert "Traceback" not in log, log


@pytest.mark.browser
def test_a_browser_in_spanish_meets_a_new_workbook_in_spanish(server, browser) -> None:  # type: ignore[no-untyped-def]
    """No choice made yet: the welcome speaks the browser's language, and offers the choice."""
    from playwright.sync_api import expect

    context = browser.page.context.browser.new_context(locale="es-ES")
    page = context.new_page()
    page.goto(server.url)
    with i18n.speaking("es"):
        welcome, why = _("Welcome"), _("Why the relationship matters")
    expect(page.locator("main")).to_contain_text(why, timeout=30_000)
    assert welcome != "Welcome" and page.locator("h1").first.inner_text().startswith(welcome)
    context.close()


# --- what leaves the app in Spanish: the note, the table, the calendar -------------------------------------


def test_the_feedback_note_in_spanish_reads_back_from_the_pdf_with_its_accents() -> None:
    from pypdf import PdfReader

    from workbook.exports import FORMATS, prepared
    from workbook.feedback import HELPED, NOT_HELPED, Point, compose

    with i18n.speaking("es"):
        note = compose(
            [Point(HELPED, "Que me preguntaras qué necesitaba"), Point(NOT_HELPED, "El final con prisas")],
            start=date(2026, 1, 1),
            end=date(2026, 2, 1),
            therapist="Dra. Herrera",
            name="Clara",
        )
        pdf = FORMATS["pdf"].render(note)
        markdown = FORMATS["markdown"].render(note).decode()
        expected = [_("Feedback for {therapist}").format(therapist="Dra. Herrera"), _(HELPED), _(NOT_HELPED)]
        expected += [prepared(date.today()), "1 de enero de 2026", "1 de febrero de 2026"]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())
    for words in expected:
        assert words not in ("Feedback for Dra. Herrera", "What has helped", "What has not helped")  # translated
        assert " ".join(words.split()) in text, words
        assert words in markdown, words
    assert "Que me preguntaras qué necesitaba" in text and "El final con prisas" in text  # their words, as written
    assert english_left(text) == []


def test_a_table_downloaded_in_spanish_has_spanish_headers_and_the_same_data(tmp_path: Path) -> None:
    from workbook.reports import csv_of, entries_frame

    repo = Repository(tmp_path / "w.json")
    fill_with_demo(repo, sessions=6, language="es")
    english = csv_of(entries_frame(repo.reflections(), repo.settings())).decode().splitlines()
    with i18n.speaking("es"):
        spanish = csv_of(entries_frame(repo.reflections(), repo.settings())).decode().splitlines()
    assert english[0] != spanish[0] and "confianza" in spanish[0].split(",")
    assert english[1:] == spanish[1:]  # the rows themselves are data: the same in every language


def test_the_calendar_file_reminds_in_spanish(tmp_path: Path) -> None:
    from datetime import time

    from workbook import preferences, schedule

    repo = Repository(tmp_path / "w.json")
    repo.change_settings(
        lambda s: preferences.with_schedule(s, starts_on=date(2026, 3, 3), start=time(17), minutes=50, every_weeks=1)
    )
    with i18n.speaking("es"):
        ics = schedule.calendar_file(repo.settings(), "http://localhost:8501").decode()
        summary = _("Therapy session")
    assert summary != "Therapy session" and f"SUMMARY:{summary}" in ics
    unfolded = ics.replace("\r\n ", "").replace("\\n", "\n")
    assert english_left(re.sub(r"https?://\S+", "", unfolded)) == []  # the links name pages: data


# --- crisis lines follow the country ------------------------------------------------------------------------


def test_help_now_lists_the_lines_of_the_country_written_in_settings(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "workbook.json"
    repo = Repository(path)
    repo.change_settings(lambda s: s.model_copy(update={"crisis_country": "España", "language": "es"}))
    help_now = spanish_page("help", path, monkeypatch)
    text = shown(help_now)
    assert "024" in text and "112" in text and "717 003 717" in text
    assert "findahelpline" not in text  # the general pointer gives way to the country's own lines
    # Saving Settings as shown keeps the lines "untouched": a country written later brings its own.
    settings = spanish_page("settings", path, monkeypatch)
    settings.text_input(key="settings_name").set_value("Clara")
    settings.button(key="settings_save").click().run()
    assert not settings.exception, settings.exception
    stored = Repository(path).settings()
    assert stored.name == "Clara" and stored.crisis_lines == Repository.in_memory().settings().crisis_lines
    repo.change_settings(lambda s: s.model_copy(update={"crisis_country": "Reino Unido"}))
    assert "116 123" in shown(spanish_page("help", path, monkeypatch))


def _spanish(english: str) -> str:
    with i18n.speaking("es"):
        return _(english)


# --- what the hostile tester found -------------------------------------------------------------------------


def test_changing_language_then_saving_settings_keeps_the_crisis_lines_following_the_country(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lines shown in Spanish, the language switched to English, the form saved: the lines were never
    the client's own, so they stay the app's and follow the country (here in English, then the UK's)."""
    path = tmp_path / "workbook.json"
    Repository(path).change_settings(lambda s: s.model_copy(update={"crisis_country": "España", "language": "es"}))
    at = spanish_page("settings", path, monkeypatch)
    assert "024" in at.text_area(key="settings_crisis_lines").value
    at.selectbox(key="settings_language").set_value("en").run()
    assert "Emergency services: 112" in at.text_area(key="settings_crisis_lines").value  # drawn afresh in English
    at.text_input(key="settings_name").set_value("Clara")
    at.selectbox(key="settings_crisis_country").set_value("GB")
    at.button(key="settings_save").click().run()
    assert not at.exception, at.exception
    stored = Repository(path).settings()
    assert (stored.name, stored.language) == ("Clara", "en")
    assert stored.crisis_lines == Repository.in_memory().settings().crisis_lines  # still the app's own
    help_now = spanish_page("help", path, monkeypatch)
    assert "Samaritans: 116 123" in shown(help_now)


def test_a_damaged_workbook_is_explained_in_spanish_on_the_first_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "workbook.json"
    path.write_text("garbage{{")
    monkeypatch.setenv(i18n.ENV, "es")
    monkeypatch.setenv("WORKBOOK_DB", str(path))
    at = AppTest.from_file(str(ROOT / "home.py"), default_timeout=60)
    at.run()  # the very first page the server draws, before it has spoken Spanish once
    assert not at.exception, at.exception
    text = shown(at)
    assert _spanish("Your workbook needs attention") in text
    assert english_left(text) == [], english_left(text)
    assert path.read_text() == "garbage{{"  # untouched


def test_the_command_line_says_a_usage_mistake_in_spanish(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from workbook import cli

    monkeypatch.setenv(i18n.ENV, "es")
    with pytest.raises(SystemExit):
        cli.main(["frobnicate"])
    said = capsys.readouterr().err
    assert _spanish("invalid choice: %(value)r (choose from %(choices)s)").split(":")[0] in said
    assert not re.search(r"\b(invalid choice|argument|choose from)\b", said), said


def test_workbook_language_on_the_computer_outranks_the_workbooks_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "workbook.json"
    Repository(path).change_settings(lambda s: s.model_copy(update={"language": "en"}))
    monkeypatch.setenv(i18n.ENV, "es")
    at = spanish_page("settings", path, monkeypatch)
    assert at.title[0].value == _spanish("Settings and your data") != "Settings and your data"
    assert at.selectbox(key="settings_language").disabled  # the computer decides: said, not offered


def test_a_new_language_is_a_compiled_catalogue_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """README, "Add a language": a French catalogue in the locales folder is offered, named in French."""
    import shutil

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    french = Catalog(locale="fr")
    french.add("Welcome", "Bienvenue")
    (locales / "fr" / "LC_MESSAGES").mkdir(parents=True)
    with (locales / "fr" / "LC_MESSAGES" / "messages.mo").open("wb") as f:
        write_mo(f, french)
    monkeypatch.setattr(i18n, "LOCALES", locales)
    languages = i18n._languages()
    assert languages == {"en": "English", "es": "Español", "fr": "Français"}
    monkeypatch.setattr(i18n, "LANGUAGES", languages)
    i18n._catalogue.cache_clear()
    try:
        with i18n.speaking("fr"):
            assert _("Welcome") == "Bienvenue" and _("Goals") == "Goals"  # not yet translated: English
    finally:
        i18n._catalogue.cache_clear()


@pytest.mark.browser
def test_the_page_script_never_renames_the_clients_own_words(server, browser) -> None:  # type: ignore[no-untyped-def]
    """A question of the client's that happens to read like one of Streamlit's own words ("Open") keeps
    its name for a screen reader; Streamlit's own "Help for …" on the same page is in Spanish."""
    from workbook import preferences

    repo = Repository(server.workbook)
    repo.change_settings(lambda s: preferences.with_language(s, "es"))
    repo.change_settings(lambda s: preferences.with_own_question(s, "Open", "before"))
    browser.open("Before_a_session")
    from playwright.sync_api import expect

    expect(browser.page.locator("textarea[aria-label='Open']")).to_have_count(1, timeout=30_000)
    help_icons = browser.page.locator("[data-testid='stTooltipHoverTarget'] [aria-label]")
    expect(help_icons.first).to_have_attribute("aria-label", re.compile("^" + re.escape(_spanish("Help for "))))
    browser.page.wait_for_timeout(500)  # the script has had every chance to act
    assert browser.page.locator("textarea[aria-label='Abrir']").count() == 0
    assert browser.page.locator("textarea[aria-label='Open']").count() == 1
    helped = help_icons.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert helped and all(h.startswith(_spanish("Help for ")) for h in helped), helped
