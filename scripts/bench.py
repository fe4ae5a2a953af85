"""`make bench`: how fast the app stays as the workbook grows, on this machine. Prints one table.

The Python side (skipped with --browser-only):

1. Every page's median rerun time (Streamlit AppTest, warm) with demo workbooks of 200 and 2,000
   sessions (target: under 50 ms at 2,000).
2. Saving one reflection into the 2,000-session workbook against the floor: serializing the same data
   as one JSON file and fsyncing it (target: within 1.5x); unlocking an encrypted copy.

What a client feels, in Chromium (Playwright), side by side with a bare Streamlit app of the same ten
pages (scripts/bare/, a title and a paragraph each) as the floor:

3. Every page clicked in the sidebar, from "click" until the page stops changing, at 200 and 2,000
   sessions and in the bare app (targets: within 3x the bare page; 10x the data costs at most 1.3x).
   A MutationObserver on the page's body notes every change after the click; the page has settled
   when nothing changed for 600 ms and Streamlit's status widget is gone, and the time is the last
   change minus the click. Each page is reached from Home (and Home from that page), the three apps
   take turns page by page so that a busy moment on this shared machine hits them alike, and each
   figure is a median after one warm-up round. The floor is "a bare page": the median of every click
   in the bare app, whose pages are all alike (one page's few clicks alone would be a noisy floor).
   The bare app runs with Streamlit's defaults; a second one, for reference only, without the
   collection after each run that ours switches off (README, "Speed"), shows how much of the floor
   that collection is.
4. Cold start, from launching `streamlit run` to Home drawn and settled in a fresh browser, for the
   2,000-session workbook and the bare app (target: within 1.5x the bare app).
5. The first click after a save (a goal saved on Goals) against the same click without one, to Over
   time and to Home, at 2,000 sessions (target: within 2x the warm click).
6. The server's memory at 2,000 sessions after every page was opened (target: under 300 MB).

Flags: --browser-only skips 1-2; --quick takes fewer samples (for trying things, not for figures);
--write-readme puts the table between `<!-- bench:browser:start -->` and `<!-- bench:browser:end -->`
in README.md (only when both markers are there).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BARE = Path(__file__).resolve().parent / "bare"
README = ROOT / "README.md"
START, END = "<!-- bench:browser:start -->", "<!-- bench:browser:end -->"
sys.path.insert(0, str(ROOT))

PAGES = {
    "Home": None,
    "Goals": "pages/1_Goals.py",
    "Before a session": "pages/2_Before_a_session.py",
    "After a session": "pages/3_After_a_session.py",
    "Over time": "pages/4_Over_time.py",
    "Feedback": "pages/5_Feedback.py",
    "History": "pages/6_History.py",
    "Settings and data": "pages/7_Settings_and_data.py",
    "Help now": "pages/8_Help_now.py",
    "Making it work": "pages/9_Making_it_work.py",
}
# Each page's link in the sidebar, by its visible text: ours (st.page_link, ui/site.py) and the bare
# app's (Streamlit's own navigation, named after the files).
OUR_LINKS = {
    "Home": "Home",
    "Goals": "Goals",
    "Before a session": "Before a session",
    "After a session": "After a session",
    "Over time": "Over time",
    "Feedback": "Feedback",
    "History": "History",
    "Settings and data": "Settings and your data",
    "Help now": "Help now: crisis lines",
    "Making it work": "Making it work",
}
BARE_LINKS = {**{page: page for page in PAGES}, "Home": "home"}
UNTIL = date(2026, 11, 1)
KDF_TEXT = "128 MiB, 3 passes, 4 lanes"
QUIET_MS = 600  # a page has settled when nothing changed for this long (and no status widget shows)
STATUS = '[data-testid="stStatusWidget"]'
HEADLESS = ("--server.headless", "true")

# Targets, from issue 15.
X_BARE, X_DATA, X_COLD, X_SAVE, APPTEST_MS = 3.0, 1.3, 1.5, 2.0, 50.0
X_FLOOR_SAVE, MEMORY_MB = 1.5, 300.0


@dataclass
class Counts:
    """How many samples each measure takes."""

    reruns: int = 15  # AppTest reruns per page
    saves: int = 15  # reflections saved against the fsync floor
    clicks: int = 5  # measured clicks per page and app, after one warm-up round
    colds: int = 3  # cold starts each way
    after_save: int = 5  # saves, each followed by a first click (and then a warm one)


QUICK = Counts(reruns=5, saves=5, clicks=2, colds=1, after_save=2)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def make_demo(folder: Path, sessions: int) -> Path:
    from workbook.demo import fill_with_demo
    from workbook.repository import Repository

    path = folder / f"demo-{sessions}.json"
    fill_with_demo(Repository(path), sessions=sessions, until=UNTIL)
    return path


# --- the Python side ------------------------------------------------------------------------------


def page_reruns(path: Path, runs: int) -> dict[str, float]:
    """Median milliseconds of a warm rerun of each page (what every click costs the server)."""
    from streamlit.testing.v1 import AppTest

    os.environ["WORKBOOK_DB"] = str(path)
    medians = {}
    for name, page in PAGES.items():
        at = AppTest.from_file(str(ROOT / "home.py"), default_timeout=120)
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, (name, at.exception)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
        medians[name] = statistics.median(times) * 1000
    return medians


def save_versus_floor(path: Path, runs: int) -> tuple[float, float]:
    """Median ms to save one reflection, and to write the same data as JSON with an fsync."""
    from workbook.models import Reflection
    from workbook.repository import Repository

    repo = Repository(path)
    repo.reflections()
    saves, floors = [], []
    for n in range(runs):
        entry = Reflection(
            session_date=date(2026, 10, 1),
            trust=8,
            empathy=8,
            collaboration=8,
            communication=8,
            shared_goals=8,
            overall=8,
            insights=f"benchmark {n}",
        )
        start = time.perf_counter()
        repo.save(entry)
        saves.append(time.perf_counter() - start)
        data = json.loads(path.read_bytes())
        floor_path = path.with_name("floor.json")
        start = time.perf_counter()
        with open(floor_path, "wb") as handle:
            handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        floors.append(time.perf_counter() - start)
    return statistics.median(saves) * 1000, statistics.median(floors) * 1000


def unlock_time(path: Path) -> float:
    """Seconds from passphrase to an open 2,000-session encrypted workbook (key derivation + decrypt)."""
    from workbook.repository import Repository

    copy = path.with_name("encrypted.json")
    copy.write_bytes(path.read_bytes())
    Repository(copy).encrypt("a passphrase for the benchmark")
    times = []
    for _ in range(5):
        start = time.perf_counter()
        repo = Repository(copy)
        repo.unlock("a passphrase for the benchmark")
        repo.reflections()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- servers -----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit(
        "bench: no Chromium found for the browser part. Install Debian's chromium (apt-get install chromium)"
        " or set CHROMIUM_PATH to a Chromium binary."
    )


class Server:
    """One `streamlit run`, on a free port, logging to a file; `stop()` ends it (and only it)."""

    def __init__(self, name: str, cwd: Path, env: dict[str, str], log_path: Path, extra: tuple[str, ...] = ()) -> None:
        self.name, self.log_path, self.port = name, log_path, free_port()
        self.url = f"http://localhost:{self.port}"
        self.launched = time.time()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port), *HEADLESS, *extra],
            cwd=cwd,
            env=env,
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
        )

    def wait_listening(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while True:
            with socket.socket() as s:
                s.settimeout(0.5)
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: streamlit did not start:\n{self.log_path.read_text()}")
            time.sleep(0.02)

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)


@dataclass
class Launcher:
    """Starts our app (on a workbook) or the bare one; remembers every server to stop them all."""

    folder: Path
    running: list[Server] = field(default_factory=list)

    def ours(self, workbook: Path, name: str) -> Server:
        env = {**os.environ, "WORKBOOK_DB": str(workbook), "PYTHONPATH": str(ROOT)}
        return self._start(Server(name, ROOT, env, self.folder / f"{name}-{len(self.running)}.log"))

    def bare(self, *, collecting: bool = True) -> Server:
        # Not our .streamlit/config.toml (it is not in the bare app's folder), but the same server
        # settings that are not about the app: this computer only, no statistics, no file watcher.
        extra = (
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--server.runOnSave",
            "false",
        )
        env = {k: v for k, v in os.environ.items() if k != "WORKBOOK_DB"}
        if not collecting:  # the one runner setting of ours about speed (see README, "Speed")
            extra += ("--runner.postScriptGC", "false")
        name = "bare" if collecting else "bare-nogc"
        return self._start(Server(name, BARE, env, self.folder / f"{name}-{len(self.running)}.log", extra))

    def _start(self, server: Server) -> Server:
        self.running.append(server)
        return server

    def stop_all(self) -> None:
        for server in self.running:
            server.stop()
        self.running.clear()

    def report_errors(self, failed: bool) -> None:
        """Show the end of a server's log when it had a traceback (or the run failed)."""
        for path in sorted(self.folder.glob("*.log")):
            text = path.read_text(errors="replace")
            if failed or "Traceback" in text:
                tail = "\n".join(text.splitlines()[-30:])
                log(f"{path.name}{' has a traceback' if 'Traceback' in text else ''}:\n{tail}")


