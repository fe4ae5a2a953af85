"""The whole loop in a real Chromium against `streamlit run`, and privacy you can prove.

Every test here runs with a browser that aborts, and fails the test on, any request to another
host, and fails on any script that opens a dialog; the server's log must have no traceback.
"""

from __future__ import annotations

import csv
import http.server
import io
import itertools
import json
import re
import socket
import threading
from collections.abc import Iterator
from datetime import date, time, timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import ROOT, Browser, Server, chromium_path, launch_chromium, reflection
from ui.state import RESULT, SCALE
from workbook.models import CheckIn, FeedbackNote, Goal, Settings
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
    "Help_now": "Help now",
    "Making_it_work": "Making the relationship work",
}
HOSTILE = (
    "<script>alert('script')</script> <img src=x onerror=alert('img')> [tap](javascript:alert('link'))"
    " ![pic](http://evil.example/p.png) **bold**"
)


CONNECTION = "overtime_chart_overall-connection"  # Over time's first chart (ui/connection.py)


def download(b: Browser, key: str) -> bytes:
    with b.page.expect_download(timeout=60_000) as info:
        b.key(key).locator("button").click()
    return Path(info.value.path()).read_bytes()


def settings_tab(b: Browser, tab: str) -> None:
    """Open Settings and one of its parts, as a person clicks its tab (only the open one is drawn)."""
    b.open("Settings_and_data")
    b.page.get_by_role("tab", name=tab).click()
    b.settle()


def press(b: Browser, key: str, value: int) -> None:
    """Press a number on the rating scale that fills form key `key` (ui/scale.py)."""
    b.key(f"{key}{SCALE}").get_by_role("radio", name=str(value), exact=True).click()


def record_pages(b: Browser) -> None:
    """From now on, note every page the browser shows (Streamlit changes pages without reloading)."""
    b.page.evaluate(
        """() => { window.shown = []; if (window.recording) return;
           window.recording = setInterval(() => { const p = location.pathname;
           if (window.shown.at(-1) !== p) window.shown.push(p); }, 5); }"""
    )


def pages_shown(b: Browser) -> list[str]:
    return b.page.evaluate("window.shown")


def fill(b: Browser, key: str, text: str) -> None:
    field = b.key(key).locator("textarea, input").first
    field.fill(text)


def tick_every_point(b: Browser) -> None:
    """On Feedback, tick every point of the draft, one by one as a person does (each starts unticked)."""
    unticked = b.page.locator('[class*="st-key-feedback_keep_"]:has(input[type=checkbox]:not(:checked))')
    expect(b.page.locator('[class*="st-key-feedback_keep_"]').first).to_be_visible(timeout=30_000)
    for left in range(unticked.count(), 0, -1):
        unticked.first.locator("label").click()
        expect(unticked).to_have_count(left - 1, timeout=30_000)
    b.settle()


