"""Crisis resources for the country the client names (issue 17).

The rule: every number names the service's own public page (or, for an emergency number, a
government page) as its source (`CitedLine.source`), so anyone can check it and see when it
changes; each was checked against a page read here, named in a comment where that is not the
source itself (no stored copy of the service's own page could be read on this machine). No number
is made up. A country with no confirmed crisis line keeps the app's general pointers (`lines_for`):
the local emergency number, and findahelpline.com. A missing number is better than a wrong one.

Names of services are proper names and stay in their own language ("Samaritans", "Línea de la Vida");
the app's own words around a number ("call or text", "free, 24 hours") are marked with `N_()` and
read in the client's language where they are shown. The client's own lines, once they change the
defaults in Settings, are theirs: shown exactly as written, never translated or replaced.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from .i18n import N_, _
from .models import DEFAULT_CRISIS_LINES, CrisisLine

EMERGENCY = N_("Emergency services")


@dataclass(frozen=True)
class CitedLine:
    name: str  # the service's own name (a proper name, not translated), or EMERGENCY
    contact: str  # number and how; N_() marked when it holds app words; the number itself stays
    source: str  # the page the number was read from


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # English name, marked for translation
    lines: tuple[CitedLine, ...]


# Checked against stored copies of these pages; see each source. A country listed with fewer lines
# than it should have is one whose crisis line's own page could not be read: add it only from its page.
COUNTRIES: dict[str, Country] = {
    "ES": Country(
        code="ES",
        name=N_("Spain"),
        lines=(
            # The European Commission: 112 is the emergency number everywhere in the EU.
            CitedLine(
                name=EMERGENCY,
                contact="112",
                source="https://digital-strategy.ec.europa.eu/es/news/112-day-raises-awareness-eu-emergency-number",
            ),
            # The Ministerio de Sanidad's line, run with Cruz Roja since May 2022; its own page is the
            # source. Read here on a stored copy of RTVE's report of its launch (free, 24 hours):
            # https://www.rtve.es/noticias/20220509/sanidad-presenta-telefono-prevencion-suicidio/2347183.shtml
            CitedLine(
                name="024 · Línea de atención a la conducta suicida",
                contact=N_("024 (free, confidential, 24 hours a day)"),
                source="https://www.sanidad.gob.es/linea024/home.htm",
            ),
            # Read here on a stored copy of https://maldita.es/index.php/malditaciencia/20220510/024-numero-telefono-atencion-suicidio-espana-gratuito
            CitedLine(
                name="Teléfono de la Esperanza",
                contact="717 003 717",
                source="https://telefonodelaesperanza.org/",
            ),
        ),
    ),
    "MX": Country(
        code="MX",
        name=N_("Mexico"),
        lines=(
            # Gobierno de México: 911 is the single national emergency number.
            CitedLine(
                name=EMERGENCY,
                contact="911",
                source="https://www.gob.mx/policiafederal/articulos/088-911-responder-ante-cualquier-llamado?idiom=es",
            ),
            # CONADIC's national line (Secretaría de Salud); its page on gob.mx is the source. No stored
            # copy of it could be read here; the number was checked against several national reports.
            CitedLine(
                name="Línea de la Vida",
                contact=N_("800 911 2000 (free, 24 hours a day)"),
                source="https://www.gob.mx/salud/conadic",
            ),
        ),
    ),
    "AR": Country(
        code="AR",
        name=N_("Argentina"),
        lines=(
            # 911 was read on the Province of Buenos Aires' emergency page (other provinces use it too).
            CitedLine(name=EMERGENCY, contact="911", source="https://emergencias911.mseg.gba.gov.ar/"),
            # The Centro de Asistencia al Suicida's own site is the source; read here on a stored copy of
            # https://www.osdop.org.ar/prevencion-del-suicidio (free, anonymous, confidential).
            CitedLine(
                name="Centro de Asistencia al Suicida (CAS)",
                contact=N_("135 from Buenos Aires City and Greater Buenos Aires, 0800 345 1435 from anywhere (free)"),
                source="https://www.asistenciaalsuicida.org.ar/",
            ),
        ),
    ),
    "US": Country(
        code="US",
        name=N_("United States"),
        lines=(
            # The FCC: carriers must route every 911 call to an emergency call centre.
            CitedLine(
                name=EMERGENCY,
                contact="911",
                source="https://fcc.gov/enforcement/areas/911-outages-reporting",
            ),
            # Read on the Wyoming Department of Health's page (988lifeline.org itself was not stored).
            CitedLine(
                name="988 Suicide & Crisis Lifeline",
                contact=N_("Call or text 988, or chat at 988lifeline.org (free, confidential, 24/7)"),
                source="https://health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/988-suicide-crisis-lifeline",
            ),
        ),
    ),
    "GB": Country(
        code="GB",
        name=N_("United Kingdom"),
        lines=(
            # An NHS trust's crisis page: 999 (or A&E) when a life is at risk.
            CitedLine(name=EMERGENCY, contact="999", source="https://www.lpft.nhs.uk/contact-us/need-help-now"),
            CitedLine(
                name="Samaritans",
                contact=N_("116 123 (free, 24 hours a day)"),
                source="https://www.samaritans.org/how-we-can-help/contact-samaritan/",
            ),
            CitedLine(
                name="NHS 111",
                contact=N_("In England: call 111 and choose the mental health option (24/7)"),
                source="https://www.lpft.nhs.uk/contact-us/need-help-now",
            ),
        ),
    ),
}

# What a client may write in Settings, once accents, case, spaces and dots are gone ("EE. UU." → "eeuu").
_NAMES: dict[str, str] = {
    **dict.fromkeys(["spain", "espana", "reinodeespana", "es"], "ES"),
    **dict.fromkeys(["mexico", "mejico", "estadosunidosmexicanos", "mx"], "MX"),
    **dict.fromkeys(["argentina", "republicaargentina", "ar"], "AR"),
    **dict.fromkeys(
        [
            "unitedstates",
            "unitedstatesofamerica",
            "usa",
            "us",
            "estadosunidos",
            "estadosunidosdeamerica",
            "eeuu",
            "eua",
        ],
        "US",
    ),
    **dict.fromkeys(
        [
            *("unitedkingdom", "uk", "gb", "greatbritain", "britain", "reinounido", "granbretana"),
            # its nations, written alone: 999 and Samaritans reach them all (NHS 111's line says "In England")
            *("england", "scotland", "wales", "northernireland", "inglaterra", "escocia", "gales"),
            "irlandadelnorte",
        ],
        "GB",
    ),
}


def _key(text: str) -> str:
    """'  España ' → 'espana'; 'EE. UU.' → 'eeuu': letters and digits only, no accents, lower case."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum() and not unicodedata.combining(char))


