"""Screenshots of every page with demo data, as a person sees them: `make screenshots`.

`python scripts/screenshots.py OUTDIR` makes a demo workbook in a temporary folder, serves the app on
a free port and photographs every page at desktop (1280 px) and phone (390 px) width.
`python scripts/screenshots.py OUTDIR URL` photographs an app that is already running.

Uses the system Chromium (CHROMIUM_PATH or /usr/bin/chromium). Any request to another host is
blocked and reported: the app must not load anything from elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

PAGES = ["", "Goals", "Before_a_session", "After_a_session", "Over_time", "Feedback", "History", "Settings_and_data"]
# One screen of a page, from a heading down, after opening its tab: (page, tab, heading, file)
SECTIONS = [("Settings_and_data", "Your own ratings and questions", "Your own things to rate", "Make_it_yours")]


def wait_for_app(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] *').length > 20",
        timeout=30_000,
    )
    page.wait_for_timeout(800)


def full_screenshot(page, target: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    """Streamlit scrolls inside its main area, so grow the window to the content, then shoot."""
    selector = '[data-testid="stMain"], [data-testid="stMainBlockContainer"]'
    measure = f"() => Math.max(...[...document.querySelectorAll('{selector}')].map(e => e.scrollHeight), 900)"
    height = 0
    for _ in range(6):  # charts take a moment to lay out: grow the window until the height settles
        now = int(page.evaluate(measure))
        if now == height:
            break
        height = now
        page.set_viewport_size({"width": width, "height": min(height + 80, 14000)})
        page.wait_for_timeout(1000)
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def main(base: str, out: Path, width: int = 1280) -> int:
    out.mkdir(parents=True, exist_ok=True)
    origin = urlparse(base).netloc
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page(viewport={"width": width, "height": 900})

        def guard(route) -> None:  # type: ignore[no-untyped-def]
            if urlparse(route.request.url).netloc != origin and not route.request.url.startswith("data:"):
                outside.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        page.route("**/*", guard)
        for name in PAGES:
            page.goto(f"{base}/{name}")
            wait_for_app(page)
            target = out / f"{name or 'Home'}-{width}.png"
            full_screenshot(page, target, width)
            print(target)
        for name, tab, heading, file in SECTIONS:
            page.goto(f"{base}/{name}")
            wait_for_app(page)
            page.get_by_role("tab", name=tab).click()
            wait_for_app(page)
            page.get_by_role("heading", name=heading).evaluate("e => e.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(500)
            target = out / f"{file}-{width}.png"
            page.screenshot(path=str(target))
            print(target)
        browser.close()
    if outside:
        print("Blocked requests to other hosts:", *outside, sep="\n  ")
        return 1
    return 0


def with_demo_server(out: Path) -> int:
    import subprocess
    import tempfile

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.conftest import Server  # the same start-up and health check as the browser tests

    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "demo-workbook.json"
        subprocess.run([sys.executable, "-m", "workbook", "demo", "--db", str(workbook)], cwd=root, check=True)
        server = Server(workbook, Path(folder) / "server.log")
        try:
            return max(main(server.url, out, width) for width in (1280, 390))
        finally:
            server.stop()


if __name__ == "__main__":
    target = Path(sys.argv[1])
    if len(sys.argv) > 2:
        sys.exit(main(sys.argv[2], target, int(sys.argv[3]) if len(sys.argv) > 3 else 1280))
    sys.exit(with_demo_server(target))