def every_point_shows_all_its_words(b: Browser) -> None:
    """On Feedback: the points read as sentences to tick; with "Change the words" each ticked one has a
    box that shows all its words without scrolling."""
    assert b.page.locator('[class*="st-key-feedback_text_"] textarea').count() == 0  # sentences to tick
    tick_every_point(b)
    b.key("feedback_edit_words").locator("label").click()  # "Change the words"
    boxes = b.page.locator('[class*="st-key-feedback_text_"] textarea')
    expect(boxes.first).to_be_visible(timeout=30_000)
    b.settle()
    assert boxes.count() >= 2
    for n in range(boxes.count()):
        height, shown = boxes.nth(n).evaluate("box => [box.scrollHeight, box.clientHeight]")
        assert height <= shown + 1, boxes.nth(n).input_value()


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
    expect(b.key("reflection_covered_0")).to_contain_text("Rushed endings", timeout=30_000)
    b.key("reflection_covered_0").get_by_text("We got to it").click()
    b.key("reflection_covered_1").get_by_text("We did not").click()
    for part, value in (
        ("trust", 8),
        ("empathy", 9),
        ("collaboration", 6),
        ("communication", 8),
        ("shared_goals", 7),
        ("overall", 9),
    ):
        press(b, f"reflection_{part}", value)
    long = " and that I could not find the words to say so while we were still in the room, which has happened before"
    fill(b, "reflection_unsaid", "That the ending felt rushed again" + long * 2)
    b.key("reflection_reflection_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Reflection saved", timeout=30_000)
    [_, saved] = Repository(server.workbook).reflections()
    assert saved.overall == 9 and [(a.topic, a.covered) for a in saved.agenda] == [
        ("Rushed endings", True),
        ("My sister", False),
    ]

    b.open("Over_time")
    expect(b.key(CONNECTION).locator("circle")).to_have_count(2, timeout=30_000)  # both sessions, drawn
    rows = list(csv.DictReader(io.StringIO(download(b, "overtime_csv_overall-connection").decode())))
    assert [(r["date"], r["overall"]) for r in rows][-1] == (date.today().isoformat(), "9")

    b.open("Feedback")
    every_point_shows_all_its_words(b)
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
    expect(page.locator('[data-testid="stSidebar"] a')).to_have_count(10, timeout=30_000)
    if path != "Help_now":  # help is one click away, in view even when a phone folds the menu away
        expect(page.locator(".st-key-help_now_top a")).to_have_text(re.compile("Help now"))
    assert page.locator('[data-testid="stException"]').count() == 0
    links = page.locator('[data-testid="stSidebar"] a').all_inner_texts()
    assert [re.sub(r"^\w+\s+", "", link).strip() for link in links] == [
        "Help now: crisis lines",
        "Home",
        "Goals",
        "Before a session",
        "After a session",
        "Over time",
        "Feedback",
        "Making it work",
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
    Repository(server.workbook).save(
        FeedbackNote(body=HOSTILE, shared_on=(date.today() - timedelta(days=3)).isoformat())
    )
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
        if path == "Over_time":  # the therapist's name and the notes are in the chart's tooltips, as text
            tips = b.key(CONNECTION).locator("circle title, .mark title")
            expect(tips).to_have_count(3, timeout=30_000)  # two sessions, one note shared between them
            points = b.key(CONNECTION).locator("circle title").all_text_contents()
            [mark] = b.key(CONNECTION).locator(".mark title").all_text_contents()
            assert all(f"Therapist: {HOSTILE[:200]}" in tip and "Note: <script>" in tip for tip in points)
            assert "<img src=x onerror=alert('img')>" in mark
            b.key(CONNECTION).locator("circle").first.click()  # its words in a box, as text
            expect(b.key(CONNECTION).locator(".tip")).to_contain_text(f"Therapist: {HOSTILE[:200]}")
        assert b.page.locator('img[src="x"]').count() == 0, path
        assert b.page.locator('a[href^="javascript"]').count() == 0, path
        assert b.page.locator("main script").count() == 0, path
        assert b.page.locator('[data-testid="stException"]').count() == 0, path
    # A goal's title is the label of its scale on After a session: drawn as text, in the scale's own script
    [goal] = Repository(server.workbook).goals()
    b.open("After_a_session")
    expect(b.key(f"reflection_goal_{goal.id}{SCALE}")).to_contain_text("<img src=x onerror=alert('img')>")
    assert b.page.locator('img[src="x"]').count() == 0 and b.dialogs == []  # (locators look inside its shadow root)
    # The exports carry the words exactly, and a Markdown viewer would not load or run them.
    b.open("Feedback")
    every_point_shows_all_its_words(b)
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
    tick_every_point(b)
    assert "Words anyone may read" in download(b, "feedback_download_markdown").decode()
    assert "My private words" not in download(b, "feedback_download_markdown").decode()
    assert "My private words" not in PdfReader(BytesIO(download(b, "feedback_download_pdf"))).pages[0].extract_text()
    settings_tab(b, "Your data")
    exported = download(b, "settings_export").decode()
    assert "Words anyone may read" in exported and "My private words" not in exported
    assert "My private words" not in download(b, "settings_export_csv").decode()
    b.key("settings_export_private").locator("label").click()
    b.settle()
    b.page.wait_for_timeout(1000)  # the download's contents are made from the state after this rerun
    assert "My private words" in json.dumps(json.loads(download(b, "settings_export")))


def test_the_note_holds_only_what_was_ticked_and_own_words_under_their_own_heading(
    server: Server, browser: Browser
) -> None:
    # Issue 25, items 1 and 2, as a new client meets them: the most guarded words were shared with
    # nothing ticked, and the client's own words reached the therapist under "What has helped".
    repo = Repository(server.workbook)
    repo.save(
        reflection(
            (date.today() - timedelta(days=2)).isoformat(),
            what_helped="Slowing down at the start",
            unsaid="I didn't mention the drinking at the weekend",
        )
    )
    b = browser
    b.open("Feedback")
    expect(b.page.locator("main")).to_contain_text("Nothing goes into the note until you tick it", timeout=30_000)
    assert b.page.locator('[class*="st-key-feedback_keep_"] input:checked').count() == 0
    assert b.key("feedback_download_markdown").count() == 0  # an empty note: nothing to download yet
    b.page.locator('[class*="st-key-feedback_keep_"]', has_text="Slowing down").locator("label").click()
    fill(b, "feedback_own_words", "In May I felt less connected after the break.")
    b.page.locator("main h1").click()  # leave the box, as a person does, so its words reach the server
    expect(b.page.locator("main")).to_contain_text("Exactly what will be shared", timeout=30_000)
    b.settle()
    note = download(b, "feedback_download_markdown").decode()
    assert "Slowing down at the start" in note and "drinking" not in note
    helped, own = note.index("What has helped"), note.index("In my own words")
    assert helped < note.index("Slowing down") < own < note.index("In May I felt less connected")
    pdf = PdfReader(BytesIO(download(b, "feedback_download_pdf"))).pages[0].extract_text()
    assert "drinking" not in pdf and pdf.index("In my own words") < pdf.index("In May I felt")


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
        locked = "Help now" if path == "Help_now" else "Your workbook is locked"  # help never waits
        expect(b.page.locator("h1").first).to_have_text(locked, timeout=30_000)
        assert "ONLY-AFTER-UNLOCK" not in b.page.content(), path
    b.open("Settings_and_data")
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
    settings_tab(b, "Your data")
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


# --- a web page the client visits must not reach the app ------------------------------------------


def upgrade(port: int, host: str, origin: str | None = None) -> int:
    """Open the app's websocket by hand with the given Host and Origin; the HTTP status it answers."""
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n"
    )
    if origin:
        request += f"Origin: {origin}\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall((request + "\r\n").encode())
        status_line = conn.recv(4096).split(b"\r\n", 1)[0]
    return int(status_line.split()[1])