def country_named(text: str) -> Country | None:
    """The country the client wrote ("Spain", "España", "UK", "EEUU", "México"…), or None when it is
    not one the app has lines for. Accents, case, spaces and dots do not matter."""
    code = _NAMES.get(_key(text or ""))
    return COUNTRIES[code] if code else None


def country_meant(text: str) -> Country | None:
    """The country the client meant, typed in part or with a slip: the one named ("UK", "España"), else
    the only country one of whose names (in either language) starts with what was typed ("United
    King", "Arg"), else the only one with a name close to it ("Mexco", "Espana"). None when no country,
    or more than one, fits ("Uni": the United States or the United Kingdom): it stays as typed."""
    named = country_named(text)
    if named is not None:
        return named
    key = _key(text or "")
    if len(key) < 3:
        return None
    starting = {code for name, code in _NAMES.items() if name.startswith(key)}
    if len(starting) == 1:
        return COUNTRIES[starting.pop()]
    if starting:
        return None
    close = {_NAMES[name] for name in difflib.get_close_matches(key, list(_NAMES), n=10, cutoff=0.8)}
    return COUNTRIES[close.pop()] if len(close) == 1 else None


def _translated(line: CrisisLine | CitedLine) -> CrisisLine:
    """The line in the language spoken where it holds the app's words (a service's own name, not in the
    catalogue, stays as it is)."""
    return CrisisLine(name=_(line.name), contact=_(line.contact))


def _default_lines() -> tuple[CrisisLine, ...]:
    return tuple(_translated(line) for line in DEFAULT_CRISIS_LINES)


def lines_for(country: Country) -> tuple[CrisisLine, ...]:
    """The country's lines, in the current language where they are the app's words. A country with no
    cited emergency number, or no cited crisis line, keeps the matching general default in its place."""
    emergency_default, crisis_default = _default_lines()
    cited = tuple(_translated(line) for line in country.lines)
    before = () if any(line.name == EMERGENCY for line in country.lines) else (emergency_default,)
    after = () if any(line.name != EMERGENCY for line in country.lines) else (crisis_default,)
    return before + cited + after


