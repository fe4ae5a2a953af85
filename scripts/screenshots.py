"""Screenshots of every page with demo data, as a person sees them: `make screenshots`.

`python scripts/screenshots.py OUTDIR` makes a demo workbook in a temporary folder, serves the app on
a free port and photographs every page at desktop (1280 px) and phone (390 px) width: in English into
OUTDIR, then, from the Spanish demo workbook with the app speaking Spanish, into OUTDIR/es.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the workbook package and the tests' Server, from a plain `python scripts/…`

PAGES = ["", "Goals", "Before_a_session", "After_a_session", "Over_time", "Feedback", "History", "Settings_and_data"]
# One screen of a page, from a heading down, after opening its tab: (page, tab, heading, file); the tab
# and heading as written in the code, found in the language being photographed.
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


def in_language(language: str, text: str) -> str:
    """`text` as the app shows it in `language` (as written when the catalogue lacks it)."""
    from workbook.i18n import _, speaking

    with speaking(language):
        return _(text)


def main(base: str, out: Path, width: int = 1280, language: str = "en") -> int:
    out.mkdir(parents=True, exist_ok=True)
    origin = urlparse(base).netloc
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        browser_language = {} if language == "en" else {"locale": language}  # English as it always was
        page = browser.new_page(viewport={"width": width, "height": 900}, **browser_language)

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
            page.get_by_role("tab", name=in_language(language, tab)).click()
            wait_for_app(page)
            page.get_by_role("heading", name=in_language(language, heading)).evaluate(
                "e => e.scrollIntoView({block: 'start'})"
            )
            page.wait_for_timeout(500)
            target = out / f"{file}-{width}.png"
            page.screenshot(path=str(target))
            print(target)
        browser.close()
    if outside:
        print("Blocked requests to other hosts:", *outside, sep="\n  ")
        return 1
    return 0


# Each language's demo workbook and where its pictures go, inside OUTDIR.
LANGUAGES = {"en": ".", "es": "es"}


def with_demo_server(out: Path) -> int:
    import tempfile

    from tests.conftest import Server  # the same start-up and health check as the browser tests
    from workbook.demo import fill_with_demo
    from workbook.i18n import ENV
    from workbook.repository import Repository

    worst = 0
    for language, folder_name in LANGUAGES.items():
        with tempfile.TemporaryDirectory() as folder:
            workbook = Path(folder) / "demo-workbook.json"
            fill_with_demo(Repository(workbook), language=language)  # as `python -m workbook demo` does
            server = Server(workbook, Path(folder) / "server.log", env={ENV: language})
            try:
                target = out / folder_name
                worst = max(worst, *(main(server.url, target, width, language) for width in (1280, 390)))
            finally:
                server.stop()
    return worst


if __name__ == "__main__":
    target = Path(sys.argv[1])
    if len(sys.argv) > 2:
        sys.exit(main(sys.argv[2], target, int(sys.argv[3]) if len(sys.argv) > 3 else 1280))
    sys.exit(with_demo_server(target))