# --- the browser ------------------------------------------------------------------------------------

# Installed in every page before its own scripts: one MutationObserver on the body notes the time of
# every change (`any`), and of every change after the armed click (`last`); a capturing listener notes
# the click itself. Pages switch without reloading, so it lives as long as the tab.
OBSERVER = """
(() => {
  const b = window.__bench = { click: null, last: null, any: null, changes: 0 };
  const watch = () => new MutationObserver(() => {
    const t = performance.now();
    b.any = t;
    if (b.click !== null) { b.last = t; b.changes++; }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  if (document.body) watch(); else document.addEventListener("DOMContentLoaded", watch);
  document.addEventListener("click", () => { if (b.click === null) b.click = performance.now(); }, true);
})();
"""
ARM = "() => { const b = window.__bench; b.click = null; b.last = null; b.changes = 0; }"
SETTLED_AFTER_CLICK = f"""() => {{
  const b = window.__bench;
  return !!b && b.click !== null && b.last !== null && performance.now() - b.last >= {QUIET_MS}
    && !document.querySelector('{STATUS}');
}}"""
DRAWN = f"""() => {{
  const b = window.__bench, main = document.querySelector('[data-testid="stMainBlockContainer"]');
  return !!b && b.any !== null && !!main && !!main.querySelector("h1") && performance.now() - b.any >= {QUIET_MS}
    && !document.querySelector('{STATUS}');
}}"""
LAST_CHANGE_EPOCH_MS = "() => performance.timeOrigin + window.__bench.any"