def get(port: int, path: str = "/", **headers: str) -> tuple[int, dict[str, str], str]:
    request = f"GET {path} HTTP/1.1\r\nConnection: close\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall((request + "\r\n").encode())
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in fields.items()}, body.decode("utf-8", "replace")


class Recorder:
    """A local listener that plays an HTTP(S) proxy and records every request sent to it."""

    def __init__(self) -> None:
        self.seen: list[bytes] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.seen.append(conn.recv(4096))
                except OSError:
                    self.seen.append(b"(a connection)")


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Recorder]]:
    """One server for the guard tests, with a name on record and every outbound request caught."""
    folder = tmp_path_factory.mktemp("guarded")
    Repository(folder / "workbook.json").save_settings(Settings(name="Robin Private"))
    Repository(folder / "workbook.json").save(reflection(insights="Only for me"))
    recorder = Recorder()
    proxies = {name: recorder.url for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY")}
    env = {**proxies, "NO_PROXY": "", "no_proxy": "", "WORKBOOK_ALLOWED_HOSTS": "workbook.home"}
    running = Server(folder / "workbook.json", folder / "server.log", env=env)
    yield running, recorder
    log = running.stop()
    recorder.sock.close()
    assert "Traceback" not in log, log


def test_a_site_resolving_to_this_computer_gets_nothing(guarded: tuple[Server, Recorder]) -> None:
    server, _ = guarded
    if chromium_path() is None:
        pytest.skip("no Chromium found: install Debian's chromium or set CHROMIUM_PATH (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch_chromium(p, "--host-resolver-rules=MAP evil.example 127.0.0.1")
        page = chromium.new_page()
        answer = page.goto(f"http://evil.example:{server.port}/")
        page.wait_for_timeout(1500)
        content = page.content()
        chromium.close()
    assert answer is not None and answer.status == 400
    assert "Robin" not in content and "stAppViewContainer" not in content
    # The websocket that carries the pages is refused too, and so is every other path.
    assert upgrade(server.port, f"evil.example:{server.port}") == 400
    assert get(server.port, "/_stcore/health", Host=f"evil.example:{server.port}")[0] == 400
    # This computer's own names still work, and so does a host added on purpose for a proxy.
    for host in ("localhost", "127.0.0.1", "[::1]", "workbook.home"):
        assert get(server.port, "/_stcore/health", Host=f"{host}:{server.port}")[0] == 200, host
        assert upgrade(server.port, f"{host}:{server.port}") == 101, host


def test_a_foreign_page_cannot_open_the_websocket_and_the_server_never_phones_out(
    guarded: tuple[Server, Recorder],
) -> None:
    server, recorder = guarded
    own = f"localhost:{server.port}"
    for origin in ("http://evil.example", f"http://127.0.0.1:{free_port_other(server.port)}", "null"):
        assert upgrade(server.port, own, origin) == 403, origin
    assert upgrade(server.port, own, f"http://{own}") == 101  # the app's own page
    proxied = f"workbook.home:{server.port}"  # the host added on purpose, as a proxy passes it on
    assert upgrade(server.port, proxied, f"http://{proxied}") == 101
    assert upgrade(server.port, f"Workbook.Home:{server.port}", f"http://{proxied}") == 101  # letter case
    other_port = f"http://workbook.home:{free_port_other(server.port)}"  # another service on that host
    assert upgrade(server.port, proxied, other_port) == 403
    assert upgrade(server.port, own, "https://workbook.home") == 403
    time_left = 3.0
    while time_left > 0 and not recorder.seen:  # Streamlit's own check would phone out within a moment
        threading.Event().wait(0.25)
        time_left -= 0.25
    assert recorder.seen == [], f"the server made outbound requests: {recorder.seen}"


def free_port_other(port: int) -> int:
    return port + 1 if port < 65535 else port - 1


def test_another_site_cannot_show_the_app_inside_its_page(guarded: tuple[Server, Recorder], tmp_path: Path) -> None:
    server, _ = guarded
    status, headers, _ = get(server.port, "/", Host=f"localhost:{server.port}")
    assert status == 200
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert get(server.port, "/Goals", Host=f"localhost:{server.port}")[1]["x-frame-options"] == "DENY"
    if chromium_path() is None:
        pytest.skip("no Chromium found: install Debian's chromium or set CHROMIUM_PATH (.ci/run installs it)")
    (tmp_path / "index.html").write_text(f'<iframe id="app" src="{server.url}/" width=800 height=600></iframe>')
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path))  # noqa: E731
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            chromium = launch_chromium(p)
            page = chromium.new_page()
            page.goto(f"http://127.0.0.1:{site.server_address[1]}/index.html")
            page.wait_for_timeout(4000)
            framed = [frame for frame in page.frames if frame != page.main_frame]
            shown = [frame.evaluate("() => document.body ? document.body.innerText : ''") for frame in framed]
            has_app = [frame.locator('[data-testid="stAppViewContainer"]').count() for frame in framed]
            chromium.close()
    finally:
        site.shutdown()
    assert not any("Robin" in text for text in shown), shown
    assert not any(has_app), "the app was drawn inside another site's page"