def shown_lines(lines: Sequence[CrisisLine], country_text: str) -> tuple[CrisisLine, ...]:
    """What to show: the client's own lines exactly as written once they have changed the defaults;
    with the defaults untouched, the lines of the country they named, or the defaults in their language."""
    lines = tuple(lines)
    if lines != DEFAULT_CRISIS_LINES:
        return lines
    country = country_named(country_text)
    return lines_for(country) if country else _default_lines()


# --- Numbers to tap and sites to open (issue 25) ------------------------------------------------
# A line's words stay plain text; what can be reached from it is found in its contact and offered
# as a link built here, from the pieces that are safe: a number's digits (and a leading +) for a
# `tel:` address, and a site only when it is an https address with a host. Nothing else becomes a
# link, so a line the client wrote ("[x](http://evil)", "<img src=x>", "javascript:…") stays words.

# The app's own lines name these sites without "https://": ours, so they are offered as links too.
SITES = {"findahelpline.com": "https://findahelpline.com/", "988lifeline.org": "https://988lifeline.org/"}
# A number: digits, single spaces or hyphens between groups, perhaps a leading +; three digits at least
# ("112"), seven when hyphens join them ("1-800-273-8255", not "9-17"), fifteen at most (the longest
# international number); not part of a word, a date ("24/7") or a decimal ("1.5").
_NUMBER = re.compile(r"(?<![\w/.,+-])\+?\d(?:[ -]?\d)+(?![\w/-]|[.,]\d)")
_URL = re.compile(r"https://[^\s<>\"'`()\[\]{}|\\^]+", re.IGNORECASE)
_SITE = re.compile(r"(?<![\w./@-])(" + "|".join(re.escape(site) for site in SITES) + r")(?![\w/-])", re.IGNORECASE)
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", re.IGNORECASE)


@dataclass(frozen=True)
class Reach:
    """One way to reach a line: a number to call or a site to open, as shown and as linked."""

    kind: str  # "call" or "site"
    shown: str  # the number as written ("116 123"), or the site's host ("findahelpline.com")
    address: str  # "tel:116123" or "https://findahelpline.com/"


def tel_address(number: str) -> str | None:
    """'116 123' → 'tel:116123': only the digits (and a + first) go into the address; None unless the
    number is digits with spaces or hyphens between them, 3 to 15 digits (7 at least with hyphens)."""
    if not re.fullmatch(r"\+?\d(?:[ -]?\d)*", number.strip()):
        return None
    digits = re.sub(r"[^\d+]", "", number)
    count = len(digits.lstrip("+"))
    return f"tel:{digits}" if (7 if "-" in number else 3) <= count <= 15 else None


def site_address(text: str) -> str | None:
    """`text` when it is an https address with a host (no name or password before it), else None."""
    text = text.strip()
    if not _URL.fullmatch(text):
        return None
    try:
        parts = urlsplit(text)
        port = parts.port  # a port that is not a number is refused here
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or "@" in parts.netloc or not parts.hostname:
        return None
    if not _HOST.fullmatch(parts.hostname) or "." not in parts.hostname:
        return None
    del port
    return "https" + text[len("https") :]  # "HTTPS://…" too, said the usual way


def ways_to_reach(contact: str) -> tuple[Reach, ...]:
    """The numbers and sites in a line's contact, in the order written; each only once."""
    found: list[tuple[int, int, Reach]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _ in found)

    for match in _URL.finditer(contact):  # first, so a number inside an address stays part of it
        url = match.group().rstrip(".,;:!?")
        address = site_address(url)
        if address:
            host = urlsplit(address).hostname or ""
            found.append((match.start(), match.start() + len(url), Reach("site", host, address)))
    for match in _SITE.finditer(contact):
        if free(match.start(), match.end()):
            found.append((match.start(), match.end(), Reach("site", match.group(), SITES[match.group().lower()])))
    for match in _NUMBER.finditer(contact):
        address = tel_address(match.group())
        if address and free(match.start(), match.end()):
            found.append((match.start(), match.end(), Reach("call", match.group(), address)))
    ways: list[Reach] = []
    for _start, _end, reach in sorted(found, key=lambda f: f[0]):
        if reach.address not in {w.address for w in ways}:
            ways.append(reach)
    return tuple(ways)
