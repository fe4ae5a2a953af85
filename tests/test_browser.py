"""The whole loop in a real Chromium against `streamlit run`, and privacy you can prove.

Every test here runs with a browser that aborts, and fails the test on, any request to another
host, and fails on any script that opens a dialog; the server's log must have no traceback.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import ROOT, Browser, Server, chromium_path, reflection
from workbook.models import CheckIn, FeedbackNote, Goal
from workbook.repository import Repository
from workbook.transfer import export_json

pytestmark = pytest.mark.browser

PAGES = {
    "": "Welcome",
    "Goals": "Goals",
    "Before_a_session": "Before a session",
    "After_a_session": "After a session",
    "Over_time": "Over time",
    "Feedback": "Feedback for your therapist",
    "History": "History",
    "Settings_and_data": "Settings and your data",
}
HOSTILE = (
    "<script>alert('script')</script> <img src=x onerror=alert('img')> [tap](javascript:alert('link'))"
    " ![pic](http://evil.example/p.png) **bold**"
)


def download(b: Browser, key: str) -> bytes:
    with b.page.expect_download(timeout=60_000) as info:
        b.key(key).locator("button").click()
    return Path(info.value.path()).read_bytes()


def fill(b: Browser, key: str, text: str) -> None:
    field = b.key(key).locator("textarea, input").first
    field.fill(text)


def test_the_whole_loop_in_a_real_browser(server: Server, browser: Browser) -> None:
    b = browser
    b.open()
    expect(b.page.locator("main")).to_contain_text("Why the relationship matters")  # first run: the welcome
    # An earlier session (as if from the command line), so "over time" has two points after today's.
    Repository(server.workbook).save(reflection((date.today() - timedelta(days=7)).isoformat(), overall=7))
    b.open("Goals")
    fill(b, "goals_new_title", "Say what I need at work")
    b.key("goals_new_goal_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Goal saved.", timeout=30_000)

    b.open("Before_a_session")
    fill(b, "checkin_topic_0", "Rushed endings")
    fill(b, "checkin_topic_1", "My sister")
    fill(b, "checkin_what_happened", "A hard week at work.")
    b.key("checkin_checkin_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Check-in saved", timeout=30_000)

    b.open("After_a_session")
    expect(b.key("reflection_covered_0")).to_have_text("Rushed endings", timeout=30_000)
    b.key("reflection_covered_0").locator("label").click()
    for part, value in (
        ("trust", 8),
        ("empathy", 9),
        ("collaboration", 6),
        ("communication", 8),
        ("shared_goals", 7),
        ("overall", 9),
    ):
        b.key(f"reflection_{part}").locator("button", has_text=re.compile(f"^{value}$")).click()
    fill(b, "reflection_unsaid", "That the ending felt rushed again")
    b.key("reflection_reflection_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Reflection saved", timeout=30_000)
    [_, saved] = Repository(server.workbook).reflections()
    assert saved.overall == 9 and [(a.topic, a.covered) for a in saved.agenda] == [
        ("Rushed endings", True),
        ("My sister", False),
    ]

    b.open("Over_time")
    b.page.wait_for_selector('[data-testid="stVegaLiteChart"]', timeout=30_000)
    assert b.page.locator('[data-testid="stVegaLiteChart"]').count() >= 2
    rows = list(csv.DictReader(io.StringIO(download(b, "overtime_csv_overall-connection").decode())))
    assert [(r["date"], r["overall"]) for r in rows][-1] == (date.today().isoformat(), "9")

    b.open("Feedback")
    note = download(b, "feedback_download_markdown").decode()
    assert "That the ending felt rushed again" in note
    assert "My sister" in note
    pdf = PdfReader(BytesIO(download(b, "feedback_download_pdf")))
    text = pdf.pages[0].extract_text()
    assert len(pdf.pages) == 1 and "That the ending felt rushed again" in text

    b.open("History")
    b.page.locator('[class*="st-key-history_edit_"] button').first.click()
    editor = b.page.locator('[class*="st-key-history_entry_"][class*="_what_helped"]')
    expect(editor).to_be_visible(timeout=30_000)
    editor.locator("textarea").fill("Being asked what I needed")
    b.page.locator('[class*="st-key-history_entry_"][class*="_reflection_save"] button').click()
    expect(b.page.locator("main")).to_contain_text("Changes saved", timeout=30_000)
    assert Repository(server.workbook).reflections()[-1].what_helped == "Being asked what I needed"


@pytest.mark.parametrize(("path", "title"), PAGES.items())
def test_a_deep_link_as_the_first_request_to_a_fresh_server_works(
    server: Server, browser: Browser, path: str, title: str
) -> None:
    browser.open(path)
    page = browser.page
    expect(page.locator("h1").first).to_contain_text(title, timeout=30_000)
    expect(page.locator('[data-testid="stSidebar"] a')).to_have_count(8, timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    links = page.locator('[data-testid="stSidebar"] a').all_inner_texts()
    assert [re.sub(r"^\w+\s+", "", link).strip() for link in links] == [
        "Home",
        "Goals",
        "Before a session",
        "After a session",
        "Over time",
        "Feedback",
        "History",
        "Settings and your data",
    ]


def seed_hostile(path: Path) -> None:
    repo = Repository(path)
    target = repo.save(
        Goal(title=HOSTILE[:200], why_it_matters=HOSTILE, magic_wand=HOSTILE, first_step=HOSTILE, ladder={"0": HOSTILE})
    )
    day = (date.today() - timedelta(days=1)).isoformat()
    waiting = repo.save(
        CheckIn(
            wellbeing=4,
            session_date=day,
            therapist=HOSTILE[:200],
            topics=(HOSTILE[:200],),
            what_happened=HOSTILE,
            homework_worked=HOSTILE,
            homework_hard=HOSTILE,
            questions=HOSTILE,
            hard_to_say=HOSTILE,
        )
    )
    texts = {
        f: HOSTILE for f in ("what_helped", "what_did_not_help", "insights", "feelings_after", "unsaid", "next_steps")
    }
    for n, overall in enumerate((6, 8)):
        repo.save(
            reflection(
                (date.today() - timedelta(days=8 - 7 * n)).isoformat(),
                overall=overall,
                therapist=HOSTILE[:200],
                checkin_id=waiting.id if n else None,
                goals=({"goal_id": target.id, "rating": 1, "note": HOSTILE},),
                **texts,
            )
        )
    shared = (date.today() - timedelta(days=10)).isoformat()
    repo.save(FeedbackNote(body=HOSTILE, response=HOSTILE, agreed_changes=HOSTILE, shared_on=shared))


def test_hostile_text_is_shown_literally_and_runs_or_loads_nothing(server: Server, browser: Browser) -> None:
    seed_hostile(server.workbook)
    b = browser
    for path, title in PAGES.items():
        b.open(path)
        expect(b.page.locator("h1").first).to_contain_text(title if path else "Welcome", timeout=30_000)
        if path in ("Goals", "History", "Before_a_session", "After_a_session", "Feedback"):
            # the client's words are on the page, as text, before anything is checked for not running
            expect(b.page.locator("main")).to_contain_text("<script>alert('script')</script>", timeout=30_000)
        if path == "History":
            for button in b.page.locator('[class*="st-key-history_open_"] button').all():
                button.click()
                b.settle()
        if path == "Feedback":
            b.page.locator('[data-testid="stExpander"] summary').first.click()
        assert b.page.locator('img[src="x"]').count() == 0, path
        assert b.page.locator('a[href^="javascript"]').count() == 0, path
        assert b.page.locator("main script").count() == 0, path
        assert b.page.locator('[data-testid="stException"]').count() == 0, path
    # The exports carry the words exactly, and a Markdown viewer would not load or run them.
    b.open("Feedback")
    note = download(b, "feedback_download_markdown").decode()
    assert "<img" not in note.replace("\\<img", "") and "![pic]" not in note
    text = PdfReader(BytesIO(download(b, "feedback_download_pdf"))).pages[0].extract_text()
    assert "alert('script')" in text


def test_downloads_leave_private_entries_out_unless_chosen(server: Server, browser: Browser) -> None:
    repo = Repository(server.workbook)
    repo.save(reflection((date.today() - timedelta(days=9)).isoformat(), unsaid="Words anyone may read"))
    repo.save(reflection((date.today() - timedelta(days=2)).isoformat(), unsaid="My private words", private=True))
    b = browser
    b.open("Feedback")
    assert "My private words" not in download(b, "feedback_download_markdown").decode()
    assert "My private words" not in PdfReader(BytesIO(download(b, "feedback_download_pdf"))).pages[0].extract_text()
    b.open("Settings_and_data")
    exported = download(b, "settings_export").decode()
    assert "Words anyone may read" in exported and "My private words" not in exported
    assert "My private words" not in download(b, "settings_export_csv").decode()
    b.key("settings_export_private").locator("label").click()
    b.settle()
    b.page.wait_for_timeout(1000)  # the download's contents are made from the state after this rerun
    assert "My private words" in json.dumps(json.loads(download(b, "settings_export")))


def listening_addresses(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_the_server_listens_on_loopback_only(server: Server) -> None:
    addresses = listening_addresses(server.port)
    if not addresses:
        pytest.skip("this system has no /proc/net/tcp to read")
    assert addresses == {"0100007F"}, addresses  # 127.0.0.1, and nothing else (no 0.0.0.0, no ::)
    others = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    for address in others - {"127.0.1.1"}:
        with pytest.raises(OSError), socket.create_connection((address, server.port), timeout=2):
            pass


def test_chromium_is_found_for_ci() -> None:
    if chromium_path() is None:
        pytest.skip("no Chromium here; .ci/run installs it so CI always runs the browser tests")
    assert Path(chromium_path() or "").exists()
    assert (ROOT / ".ci" / "run").read_text().count("chromium") >= 2


def test_the_unlock_screen_guards_every_page_in_the_browser(server: Server, browser: Browser) -> None:
    repo = Repository(server.workbook)
    repo.save(reflection(insights="ONLY-AFTER-UNLOCK"))
    repo.save(reflection((date.today() - timedelta(days=7)).isoformat(), insights="ONLY-AFTER-UNLOCK too"))
    repo.encrypt("correct horse battery staple")
    b = browser
    for path in PAGES:
        b.open(path)
        expect(b.page.locator("h1").first).to_have_text("Your workbook is locked", timeout=30_000)
        assert "ONLY-AFTER-UNLOCK" not in b.page.content(), path
    b.key("unlock_passphrase").locator("input").fill("correct horse battery staple")
    b.page.get_by_role("button", name="Unlock").click()
    b.settle()
    b.page.wait_for_selector("h1:has-text('Settings and your data')", timeout=30_000)
    b.page.locator('[data-testid="stSidebar"] a', has_text="History").click()  # same session
    b.page.wait_for_selector("h1:has-text('History')", timeout=30_000)
    expect(b.page.locator("main")).to_contain_text("ONLY-AFTER-UNLOCK", timeout=30_000)
    b.open("History")  # a reload is a new session: locked again
    expect(b.page.locator("h1").first).to_have_text("Your workbook is locked", timeout=30_000)


def test_an_export_is_imported_all_or_nothing_after_a_summary(server: Server, browser: Browser, tmp_path: Path) -> None:
    source = Repository(tmp_path / "laptop.json")
    source.save(reflection(insights="Written on my laptop"))
    source.save(Goal(title="Sleep through the night"))
    good = tmp_path / "export.json"
    good.write_text(export_json(source))
    bad = tmp_path / "bad.json"
    document = json.loads(good.read_text())
    document["reflections"][0]["trust"] = 99
    bad.write_text(json.dumps(document))
    b = browser
    b.open("Settings_and_data")
    upload = b.key("settings_import_file").locator("input[type=file]")
    upload.set_input_files(str(bad))
    expect(b.page.locator("main")).to_contain_text("Trust must be a whole number from 0 to 10", timeout=30_000)
    expect(b.page.locator("main")).to_contain_text("Nothing was imported")
    assert Repository(server.workbook).is_empty()
    upload.set_input_files(str(good))
    expect(b.page.locator("main")).to_contain_text("2 new", timeout=30_000)
    assert Repository(server.workbook).is_empty()  # the summary comes before anything changes
    b.key("settings_import_apply").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Imported", timeout=30_000)
    assert [r.insights for r in Repository(server.workbook).reflections()] == ["Written on my laptop"]