# --- two tabs, one goal ------------------------------------------------------------------------------


def test_two_tabs_saving_the_same_goal_never_lose_either(server: Server, browser: Browser) -> None:
    saved = Repository(server.workbook).save(Goal(title="Speak up at work"))
    edit = f"goals_edit_{saved.id[:8]}"
    first = browser
    second = Browser(first.page.context.browser.new_page(viewport={"width": 1280, "height": 1000}), first.origin)
    for tab in (first, second):
        tab.open("Goals")
        tab.page.get_by_text("Edit this goal, or change its status").click()
    fill(first, f"{edit}_title", "Speak up in meetings")
    first.key(f"{edit}_goal_save").locator("button").click()
    expect(first.page.locator("main")).to_contain_text("Changes saved.", timeout=30_000)

    fill(second, f"{edit}_why_it_matters", "I swallow what I think, then stew on it.")
    second.page.keyboard.press("Tab")  # leave the box, as a person does before reaching for Save
    second.key(f"{edit}_goal_save").locator("button").click()
    box = second.key(f"{edit}_goal_conflict")
    expect(box).to_contain_text("changed in another window", timeout=30_000)
    expect(box).to_contain_text("Nothing was saved")
    typed = second.key(f"{edit}_why_it_matters").locator("textarea")
    expect(typed).to_have_value("I swallow what I think, then stew on it.")  # the words are still there
    assert Repository(server.workbook).goals()[0].why_it_matters == ""
    box.get_by_text("See the newer version").click()
    expect(box).to_contain_text("Speak up in meetings")
    box.get_by_role("button", name="Apply my changes on top of it").click()
    expect(second.page.locator("main")).to_contain_text("Changes saved.", timeout=30_000)
    [kept] = Repository(server.workbook).goals()
    assert (kept.title, kept.why_it_matters) == ("Speak up in meetings", "I swallow what I think, then stew on it.")
    assert second.outside == [] and second.dialogs == []


# --- nothing typed is lost -----------------------------------------------------------------------------


def test_words_typed_then_a_quick_click_away_or_a_reload_are_kept(server: Server, browser: Browser) -> None:
    b = browser
    b.open("After_a_session")
    helped = b.key("reflection_what_helped").locator("textarea")
    helped.click()
    b.page.keyboard.type("Being asked what I needed")
    record_pages(b)
    b.page.locator('[data-testid="stSidebar"] a', has_text="History").click()  # at once, as people do
    expect(b.page.locator("h1").first).to_have_text("History", timeout=30_000)  # one click is enough
    b.settle()
    b.page.wait_for_timeout(1500)
    # straight there: never back to the form in between (its late update once won over the link)
    assert pages_shown(b) == ["/After_a_session", "/History"]
    b.page.locator('[data-testid="stSidebar"] a', has_text="After a session").click()
    expect(b.key("reflection_what_helped").locator("textarea")).to_have_value(
        "Being asked what I needed", timeout=30_000
    )
    b.settle()
    b.page.wait_for_timeout(1500)
    expect(b.page.locator("h1").first).to_have_text("After a session")  # the page chosen last is the one shown
    insight = b.key("reflection_insights").locator("textarea")
    insight.click()
    b.page.keyboard.type("Rest is allowed")
    b.page.reload()  # no pause, no click elsewhere
    b.settle()
    expect(b.key("reflection_insights").locator("textarea")).to_have_value("Rest is allowed", timeout=30_000)
    expect(b.key("reflection_what_helped").locator("textarea")).to_have_value("Being asked what I needed")


def test_a_link_pressed_with_a_key_held_or_let_go_elsewhere_after_typing(server: Server, browser: Browser) -> None:
    b = browser
    b.open("After_a_session")
    box = b.key("reflection_insights").locator("textarea")
    history = b.page.locator('[data-testid="stSidebar"] a', has_text="History")
    # pressed, then let go away from the link: a cancelled press follows nothing, and keeps the words
    box.click()
    b.page.keyboard.type("Rest is allowed")
    record_pages(b)
    place = history.bounding_box()
    assert place
    b.page.mouse.move(place["x"] + 10, place["y"] + place["height"] / 2)
    b.page.mouse.down()
    b.page.mouse.move(place["x"] + 600, place["y"] + 300, steps=5)
    b.page.mouse.up()
    b.settle()
    b.page.wait_for_timeout(1500)
    assert pages_shown(b) == ["/After_a_session"]
    expect(box).to_have_value("Rest is allowed")
    # Streamlit opens its page links in the same tab whatever key is held: one page change, words kept
    for held in ("Control", "Shift"):
        box.click()
        b.page.keyboard.type(f" ({held})")
        record_pages(b)
        history.click(modifiers=[held])
        expect(b.page.locator("h1").first).to_have_text("History", timeout=30_000)
        b.settle()
        b.page.wait_for_timeout(1500)
        assert pages_shown(b) == ["/After_a_session", "/History"], held
        b.page.locator('[data-testid="stSidebar"] a', has_text="After a session").click()
        b.settle()
    expect(box).to_have_value("Rest is allowed (Control) (Shift)", timeout=30_000)


