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

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

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
