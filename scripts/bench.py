"""`make bench`: how fast the app stays as the workbook grows, on this machine. Prints a table.

1. Every page's median rerun time (Streamlit AppTest, warm) with demo workbooks of 200 and 2,000
   sessions, and their ratio (target: under 100 ms at 2,000; at most 1.5x the 200-session time).
2. Saving one reflection into the 2,000-session workbook against the floor: serializing the same data
   as one JSON file and fsyncing it (target: within 1.5x).
3. The app's cold start (`streamlit run` to a first rendered page in Chromium), and its resident
   memory with the 2,000-session workbook after every page has been opened (target: under 300 MB).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
}
RUNS = 15
UNTIL = date(2026, 11, 1)


def make_demo(folder: Path, sessions: int) -> Path:
    from workbook.demo import fill_with_demo
    from workbook.repository import Repository

    path = folder / f"demo-{sessions}.json"
    fill_with_demo(Repository(path), sessions=sessions, until=UNTIL)
    return path


def page_reruns(path: Path) -> dict[str, float]:
    """Median milliseconds of a warm rerun of each page (what every click costs)."""
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
        for _ in range(RUNS):
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
        medians[name] = statistics.median(times) * 1000
    return medians


def save_versus_floor(path: Path) -> tuple[float, float]:
    """Median ms to save one reflection, and to write the same data as JSON with an fsync."""
    from workbook.models import Reflection
    from workbook.repository import Repository

    repo = Repository(path)
    repo.reflections()
    saves, floors = [], []
    for n in range(RUNS):
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


def cold_start_and_memory(path: Path) -> tuple[float, float]:
    """Seconds from `streamlit run` to a rendered Home page; server RSS (MB) after opening every page."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import chromium_path, free_port

    port = free_port()
    env = {**os.environ, "WORKBOOK_DB": str(path)}
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=[*args, "--disable-background-networking"])
        page = browser.new_page()
        start = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                try:
                    page.goto(f"http://localhost:{port}/", timeout=2000)
                    break
                except Exception:  # not listening yet
                    time.sleep(0.05)
            page.wait_for_selector("h1", timeout=60_000)
            cold = time.perf_counter() - start
            for slug in (
                "Goals",
                "Before_a_session",
                "After_a_session",
                "Over_time",
                "Feedback",
                "History",
                "Settings_and_data",
            ):
                page.goto(f"http://localhost:{port}/{slug}")
                page.wait_for_selector("h1", timeout=60_000)
                page.wait_for_timeout(1500)
            rss_kb = int(
                next(
                    line.split()[1]
                    for line in Path(f"/proc/{server.pid}/status").read_text().splitlines()
                    if line.startswith("VmRSS")
                )
            )
        finally:
            server.terminate()
            server.wait(timeout=20)
            browser.close()
    return cold, rss_kb / 1024


KDF_TEXT = "128 MiB, 3 passes, 4 lanes"


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


def main() -> None:
    machine = platform.processor() or platform.machine()
    print(f"Machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        small, large = make_demo(Path(folder), 200), make_demo(Path(folder), 2000)
        sizes = f"200 sessions ({small.stat().st_size / 1e6:.1f} MB), 2,000 ({large.stat().st_size / 1e6:.1f} MB)"
        print(f"Workbooks: {sizes}")
        at_small, at_large = page_reruns(small), page_reruns(large)
        print()
        print(f"{'Page rerun (median ms)':<26}{'200':>9}{'2,000':>9}{'ratio':>8}  target: <100 ms, ratio <= 1.5")
        for name in PAGES:
            ratio = at_large[name] / at_small[name]
            flag = "" if at_large[name] < 100 and ratio <= 1.5 else "  <- misses"
            print(f"{name:<26}{at_small[name]:>9.1f}{at_large[name]:>9.1f}{ratio:>8.2f}{flag}")
        save, floor = save_versus_floor(large)
        print()
        print(
            f"Save one reflection at 2,000 sessions: {save:.1f} ms; serialize + fsync floor: {floor:.1f} ms;"
            f" ratio {save / floor:.2f} (target <= 1.5)"
        )
        print(f"Unlock an encrypted workbook (Argon2id {KDF_TEXT}), median of 5: {unlock_time(large):.2f} s")
        cold, rss = cold_start_and_memory(large)
        print(f"Cold start to a rendered Home page: {cold:.2f} s")
        print(f"Server memory, 2,000-session workbook, every page opened: {rss:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