def test_a_rating_is_the_persons_own_by_mouse_or_keyboard_kept_until_saved(server: Server, browser: Browser) -> None:
    b = browser
    b.open("After_a_session")
    trust = b.key(f"reflection_trust{SCALE}")
    expect(trust.get_by_role("radio")).to_have_count(11)  # the whole scale, 0 to 10, in view
    assert b.page.locator('[role="radio"][aria-checked="true"]').count() == 0  # nothing chosen for the person
    press(b, "reflection_trust", 3)
    press(b, "reflection_trust", 5)
    press(b, "reflection_trust", 9)  # quick presses: the last one counts
    expect(trust.get_by_role("radio", name="9", exact=True)).to_be_checked()
    press(b, "reflection_empathy", 6)
    press(b, "reflection_empathy", 6)  # the chosen one pressed again: nothing chosen
    b.settle()
    expect(b.key(f"reflection_empathy{SCALE}").get_by_role("radio", checked=True)).to_have_count(0)
    # by keyboard: one tab stop, arrows move along the scale and choose, End goes to its end
    overall = b.key(f"reflection_overall{SCALE}")
    overall.get_by_role("radio", name="0", exact=True).focus()
    for key in ("ArrowRight", "ArrowRight", "End", "ArrowLeft"):
        b.page.keyboard.press(key)
    expect(overall.get_by_role("radio", name="9", exact=True)).to_be_checked()
    expect(overall.get_by_role("radio", name="9", exact=True)).to_be_focused()
    assert overall.get_by_role("radio").evaluate_all("rs => rs.map(r => r.tabIndex)") == [-1] * 9 + [0, -1]
    b.settle()
    # leaving the page before saving loses no choice
    b.page.locator('[data-testid="stSidebar"] a', has_text="History").click()
    expect(b.page.locator("h1").first).to_have_text("History", timeout=30_000)
    b.page.locator('[data-testid="stSidebar"] a', has_text="After a session").click()
    expect(trust.get_by_role("radio", name="9", exact=True)).to_be_checked(timeout=30_000)
    expect(overall.get_by_role("radio", name="9", exact=True)).to_be_checked()
    b.key("reflection_reflection_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Reflection saved", timeout=30_000)
    [saved] = Repository(server.workbook).reflections()
    assert (saved.trust, saved.empathy, saved.overall) == (9, None, 9)
    b.settle()
    assert b.page.locator('[role="radio"][aria-checked="true"]').count() == 0  # the next one starts afresh


def test_a_long_own_label_wraps_on_a_phone_and_a_screen_reader_hears_how_to_clear(
    server: Server, browser: Browser
) -> None:
    from workbook import preferences

    repo = Repository(server.workbook)
    label = "Ifeltheard" + "x" * 105  # one unbroken word, as long as a label may be
    [item] = repo.save_settings(preferences.with_own_item(repo.settings(), label)).own_items
    b = browser
    b.page.set_viewport_size({"width": 390, "height": 844})
    b.open("After_a_session")
    scale = b.key(f"reflection_rate_{item.id}{SCALE}")
    expect(scale).to_contain_text(label, timeout=30_000)
    width = scale.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert width[0] <= width[1], width  # the label wraps within the page: nothing runs off the screen
    group = scale.get_by_role("radiogroup")
    expect(group).to_have_accessible_name(label)
    expect(group).to_have_accessible_description("Press the chosen number again to clear it.")


def test_a_long_paste_is_kept_in_the_box_and_saved(server: Server, browser: Browser) -> None:
    long_reflection = " ".join(f"word{n}" for n in range(5000))  # about 5,000 words, 34,000 characters
    b = browser
    b.open("After_a_session")
    box = b.key("reflection_what_helped").locator("textarea")
    box.click()
    b.page.keyboard.insert_text(long_reflection)  # what a paste does
    expect(box).to_have_value(long_reflection)
    for part in ("trust", "empathy", "collaboration", "communication", "shared_goals", "overall"):
        press(b, f"reflection_{part}", 8)
    b.key("reflection_reflection_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Reflection saved", timeout=30_000)
    assert Repository(server.workbook).reflections()[0].what_helped == long_reflection


