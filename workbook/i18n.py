"""The app's own words in the client's language: gettext catalogues, Babel for dates and numbers.

Every sentence a person reads goes through `_()` (or `ngettext()` when it counts something), where it
is shown: `_("Saved.")`, `_("{count} sessions").format(count=...)` — never `_(f"...")`, which the
catalogue could not list. Words defined at import time (the names of the five parts, a guide's
headings) are marked with `N_()`, which only marks them for the catalogue, and translated with `_()`
where they are drawn. The client's own words never pass through here.

Catalogues live in workbook/locales/<language>/LC_MESSAGES/messages.po (and the compiled .mo beside
it); `make translations` extracts the English from the code and updates them (README, "Add a
language"). A language without a catalogue, or a sentence not yet translated, reads as English.

Which language: `WORKBOOK_LANGUAGE` (for a shared computer, and for tests) over the one chosen in
Settings over the browser's own; English when none of these is one the app speaks. The page frame
sets it for the server (`use_for_server`); a thread that writes in a given language (an export, the
command line, a test) uses `speaking(language)` for just its own work.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
DEFAULT = "en"


def _languages() -> dict[str, str]:
    """English, and every language with a compiled catalogue, each named in its own language (as a
    person looks for it): adding a language is adding its catalogue (README, "Add a language")."""
    from babel import Locale

    found = {DEFAULT: "English"}
    for mo in sorted(LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")):
        code = mo.parent.parent.name
        name = Locale.parse(code).get_display_name(code) or code
        found[code] = name[:1].upper() + name[1:]
    return found


#: The languages the app speaks: {"en": "English", "es": "Español"}.
LANGUAGES: dict[str, str] = _languages()
ENV = "WORKBOOK_LANGUAGE"

_server_language = DEFAULT
_speaking: ContextVar[str | None] = ContextVar("speaking", default=None)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet (words defined at import time)."""
    return message


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALES, languages=[language], fallback=True)


def current() -> str:
    """The language the app speaks now, in this thread."""
    return _speaking.get() or _server_language


def _(message: str) -> str:
    """`message` in the current language (as written, in English)."""
    return _catalogue(current()).gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted sentence for `count` in the current language (not yet filled in)."""
    return _catalogue(current()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context`, for one English word that needs two translations."""
    return _catalogue(current()).pgettext(context, message)


def supported(code: str | None) -> str | None:
    """'es', 'es-MX', 'es_AR.UTF-8' → 'es'; None for a language the app does not speak."""
    if not code:
        return None
    base = code.replace("_", "-").split(".")[0].split("-")[0].strip().lower()
    return base if base in LANGUAGES else None


def choose(chosen: str = "", browser: str | None = None) -> str:
    """The language to speak: `WORKBOOK_LANGUAGE`, else the one chosen in Settings, else the
    browser's, else English."""
    return supported(os.environ.get(ENV)) or supported(chosen) or supported(browser) or DEFAULT


def forced() -> bool:
    """Whether `WORKBOOK_LANGUAGE` decides, whatever Settings says."""
    return supported(os.environ.get(ENV)) is not None


def use_for_server(language: str) -> None:
    """Speak `language` from now on in every thread that has not chosen its own (one client, one
    workbook per server: the page frame sets it on every page, before anything is drawn)."""
    global _server_language  # noqa: PLW0603 (one value for the whole server, by design)
    _server_language = supported(language) or DEFAULT


def use_here(language: str) -> None:
    """Speak `language` in this thread from now on (a page's run: two browsers on one server, each
    in its own language until a choice is made, never mix their words mid-page); "" to follow the
    server's language again."""
    _speaking.set((supported(language) or DEFAULT) if language else None)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` in this thread until the block ends (exports, the command line, tests)."""
    token = _speaking.set(supported(language) or DEFAULT)
    try:
        yield
    finally:
        _speaking.reset(token)


# --- dates, times and numbers, as the language writes them ------------------------------------------


def _locale() -> str:
    return "en_GB" if current() == DEFAULT else current()  # the app's English is British: "9 February"


def _pattern(day: date, pattern: str) -> str:
    """`day` written with a Babel date pattern that each language gives in its catalogue
    (msgctxt "date pattern"), as Spanish does: "EEEE d 'de' MMMM"."""
    from babel.dates import format_date

    return format_date(day, pattern, locale=_locale())


def long_date(day: date) -> str:
    """'9 February 2026' / '9 de febrero de 2026'."""
    from babel.dates import format_date

    return format_date(day, "long", locale=_locale())


def day_month(day: date) -> str:
    """'9 February' / '9 de febrero'."""
    from babel.dates import format_skeleton

    return format_skeleton("dMMMM", day, locale=_locale())


def short_date(day: date, *, year: bool = False) -> str:
    """'9 Feb' / '9 feb'; with `year`, '9 Feb 2026' / '9 feb 2026'."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMd" if year else "MMMd", day, locale=_locale())


def month_year(day: date) -> str:
    """'Feb 2026' / 'feb 2026'."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", day, locale=_locale())


def weekday_day_month(day: date) -> str:
    """'Monday 9 February' / 'lunes 9 de febrero'."""
    # TRANSLATORS: a Babel date pattern (not words): EEEE the weekday, d the day, MMMM the month's name.
    return _pattern(day, pgettext("date pattern", "EEEE d MMMM"))


def weekday(day: date) -> str:
    """'Tuesday' / 'martes'."""
    from babel.dates import format_date

    return format_date(day, "EEEE", locale=_locale())


def weekday_name(number: int) -> str:
    """0 → 'Monday' / 'lunes' (Python's numbering: Monday is 0)."""
    from babel.dates import get_day_names

    return str(get_day_names("wide", locale=_locale())[number])


def clock(moment: time | datetime) -> str:
    """'17:00' in every language the app speaks (a 24-hour clock)."""
    return f"{moment:%H:%M}"


def date_and_time(moment: datetime) -> str:
    """'9 February 2026, 17:00' / '9 de febrero de 2026, 17:00'."""
    return f"{long_date(moment.date())}, {clock(moment)}"


def listed(items: list[str], *, narrow: bool = False) -> str:
    """['a', 'b', 'c'] → 'a, b and c' / 'a, b y c'; `narrow`: 'a, b, c' (dates in brackets)."""
    from babel.lists import format_list

    return format_list(items, style="standard-narrow" if narrow else "standard", locale=_locale())


def number(value: float, digits: int = 0) -> str:
    """1234 → '1,234' / '1234'; 7.5 → '7.5' / '7,5'."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale())