def launch_browser(playwright: Any, chromium: str) -> Any:
    args = [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
    ]
    return playwright.chromium.launch(executable_path=chromium, args=args)


def new_tab(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.add_init_script(OBSERVER)
    return context.new_page()


def settle(page: Any, timeout: float = 60_000) -> None:
    """Wait until the page shows a title and has stopped changing."""
    page.wait_for_function(DRAWN, polling=50, timeout=timeout)


class Tab:
    """One app in one browser tab, clicked by its sidebar links."""

    def __init__(self, browser: Any, server: Server, links: dict[str, str]) -> None:
        self.page, self.server, self.links = new_tab(browser), server, links
        self.page.goto(server.url + "/")
        settle(self.page)

    def link(self, page_name: str) -> Any:
        title = self.links[page_name]
        sidebar = self.page.locator('[data-testid="stSidebar"] a')
        return sidebar.filter(has=self.page.get_by_text(title, exact=True)).first

    def click(self, page_name: str) -> float:
        """Click a page's link; milliseconds from the click to the last change before it settled."""
        self.page.evaluate(ARM)
        self.link(page_name).click()
        try:
            self.page.wait_for_function(SETTLED_AFTER_CLICK, polling=50, timeout=60_000)
        except Exception as error:
            raise RuntimeError(f"{self.server.name}: {page_name} did not settle within 60 s") from error
        return self.page.evaluate("() => window.__bench.last - window.__bench.click")


def cold_start(playwright: Any, chromium: str, launcher: Launcher, start: Callable[[], Server]) -> float:
    """Seconds from launching the server to Home drawn and settled, in a fresh browser."""
    browser = launch_browser(playwright, chromium)
    try:
        page = new_tab(browser)
        server = start()
        try:
            server.wait_listening()
            page.goto(server.url + "/", wait_until="commit", timeout=60_000)
            settle(page, timeout=120_000)
            return page.evaluate(LAST_CHANGE_EPOCH_MS) / 1000 - server.launched
        finally:
            server.stop()
            launcher.running.remove(server)
    finally:
        browser.close()


def cold_starts(playwright: Any, chromium: str, launcher: Launcher, workbook: Path, runs: int) -> dict[str, float]:
    """Median cold start of our app (2,000 sessions) and the bare app, taking turns; one warm-up each."""
    times: dict[str, list[float]] = {"ours": [], "bare": []}
    for run in range(runs + (1 if runs > 1 else 0)):
        ours = cold_start(playwright, chromium, launcher, lambda: launcher.ours(workbook, "cold"))
        bare = cold_start(playwright, chromium, launcher, launcher.bare)
        log(f"cold start {run}: ours {ours:.2f} s, bare {bare:.2f} s" + (" (warm-up)" if runs > 1 and not run else ""))
        if runs == 1 or run:
            times["ours"].append(ours)
            times["bare"].append(bare)
    return {name: median(values) for name, values in times.items()}


def click_times(tabs: dict[str, Tab], clicks: int) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Median ms per page and app, and of every click in the bare app (a bare page): each page
    clicked from Home, then Home clicked from it. The apps take turns page by page; the first round
    warms up and is not counted."""
    samples: dict[str, dict[str, list[float]]] = {app: {page: [] for page in PAGES} for app in tabs}
    for round_ in range(clicks + 1):
        for page in PAGES:
            if page == "Home":
                continue
            for app, tab in tabs.items():
                there = tab.click(page)
                back = tab.click("Home")
                if round_:
                    samples[app][page].append(there)
                    samples[app]["Home"].append(back)
        summary = ", ".join(f"{app} {median([t for ts in samples[app].values() for t in ts]):.0f}" for app in tabs)
        log(f"click round {round_}{' (warm-up)' if not round_ else ''} done; median so far: {summary or '-'} ms")
    medians = {app: {page: median(values) for page, values in pages.items()} for app, pages in samples.items()}
    pooled = {app: median([t for ts in samples[app].values() for t in ts]) for app in samples if app.startswith("bare")}
    return medians, pooled


def save_goal(tab: Tab, n: int) -> None:
    """Save a new goal through the Goals page, and wait until the page (and its toast) settled."""
    page = tab.page
    field = page.locator(".st-key-goals_new_title input").first
    if not field.is_visible():
        page.locator('[data-testid="stExpander"] summary', has_text="Add a goal").first.click()
        field.wait_for(state="visible", timeout=30_000)
    field.fill(f"Benchmark goal {n}")
    # The box sends its words on losing focus, which reruns the page; a rerun that redraws the button
    # between press and release loses the click. So: leave the box first, let that rerun finish, and
    # press Save again if the click was lost all the same.
    field.evaluate("box => box.blur()")
    page.wait_for_timeout(100)
    settle(page)
    saved = page.get_by_text("Goal saved.").first
    for attempt in range(3):
        page.evaluate(ARM)
        page.locator(".st-key-goals_new_goal_save button").first.click()
        try:
            saved.wait_for(timeout=10_000)
            break
        except Exception:
            if attempt == 2:
                raise
            log("the Save click was lost; pressing Save again")
    page.wait_for_function(SETTLED_AFTER_CLICK, polling=50, timeout=60_000)
    # The toast leaves by itself after a few seconds; that change must not land in the next click.
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stToast\"]')", timeout=30_000)
    page.wait_for_timeout(QUIET_MS)


def first_after_save(tab: Tab, runs: int) -> dict[str, tuple[float, float]]:
    """Per target page, median ms of the first click after a save and of the same click warm."""
    samples: dict[str, tuple[list[float], list[float]]] = {"Over time": ([], []), "Home": ([], [])}
    n = 0
    for _ in range(runs):
        for target, (first, warm) in samples.items():
            tab.click("Goals")
            n += 1
            save_goal(tab, n)
            first.append(tab.click(target))
            tab.click("Goals")
            warm.append(tab.click(target))
            log(f"{target}: first after a save {first[-1]:.0f} ms, warm {warm[-1]:.0f} ms")
    return {target: (median(first), median(warm)) for target, (first, warm) in samples.items()}


@dataclass
class Browser:
    clicks: dict[str, dict[str, float]]
    bare_page: dict[str, float]  # the median of every click in each bare app ("bare", "bare-nogc")
    cold: dict[str, float]
    after_save: dict[str, tuple[float, float]]
    memory: dict[str, float]


def browser_part(folder: Path, small: Path, large: Path, counts: Counts) -> Browser:
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    launcher, failed = Launcher(folder), True
    try:
        with sync_playwright() as playwright:
            log("cold starts (our app at 2,000 sessions, the bare app)")
            cold = cold_starts(playwright, chromium, launcher, large, counts.colds)
            servers = {
                "bare": launcher.bare(),
                "bare-nogc": launcher.bare(collecting=False),
                "200": launcher.ours(small, "200"),
                "2000": launcher.ours(large, "2000"),
            }
            for server in servers.values():
                server.wait_listening()
            browser = launch_browser(playwright, chromium)
            try:
                tabs = {
                    app: Tab(browser, server, BARE_LINKS if app.startswith("bare") else OUR_LINKS)
                    for app, server in servers.items()
                }
                log("clicks: every page, from Home and back, the four apps in turn")
                clicks, bare_page = click_times(tabs, counts.clicks)
                memory = {app: server.rss_mb() for app, server in servers.items()}
                log("first click after a save, against a warm one (2,000 sessions)")
                after_save = first_after_save(tabs["2000"], counts.after_save)
            finally:
                browser.close()
        failed = False
    finally:
        launcher.stop_all()
        launcher.report_errors(failed)
    return Browser(clicks, bare_page, cold, after_save, memory)


# --- the table ------------------------------------------------------------------------------------


def machine() -> str:
    model = ""
    with contextlib.suppress(OSError):
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    cpu = f"{os.cpu_count()} CPUs" + (f" ({model})" if model else "")
    return f"{cpu}, {platform.system()} {platform.release()} ({platform.machine()}), Python {platform.python_version()}"


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def table(
    browser: Browser | None,
    at: tuple[dict[str, float], dict[str, float]] | None,
    python: dict[str, float] | None,
    run: str,
    counts: Counts,
) -> str:
    rows = [
        "| Measure (median) | 200 sessions | 2,000 sessions | floor | ratio | target | |",
        "|---|--:|--:|--:|---|---|:-:|",
    ]
    if browser:
        for page in PAGES:
            small, large, bare = browser.clicks["200"][page], browser.clicks["2000"][page], browser.bare_page["bare"]
            x_bare, x_data = large / bare, large / small
            rows.append(
                f"| Click to settled: {page} | {ms(small)} | {ms(large)} | {ms(bare)} bare page"
                f" | {x_bare:.2f}x bare · {x_data:.2f}x data | ≤ {X_BARE:g}x bare · ≤ {X_DATA:g}x data"
                f" | {mark(x_bare <= X_BARE and x_data <= X_DATA)} |"
            )
        plain = browser.bare_page["bare-nogc"]
        slowest = max((p for p in PAGES), key=lambda p: browser.clicks["2000"][p])
        rows.append(
            f"| For reference: a bare page without Streamlit's collection after each run (as ours) | | | {ms(plain)}"
            f" | slowest page ({slowest}) {browser.clicks['2000'][slowest] / plain:.2f}x | | |"
        )
        ours, bare = browser.cold["ours"], browser.cold["bare"]
        rows.append(
            f"| Cold start to Home drawn | | {ours:.2f} s | {bare:.2f} s bare | {ours / bare:.2f}x bare"
            f" | ≤ {X_COLD:g}x bare | {mark(ours / bare <= X_COLD)} |"
        )
        for target, (first, warm) in browser.after_save.items():
            rows.append(
                f"| {target}: first click after a save | | {ms(first)} | {ms(warm)} warm | {first / warm:.2f}x warm"
                f" | ≤ {X_SAVE:g}x warm | {mark(first / warm <= X_SAVE)} |"
            )
    if at:
        small, large = at
        slowest = max(large, key=large.get)  # type: ignore[arg-type]
        rows.append(
            f"| AppTest rerun, slowest of {len(large)} pages ({slowest}) | {ms(small[slowest])} | {ms(large[slowest])}"
            f" | | {large[slowest] / small[slowest]:.2f}x data | < {APPTEST_MS:g} ms every page"
            f" | {mark(all(v < APPTEST_MS for v in large.values()))} |"
        )
    if python:
        save, floor = python["save"], python["floor"]
        rows.append(
            f"| Save one reflection | | {ms(save)} | {ms(floor)} JSON + fsync | {save / floor:.2f}x floor"
            f" | ≤ {X_FLOOR_SAVE:g}x floor | {mark(save / floor <= X_FLOOR_SAVE)} |"
        )
        rows.append(f"| Unlock an encrypted workbook (Argon2id {KDF_TEXT}) | | {python['unlock']:.2f} s | | | | |")
    if browser:
        memory = browser.memory
        rows.append(
            f"| Server memory, every page opened | {memory['200']:.0f} MB | {memory['2000']:.0f} MB"
            f" | {memory['bare']:.0f} MB bare | | < {MEMORY_MB:g} MB | {mark(memory['2000'] < MEMORY_MB)} |"
        )
    rows.append("")
    rows.append(f"Measured by `make bench` ({run}) on {machine()}.")
    if browser:
        rows.append(
            f"Clicks: median of {counts.clicks} per page and app after a warm-up round, each page clicked from"
            " Home and Home from each page; the floor, a bare page, is the median of every click in the bare"
            f" app (its pages are alike: a title and a paragraph); cold starts: median of {counts.colds} each way;"
            f" first click after a save: median of {counts.after_save}. Ratios come from one run side by side:"
            " on a shared machine the milliseconds move from run to run more than the ratios do."
        )
    return "\n".join(rows)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    if START not in readme or END not in readme or readme.index(START) > readme.index(END):
        log(f"README.md has no {START} … {END} markers: left as it is")
        return
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    README.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")
    log("README.md: the table is in")


def print_reruns(small: dict[str, float], large: dict[str, float]) -> None:
    print(f"{'Page rerun, AppTest (median ms)':<34}{'200':>9}{'2,000':>9}{'ratio':>8}  target: < {APPTEST_MS:g} ms")
    for name in PAGES:
        flag = "" if large[name] < APPTEST_MS else "  <- misses"
        print(f"{name:<34}{small[name]:>9.1f}{large[name]:>9.1f}{large[name] / small[name]:>8.2f}{flag}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser-only", action="store_true", help="skip the AppTest, save and unlock parts")
    parser.add_argument("--quick", action="store_true", help="fewer samples: for trying things, not for figures")
    parser.add_argument("--write-readme", action="store_true", help="put the table between the README's markers")
    args = parser.parse_args()
    counts = QUICK if args.quick else Counts()
    chromium_path()  # a clear message now rather than after the Python part
    # A `kill` (or Ctrl+C) still runs every `finally`: no server is left behind.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started, today = time.perf_counter(), datetime.now()
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as name:
        folder = Path(name)
        log("demo workbooks of 200 and 2,000 sessions")
        small, large = make_demo(folder, 200), make_demo(folder, 2000)
        log(f"200 sessions: {small.stat().st_size / 1e6:.1f} MB; 2,000: {large.stat().st_size / 1e6:.1f} MB")
        at = python = None
        if not args.browser_only:
            log("AppTest reruns")
            at = page_reruns(small, counts.reruns), page_reruns(large, counts.reruns)
            print_reruns(*at)
            log("save against the floor; unlock")
            copy = folder / "python" / large.name
            copy.parent.mkdir()
            shutil.copyfile(large, copy)  # saving adds entries: the browser part gets the workbook as made
            save, floor = save_versus_floor(copy, counts.saves)
            python = {"save": save, "floor": floor, "unlock": unlock_time(copy)}
        browser = browser_part(folder, small, large, counts)
    minutes = (time.perf_counter() - started) / 60
    kind = ("quick, " if args.quick else "") + ("browser only, " if args.browser_only else "")
    run = f"{kind}{today:%Y-%m-%d %H:%M}, {minutes:.1f} min"
    text = table(browser, at, python, run, counts)
    print(text)
    if args.write_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
