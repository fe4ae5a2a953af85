"""Shared fixtures: the same repository tests run over memory and a real JSON file."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import PAGES, Open
from workbook import i18n
from workbook.models import CheckIn, Goal, Reflection
from workbook.repository import Repository

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English, whatever this computer's WORKBOOK_LANGUAGE, and leaves the
    server's language (set by a page in another language) as it found it."""
    for name in (i18n.ENV, "LC_ALL", "LC_MESSAGES", "LANG"):  # the command line follows the computer's language
        monkeypatch.delenv(name, raising=False)
    i18n.use_for_server(i18n.DEFAULT)
    i18n.use_here("")
    yield
    i18n.use_for_server(i18n.DEFAULT)
    i18n.use_here("")


@pytest.fixture(params=["memory", "json"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Repository:
    if request.param == "memory":
        return Repository.in_memory()
    return Repository(tmp_path / "workbook.json")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbook.json"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workbook file the pages use (through WORKBOOK_DB), for page tests."""
    path = tmp_path / "workbook.json"
    monkeypatch.setenv("WORKBOOK_DB", str(path))
    return path


@pytest.fixture
def open_page(db: Path) -> Open:
    """Open a page by name (tests.apptest.PAGES) as a person would: Home first, then the page."""

    def run(name: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "home.py"), default_timeout=60)
        at.run()
        if name != "home":
            at.switch_page(PAGES[name]).run()
        assert not at.exception, at.exception
        return at

    return run


def reflection(day: str = "2026-03-14", overall: int = 8, **fields: object) -> Reflection:
    ratings = dict(trust=8, empathy=8, collaboration=7, communication=8, shared_goals=7, overall=overall)
    ratings.update(fields)  # type: ignore[arg-type]
    return Reflection(session_date=date.fromisoformat(day), **ratings)  # type: ignore[arg-type]


def checkin(**fields: object) -> CheckIn:
    return CheckIn(wellbeing=fields.pop("wellbeing", 6), **fields)  # type: ignore[arg-type]


def goal(title: str = "Feel less anxious at work", **fields: object) -> Goal:
    return Goal(title=title, **fields)  # type: ignore[arg-type]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m workbook` as a person would, in a separate process."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "workbook", *args],
        check=False,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=120,
    )


# --- real browser and real server (Playwright + Debian's Chromium) ------------------------------


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run app.py` with the shipped config, on a free port, against one workbook file."""

    def __init__(self, workbook: Path, log: Path, env: dict[str, str] | None = None) -> None:
        self.workbook, self.log, self.port = workbook, log, free_port()
        self.url = f"http://localhost:{self.port}"
        env = {**os.environ, "WORKBOOK_DB": str(workbook), "PYTHONPATH": str(ROOT), **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:  # noqa: S310
                    if answer.read() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")
            time.sleep(0.2)

    def stop(self) -> str:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        return self.log.read_text()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "workbook.json", tmp_path / "server.log")
    yield running
    log = running.stop()
    assert "Traceback" not in log, log  # an error on the server is a failure even if the page hid it


class Browser:
    """A Chromium page that blocks, and remembers, every request to another origin."""

    def __init__(self, page, origin: str) -> None:  # type: ignore[no-untyped-def]
        self.page, self.origin, self.outside, self.dialogs = page, origin, [], []
        page.route("**/*", self._guard)
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def _guard(self, route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).netloc == self.origin:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str = "") -> None:
        self.page.goto(f"http://{self.origin}/{path}")
        self.settle()

    def settle(self) -> None:
        """Wait until Streamlit has finished running the page."""
        page = self.page
        page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=30_000)
        page.wait_for_timeout(700)  # a rerun shows its status only after a moment
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
            " && document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] *').length > 15",
            timeout=30_000,
        )
        # Streamlit draws an element whose code is still loading as a grey placeholder (a busy machine
        # takes a moment): wait until the page's own elements are drawn.
        page.wait_for_function(
            '() => !document.querySelector(\'[data-testid="stMain"] [data-testid="stSkeleton"]\')',
            timeout=30_000,
        )
        page.wait_for_timeout(400)

    def key(self, key: str):  # type: ignore[no-untyped-def]
        return self.page.locator(f".st-key-{key}")


def launch_chromium(playwright, *extra_args: str):  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless, with nothing of its own reaching out; skips the test without one."""
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium found: install Debian's chromium or set CHROMIUM_PATH (.ci/run installs it)")
    args = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    return playwright.chromium.launch(executable_path=path, args=[*args, *extra_args])


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One Chromium for a module's tests (each opens its own pages or contexts in it)."""
    if chromium_path() is None:
        pytest.skip("no Chromium found: install Debian's chromium or set CHROMIUM_PATH (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


@pytest.fixture
def browser(server: Server) -> Iterator[Browser]:
    if chromium_path() is None:
        pytest.skip("no Chromium found: install Debian's chromium or set CHROMIUM_PATH (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch_chromium(p)
        page = chromium.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        driven = Browser(page, urlparse(server.url).netloc)
        yield driven
        chromium.close()
    assert driven.outside == [], f"the browser tried to reach other hosts: {driven.outside}"
    assert driven.dialogs == [], f"something ran a script: {driven.dialogs}"
