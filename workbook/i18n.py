"""The app's own words in the client's language: gettext catalogues, and Babel for dates and numbers.

Every sentence the app says is written in English in the code and wrapped: `_("Save reflection")`,
`ngettext("1 session", "{n} sessions", n)`. Words defined once at import time (a table of labels)
are marked with `N_()` and translated where they are shown, with `_()`. The catalogues live in
workbook/locales/<language>/LC_MESSAGES/messages.po (and the compiled .mo beside it), managed with
Babel (`make translations`). The client's own words are never translated.

The language of a page run (or of a command) is chosen with `use()`: WORKBOOK_LANGUAGE if set (a
shared computer, the tests), else the one in the workbook's settings, else English. It is held per
thread and context, so two browser sessions never swap languages.
"""

from __future__ import annotations

import gettext
import os
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
DEFAULT = "en"
#: The languages the app speaks, each named in itself (how a speaker looks for it in a list).
LANGUAGES = {"en": "English", "es": "Español"}
ENV_VAR = "WORKBOOK_LANGUAGE"

_language: ContextVar[str] = ContextVar("workbook_language", default=DEFAULT)


def chosen(stored: str | None = None) -> str:
    """The language to speak: WORKBOOK_LANGUAGE if it names one we have, else `stored`, else English."""
    for candidate in (os.environ.get(ENV_VAR, ""), stored or ""):
        code = candidate.strip().lower().replace("-", "_").split("_")[0]
        if code in LANGUAGES:
            return code
    return DEFAULT


def use(stored: str | None = None) -> str:
    """Speak the chosen language from here on, in this thread and context; returns it."""
    code = chosen(stored)
    _language.set(code)
    return code


def language() -> str:
    return _language.get()


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    if code == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALES, languages=[code], fallback=True)


def _(message: str) -> str:
    """`message` (English, as written in the code) in the current language."""
    return _catalogue(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language (placeholders filled by the caller)."""
    return _catalogue(_language.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for translation without translating it now (a label defined at import time)."""
    return message


def locale() -> str:
    return {"en": "en_GB", "es": "es_ES"}.get(_language.get(), "en_GB")


def day(value: date | datetime, form: str = "d MMMM yyyy") -> str:
    """A date in the current language: "3 March 2026", "3 de marzo de 2026" (Babel's patterns)."""
    from babel.dates import format_date

    return format_date(value, form, locale=locale())


def weekday_day(value: date | datetime) -> str:
    """ "Tuesday 2 December" / "martes, 2 de diciembre"."""
    from babel.dates import format_date

    return format_date(value, "EEEE d MMMM" if _language.get() == "en" else "EEEE, d 'de' MMMM", locale=locale())


def number(value: float, digits: int = 1) -> str:
    """A number as the language writes it: 8.5 / 8,5."""
    from babel.numbers import format_decimal

    return format_decimal(round(value, digits), locale=locale())