def test_a_future_session_date_is_refused_next_to_the_field_never_changed(server: Server, browser: Browser) -> None:
    ahead = date.today() + timedelta(days=7)
    b = browser
    b.open("After_a_session")
    field = b.key("reflection_session_date")
    field.locator('[data-type="year"]').click()  # typed segment by segment, as on a keyboard
    b.page.keyboard.type(ahead.strftime("%Y%m%d"))
    b.page.keyboard.press("Tab")
    b.settle()
    day = field.locator("input[type=date]")
    expect(day).to_have_value(ahead.isoformat())  # what the person typed stays what they typed
    for part in ("trust", "empathy", "collaboration", "communication", "shared_goals", "overall"):
        press(b, f"reflection_{part}", 7)
    b.key("reflection_reflection_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("is in the future", timeout=30_000)
    assert Repository(server.workbook).reflections() == ()  # and no other date was stored instead
    expect(day).to_have_value(ahead.isoformat())


# --- saving: once, and said where the person is --------------------------------------------------------


def test_on_a_phone_the_result_of_saving_is_in_view_and_a_double_click_saves_once(
    server: Server, browser: Browser
) -> None:
    b = browser
    b.page.set_viewport_size({"width": 390, "height": 844})
    b.open("Before_a_session")
    fill(b, "checkin_what_happened", "A hard week at work.")
    b.page.keyboard.press("Tab")
    save = b.key("checkin_checkin_save").locator("button")
    save.scroll_into_view_if_needed()
    save.dblclick()
    saved = b.page.locator('[data-testid="stAlertContentSuccess"]', has_text="Check-in saved")
    expect(saved).to_be_in_viewport(timeout=30_000)  # not at the top of a long page, out of sight
    b.page.wait_for_timeout(1500)
    assert [c.what_happened for c in Repository(server.workbook).checkins()] == ["A hard week at work."]
    save.scroll_into_view_if_needed()
    save.click()  # the form is empty again: nothing is saved, and that is said at the button
    expect(b.page.locator('[data-testid="stAlertContentError"]', has_text="Nothing to save yet")).to_be_in_viewport(
        timeout=30_000
    )
    assert len(Repository(server.workbook).checkins()) == 1


def test_over_time_draws_every_session_at_any_width_with_its_words_on_hover(server: Server, browser: Browser) -> None:
    repo = Repository(server.workbook)
    first = date.today() - timedelta(weeks=30)
    for n in range(30):
        day = (first + timedelta(weeks=n)).isoformat()
        repo.save(reflection(day, overall=4 + n % 6, what_helped=f"Week {n}", therapist="Sam" if n < 10 else "Alex"))
    repo.save(FeedbackNote(body="Could we end on time?", shared_on=(first + timedelta(weeks=12)).isoformat()))
    b = browser
    b.open("Over_time")
    chart = b.key(CONNECTION)
    expect(chart.locator("circle")).to_have_count(30, timeout=30_000)
    expect(chart.get_by_role("img")).to_have_accessible_name(re.compile("^Line chart of overall connection from"))
    # A screen reader hears that description, not every label and tooltip in the chart (the Table tab has them).
    assert re.fullmatch(r'- img "Line chart of overall connection from [^"]+"', chart.aria_snapshot().strip())
    assert chart.locator("circle title").nth(29).text_content().endswith("Note: Week 29")
    # A tap or click shows a point's words in a box (a touch screen shows no tooltip); again, it goes.
    tip = chart.locator(".tip")
    chart.locator("circle").nth(29).click()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Note: Week 29")
    chart.locator("circle").nth(29).click()
    expect(tip).to_be_hidden()
    assert chart.locator(".mark title").text_content().endswith("Could we end on time?")
    # Higher ratings are drawn higher, and later sessions further right.
    spots = chart.locator("circle").evaluate_all("cs => cs.map(c => [+c.getAttribute('cx'), +c.getAttribute('cy')])")
    assert all(a[0] < b_[0] for a, b_ in itertools.pairwise(spots))
    assert spots[5][1] < spots[0][1]  # a 9 above a 4

    def fits() -> None:  # the chart within the page's width, its date labels apart from each other
        b.settle()
        svg = chart.locator("svg")
        expect(svg).to_be_visible()
        right = b.page.evaluate("document.documentElement.clientWidth")
        box = svg.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= right
        labels = sorted(
            (spot["x"], spot["x"] + spot["width"])
            for spot in (label.bounding_box() for label in chart.locator("text.date").all())
            if spot
        )
        assert len(labels) >= 2 and all(a[1] <= b_[0] for a, b_ in itertools.pairwise(labels)), labels
        assert labels[0][0] >= box["x"] - 1 and labels[-1][1] <= box["x"] + box["width"] + 1
        ticks = chart.locator("line.tick").evaluate_all("ts => ts.map(t => +t.getAttribute('x1'))")
        gaps = [b_ - a for a, b_ in itertools.pairwise(ticks)]  # labels left out evenly: every second, third...
        assert len(ticks) == len(labels) and max(gaps) < 1.5 * min(gaps), ticks

    fits()
    # Only Sam's sessions, then a narrower window: the chart is drawn again at its width, with Sam's.
    b.page.locator('[data-testid="stExpander"] summary', has_text="Showing every session").click()
    b.settle()
    b.key("overtime_therapist").get_by_role("combobox").click(timeout=30_000)
    b.page.get_by_role("option", name="Sam", exact=True).click()
    expect(chart.locator("circle")).to_have_count(10, timeout=30_000)
    wide = chart.locator("svg").bounding_box()
    chart.locator(".connection").evaluate(  # count how many times the chart is drawn from here on
        """host => { window.drawn = 0; new MutationObserver((changes) => {
           window.drawn += changes.filter((c) => [...c.addedNodes].some((n) => n.tagName === "svg")).length;
         }).observe(host, { childList: true }); }"""
    )
    b.page.set_viewport_size({"width": 390, "height": 844})  # a phone, or a window made narrow
    expect(chart.locator("svg")).not_to_have_attribute("width", str(int(wide["width"])), timeout=10_000)
    fits()
    expect(chart.locator("circle")).to_have_count(10)
    assert b.page.evaluate("window.drawn") == 1  # once, with Sam's sessions: no older drawing left watching
    png = download(b, "overtime_png_overall-connection")  # the chart as a picture, to keep or show
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    b.page.emulate_media(forced_colors="active")  # Windows' high contrast: points stay points
    assert chart.locator("circle").first.evaluate("c => getComputedStyle(c).stroke") in (
        "transparent",
        "rgba(0, 0, 0, 0)",
    )


def test_an_own_thing_to_rate_added_in_settings_is_rated_after_a_session_and_charted(
    server: Server, browser: Browser
) -> None:
    b = browser
    Repository(server.workbook).save(reflection((date.today() - timedelta(days=7)).isoformat(), overall=7))
    settings_tab(b, "Your own ratings and questions")
    field = b.key("settings_items_new_0").locator("input")
    field.scroll_into_view_if_needed()
    field.fill("I felt safe to disagree")
    b.key("settings_items_add").locator("button").click()
    expect(b.key(f"settings_items{RESULT}")).to_contain_text("Added", timeout=30_000)
    expect(b.key("settings_items_new_1").locator("input")).to_have_value("")  # no second press adds it twice
    [item] = Repository(server.workbook).settings().own_items

    b.open("After_a_session")
    scale = b.key(f"reflection_rate_{item.id}{SCALE}")
    expect(scale).to_contain_text("I felt safe to disagree", timeout=30_000)
    press(b, f"reflection_rate_{item.id}", 4)
    four = scale.get_by_role("radio", name="4", exact=True)
    expect(four).to_be_checked(timeout=30_000)
    assert "\u2713" in four.evaluate("e => getComputedStyle(e, '::before').content")  # as a person sees it: ticked
    press(b, "reflection_overall", 8)
    b.key("reflection_reflection_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Reflection saved", timeout=30_000)
    assert Repository(server.workbook).reflections()[-1].own_ratings == {item.id: 4}

    b.open("Over_time")
    b.page.locator('[data-testid="stExpander"] summary', has_text="The five parts").first.click()
    b.key("overtime_csv_five-parts").wait_for(timeout=30_000)
    rows = list(csv.DictReader(io.StringIO(download(b, "overtime_csv_five-parts").decode())))
    mine = [r for r in rows if r["part"] == "I felt safe to disagree"]
    assert [float(r["rating"]) for r in mine if r["rating"]] == [4.0], rows[-3:]


def test_the_calendar_file_from_settings_links_back_to_this_very_app(server: Server, browser: Browser) -> None:
    from workbook import preferences

    repo = Repository(server.workbook)
    repo.change_settings(
        lambda s: preferences.with_schedule(
            s, starts_on=date.today() + timedelta(days=1), start=time(17, 0), minutes=50, every_weeks=1
        )
    )
    b = browser
    settings_tab(b, "Your sessions")
    ics = download(b, "settings_sessions_ics").decode()
    origin = f"http://{b.origin}"
    assert urlparse(server.url).port != 8501  # the test's server runs elsewhere, like `run --port`
    assert f"{origin}/Before_a_session" in ics.replace("\r\n ", "") and f"{origin}/After_a_session" in ics.replace(
        "\r\n ", ""
    )
    assert "localhost:8501" not in ics


def test_over_time_dates_picked_in_their_box_stay_chosen_when_it_closes(server: Server, browser: Browser) -> None:
    repo = Repository(server.workbook)
    today = date.today()
    for days in (40, 20, 10, 5):
        repo.save(reflection((today - timedelta(days=days)).isoformat(), therapist="Sam"))
    b = browser
    b.open("Over_time")
    b.page.locator('[data-testid="stExpander"] summary', has_text="Showing every session").click()
    b.key("overtime_dates").locator("button").first.click()  # the calendar
    cells = b.page.locator('[role="gridcell"]')
    cells.first.wait_for(timeout=30_000)
    first, last = today.replace(day=1), today
    cells.filter(has_text=re.compile(f"^{first.day}$")).first.click()
    b.page.wait_for_timeout(1500)  # a rerun now must not close the calendar before the last day
    # Today's cell: days shown from the month before are all 23 or later, from the month after 13 or earlier.
    today_cells = cells.filter(has_text=re.compile(f"^{last.day}$"))
    (today_cells.last if last.day >= 23 else today_cells.first).click()
    expect(b.key("overtime_dates")).to_contain_text(last.strftime("%d"), timeout=30_000)
    b.settle()
    b.page.locator('[data-testid="stExpander"] summary', has_text="Choose dates or a therapist").click()
    b.settle()
    said = f"Showing {first.day} {first:%B %Y} to {last.day} {last:%B %Y}"
    expect(b.page.locator('[data-testid="stExpander"] summary').first).to_contain_text(said, timeout=30_000)
    for page in ("Home", "Over time"):  # leave the page and come back: still chosen
        b.page.locator('[data-testid="stSidebar"] a', has_text=page).first.click()
        b.settle()
    expect(b.page.locator('[data-testid="stExpander"] summary').first).to_contain_text(said, timeout=30_000)
    b.page.locator('[data-testid="stExpander"] summary', has_text=said).click()
    b.key("overtime_every").locator("button").click()  # "Show every session"
    b.settle()
    b.page.locator('[data-testid="stExpander"] summary', has_text="Choose dates or a therapist").click()
    b.settle()  # closed: the fields' old values must not come back from the browser
    expect(b.page.locator('[data-testid="stExpander"] summary').first).to_contain_text(
        "Showing every session", timeout=30_000
    )


CONTROLS = "".join(chr(c) for c in [*range(0x20), 0x7F])  # every control character a paste can carry


def test_every_control_character_pasted_in_still_exports(server: Server, browser: Browser) -> None:
    # Issue 26: one ESC in "what helped" or a therapist's name made the PDF and the PNG do nothing.
    repo = Repository(server.workbook)
    for n in range(3):
        repo.save(
            reflection(
                (date.today() - timedelta(days=20 - 7 * n)).isoformat(),
                overall=7 + n,
                therapist=f"Sam{CONTROLS}Lee",
                what_helped=f"Being heard{CONTROLS}at last",
                unsaid=f'=HYPERLINK("http://evil.example"){CONTROLS}',
            )
        )
    b = browser
    b.open("Feedback")
    tick_every_point(b)
    assert not PdfReader(BytesIO(download(b, "feedback_download_pdf"))).pages[0].images  # no chart unless ticked
    b.key("feedback_chart").locator("label").click()
    expect(b.page.locator("main")).to_contain_text("The PDF will also hold a chart", timeout=30_000)
    b.settle()
    pdf = PdfReader(BytesIO(download(b, "feedback_download_pdf")))
    text = pdf.pages[0].extract_text()
    assert "Being heard" in text and "at last" in text and "\x1b" not in text and "\x00" not in text
    assert len(pdf.pages[0].images) == 1  # the chart is in it, as ticked
    note = download(b, "feedback_download_markdown").decode()
    assert "Being heard" in note and not any(c in note for c in CONTROLS if c not in "\t\n")
    b.open("Over_time")
    png = download(b, "overtime_png_overall-connection")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    rows = list(csv.reader(io.StringIO(download(b, "overtime_csv_overall-connection").decode(), newline="")))
    assert len(rows) == 4 and all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any(cell.startswith("'=HYPERLINK") or cell.startswith("Sam") for row in rows for cell in row)


def test_a_web_address_in_the_clients_words_stays_words_never_a_link(server: Server, browser: Browser) -> None:
    # Issue 26: a bare URL in the client's (or an imported) text became a live link in Feedback's labels.
    repo = Repository(server.workbook)
    for n in range(4):
        repo.save(
            reflection(
                (date.today() - timedelta(days=30 - 7 * n)).isoformat(),
                overall=9 if n < 3 else 4,
                what_helped="Reading https://evil.example/x and www.evil.example, or mail me@evil.example",
            )
        )
    b = browser
    b.open("Feedback")
    point = b.page.locator('[class*="st-key-feedback_keep_"]', has_text="evil.example").first
    expect(point).to_be_visible(timeout=30_000)
    assert "https://evil.example/x and www.evil.example, or mail me@evil.example" in point.inner_text().replace(
        "\u2060", ""
    )
    assert b.page.locator("main a[href*='evil'], main a[href^='mailto']").count() == 0
    b.open("Over_time")
    expect(b.page.locator("main")).to_contain_text("Worth raising", timeout=30_000)
    assert b.page.locator("main a[href*='evil'], main a[href^='mailto']").count() == 0


def test_after_keeping_a_note_the_draft_on_screen_is_empty_as_the_next_note_is(
    server: Server, browser: Browser
) -> None:
    # Issue 25's walkthrough: after "Keep this note" the ticks stayed ticked and the words stayed in the
    # box on screen, under "The note is empty for now" (the browser kept what the server had forgotten).
    Repository(server.workbook).save(
        reflection((date.today() - timedelta(days=2)).isoformat(), what_helped="Slowing down", unsaid="Held back")
    )
    b = browser
    b.open("Feedback")
    tick_every_point(b)
    fill(b, "feedback_own_words", "Words for this note only")
    b.page.locator("main h1").click()
    expect(b.page.locator("main")).to_contain_text("Words for this note only", timeout=30_000)
    b.settle()
    b.key("feedback_save").locator("button").click()
    expect(b.page.locator("main")).to_contain_text("Note kept", timeout=30_000)
    b.settle()
    [kept] = Repository(server.workbook).feedback_notes()
    assert "Slowing down" in kept.body and "Words for this note only" in kept.body
    ticks = b.page.locator('[class*="st-key-feedback_keep_"] input')
    assert ticks.count() >= 2 and b.page.locator('[class*="st-key-feedback_keep_"] input:checked').count() == 0
    own = b.page.locator('[class*="st-key-feedback_own_words"] textarea')
    assert own.input_value() == ""
    expect(b.page.locator("main")).to_contain_text("The note is empty for now")
    b.page.reload()
    b.settle()
    assert b.page.locator('[class*="st-key-feedback_keep_"] input:checked').count() == 0
