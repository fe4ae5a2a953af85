"""Home and help for a client (issue 25, items 8 and 9), with Streamlit's AppTest and plain unit tests.

Item 8: a saved check-in stays on Home (its topics in order, questions, what is hard to say) until the
reflection on that session. Item 9: the country is asked beside the language on the first visit; numbers
and sites are links built safely; the "not a crisis service" sentence is body text; the check-in promises
nothing the workbook cannot do; while a safety worry is open, Home grades nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import PAGES, Open, all_text, button
from tests.conftest import checkin, reflection
from workbook.crisis import Reach, site_address, tel_address, ways_to_reach
from workbook.i18n import _
from workbook.loop import SAFETY_TOPIC, open_checkin
from workbook.models import CrisisLine
from workbook.repository import Repository
from workbook.wording import NOT_A_CRISIS_SERVICE

HOSTILE_LINES = (
    CrisisLine(name="[x](http://evil)", contact="<img src=x> 116 123"),
    CrisisLine(name="<img src=x>", contact="javascript:alert(1) [call](tel:999) http://evil.example/"),
    CrisisLine(name="javascript:alert(1)", contact="![p](https://evil.example/p.png) www.evil.example a@evil.example"),
)


def links(at: AppTest) -> list[tuple[str, str]]:
    """Each link the page offers to reach help: (label, address)."""
    return [(e.proto.label, e.proto.url) for e in at.get("link_button")]


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


# --- item 8: the check-in stays on Home until the session's reflection ----------------------------------------


def test_a_saved_check_in_is_on_home_in_the_clients_words_until_the_reflection(db: Path, open_page: Open) -> None:
    """Seen failing before: Home showed none of the check-in ("Sleep" nowhere on the page)."""
    at = open_page("checkin")
    for n, topic in enumerate(("Sleep", "My sister's wedding", "[x](http://evil) <img src=x>")):
        at.text_input(key=f"checkin_topic_{n}").input(topic)
    at.text_area(key="checkin_questions").input("Can we meet every week?")
    at.text_area(key="checkin_hard_to_say").input("I nearly cancelled **again**.")
    button(at, "Save check-in").click().run()
    assert not at.exception, at.exception
    [saved] = Repository(db).checkins()

    home = open_page("home")
    shown = texts(home)
    # the topics in the order given, numbered, as plain text: a hostile one stays words
    assert "1. Sleep\n2. My sister's wedding\n3. [x](http://evil) <img src=x>" in shown
    assert "Can we meet every week?" in shown and "I nearly cancelled **again**." in shown
    assert not any("evil" in m.value or "again" in m.value for m in home.markdown)  # never read as Markdown
    assert "What you want to bring" in [s.value for s in home.subheader]

    Repository(db).save(reflection(date.today().isoformat(), checkin_id=saved.id))  # the session reflected on
    home = open_page("home")
    assert "What you want to bring" not in [s.value for s in home.subheader]
    assert not any("Sleep" in t for t in texts(home))


def test_the_check_in_saved_message_says_where_to_find_it(db: Path, open_page: Open) -> None:
    at = open_page("checkin")
    at.text_input(key="checkin_topic_0").input("Work")
    button(at, "Save check-in").click().run()
    assert "Home keeps it for you" in all_text(at)


def test_a_safety_worry_is_the_first_thing_to_raise_on_home(db: Path, open_page: Open) -> None:
    Repository(db).save(checkin(session_date=date.today(), safety_concern=True, topics=("Work",)))
    shown = texts(open_page("home"))
    assert f"1. {SAFETY_TOPIC}\n2. Work" in shown


def test_a_check_in_with_nothing_to_read_adds_nothing_to_home(db: Path, open_page: Open) -> None:
    Repository(db).save(checkin(session_date=date.today()))  # only how they have been
    assert "What you want to bring" not in [s.value for s in open_page("home").subheader]


def test_a_reflection_on_the_check_ins_session_closes_it_even_when_not_linked() -> None:
    """Seen failing before: a reflection written for the same day, after the check-in, left it open."""
    day = date(2026, 3, 14)
    made = datetime(2026, 3, 13, 20, 0)
    ready = checkin(session_date=day).model_copy(update={"created_at": made})
    assert open_checkin((ready,), ()) == ready
    after = reflection(day.isoformat()).model_copy(update={"created_at": made + timedelta(days=1)})
    assert open_checkin((ready,), (after,)) is None
    # a reflection on that day written before the check-in (the next one, made the same evening) leaves it open
    before = reflection(day.isoformat()).model_copy(update={"created_at": made - timedelta(hours=3)})
    assert open_checkin((ready,), (before,)) == ready
    assert open_checkin((ready,), (reflection("2026-03-07").model_copy(update={"created_at": made}),)) == ready


# --- item 9a: the country beside the language on the first visit ------------------------------------------------


def test_the_first_visit_asks_the_country_and_shows_its_crisis_lines(db: Path, open_page: Open) -> None:
    """Seen failing before: no country on the first visit (no `home_country` box)."""
    at = open_page("home")
    assert at.selectbox(key="home_language") and at.selectbox(key="home_country").value is None
    at.selectbox(key="home_country").set_value("ES").run()
    assert not at.exception, at.exception
    assert Repository(db).settings().crisis_country == "Spain"
    shown = "\n".join(texts(at))
    assert "024" in shown and "717 003 717" in shown and "findahelpline" not in shown
    assert ("Call 024", "tel:024") in links(at)
    # and the Settings page shows the country chosen
    at.switch_page(PAGES["settings"]).run()
    assert at.selectbox(key="settings_crisis_country").value == "ES"  # shown as "Spain"


def test_the_country_is_named_in_the_language_chosen(db: Path, open_page: Open) -> None:
    at = open_page("home")
    at.selectbox(key="home_language").set_value("es").run()
    at.selectbox(key="home_country").set_value("MX").run()
    assert not at.exception, at.exception
    assert Repository(db).settings().crisis_country == "México"
    assert ("Llamar al 800 911 2000", "tel:8009112000") in links(at)


# --- item 9b: numbers and sites as links, built safely ---------------------------------------------------


@pytest.mark.parametrize(
    ("contact", "ways"),
    [
        ("116 123 (free, 24 hours a day)", [("call", "116 123", "tel:116123")]),
        (
            "Call or text 988, or chat at 988lifeline.org (free, confidential, 24/7)",
            [("call", "988", "tel:988"), ("site", "988lifeline.org", "https://988lifeline.org/")],
        ),
        (
            "135 from Buenos Aires City, 0800 345 1435 from anywhere (free)",
            [("call", "135", "tel:135"), ("call", "0800 345 1435", "tel:08003451435")],
        ),
        (
            "+44 20 7946 0958, or https://example.org/help.",
            [
                ("call", "+44 20 7946 0958", "tel:+442079460958"),
                ("site", "example.org", "https://example.org/help"),
            ],
        ),
        ("1-800-273-8255, open 9-17", [("call", "1-800-273-8255", "tel:18002738255")]),
        (
            "findahelpline.com lists free, confidential helplines by country",
            [
                ("site", "findahelpline.com", "https://findahelpline.com/"),
            ],
        ),
        ("r = .28, 1.5 times, 24 hours, 24/7", []),
    ],
)
def test_numbers_and_sites_in_a_contact_become_links(contact: str, ways: list[tuple[str, str, str]]) -> None:
    assert ways_to_reach(contact) == tuple(Reach(*way) for way in ways)


@pytest.mark.parametrize(
    "contact",
    [
        "[x](http://evil)",
        "<img src=x>",
        "javascript:alert(1)",
        "[call](javascript:alert(1))",
        "http://evil.example/",
        "https://user:pw@evil.example/",
        "https://evil.example:port/",
        "https:///no-host",
        "www.evil.example a@evil.example",
        "tel:javascript:alert(1)",
    ],
)
def test_nothing_hostile_becomes_a_link(contact: str) -> None:
    for way in ways_to_reach(contact):
        assert way.address.startswith(("tel:", "https://")), way
        if way.kind == "call":
            assert set(way.address.removeprefix("tel:")) <= set("+0123456789"), way
        else:
            assert site_address(way.address) == way.address and "@" not in way.address, way
    assert tel_address("116 123; rm") is None and tel_address("12") is None and tel_address("1" * 16) is None
    assert site_address('https://evil.example/"onmouseover=x') is None


@pytest.mark.parametrize("page", ["help", "home"])
def test_hostile_lines_a_client_wrote_stay_plain_words_with_only_safe_links(
    db: Path, open_page: Open, page: str
) -> None:
    repo = Repository(db)
    repo.change_settings(lambda s: s.model_copy(update={"crisis_lines": HOSTILE_LINES}))
    at = open_page(page)
    shown = texts(at)
    for line in HOSTILE_LINES:
        assert f"{line.name}: {line.contact}" in shown  # exactly as written, as plain text
    assert not any("evil" in m.value or "img" in m.value for m in (*at.markdown, *at.caption))
    # a number's digits, an https address with a host, labelled by its host; nothing else is a link
    assert links(at) == [
        ("Call 116 123", "tel:116123"),
        ("Call 999", "tel:999"),
        ("Open evil.example", "https://evil.example/p.png"),  # the client wrote it: a link, never an image
    ]


@pytest.mark.parametrize("page", ["help", "home"])
def test_the_lines_offer_their_numbers_and_site_as_links(db: Path, open_page: Open, page: str) -> None:
    """Seen failing before: no link at all, the numbers were plain text."""
    repo = Repository(db)
    repo.save(reflection())  # not the first visit: Home's help is folded away, then opened
    repo.change_settings(lambda s: s.model_copy(update={"crisis_country": "United States"}))
    at = open_page(page)
    assert ("Call 911", "tel:911") in links(at) and ("Call 988", "tel:988") in links(at)
    assert ("Open 988lifeline.org", "https://988lifeline.org/") in links(at)


def test_the_general_lines_link_the_emergency_numbers_and_the_helpline_directory(open_page: Open) -> None:
    found = links(open_page("help"))
    assert [address for _label, address in found] == [
        "tel:112",
        "tel:911",
        "tel:999",
        "tel:000",
        "https://findahelpline.com/",
    ]


# --- item 9c, d, e: the key sentence, an honest promise, and no grading while safety is flagged ------------------


def test_not_a_crisis_service_is_body_text_where_help_is_shown(db: Path, open_page: Open) -> None:
    """Seen failing before: the sentence was a grey caption on Home and in the check-in's safety box."""
    sentence = _(NOT_A_CRISIS_SERVICE)
    home = open_page("home")
    assert sentence in [m.value for m in home.markdown] and sentence not in [c.value for c in home.caption]
    at = open_page("checkin")
    at.checkbox(key="checkin_safety_concern").check().run()
    assert sentence in [m.value for m in at.markdown] and sentence not in [c.value for c in at.caption]


def test_the_safety_box_promises_only_what_the_client_can_do(db: Path, open_page: Open) -> None:
    """Seen failing before: "Your safety will be first on the agenda for this session"."""
    at = open_page("checkin")
    at.checkbox(key="checkin_safety_concern").check().run()
    text = all_text(at)
    assert "first on the agenda" not in text
    assert "tell your therapist first thing" in text and "cannot tell them for you" in text
    button(at, "Save check-in").click().run()
    assert "tell your therapist first thing" in all_text(open_page("home"))


def test_while_safety_is_flagged_home_shows_help_and_grades_nothing(db: Path, open_page: Open) -> None:
    """Seen failing before: "Worth raising" and the ratings stayed under the help card."""
    repo = Repository(db)
    for n, overall in enumerate([9, 9, 9, 9, 4]):
        repo.save(reflection((date.today() - timedelta(days=30 - 7 * n)).isoformat(), overall=overall))
    graded = open_page("home")
    assert "Worth raising" in [s.value for s in graded.subheader]  # the signal is there before the worry
    repo.save(checkin(session_date=date.today() + timedelta(days=1), safety_concern=True, topics=("Work",)))
    home = open_page("home")
    assert home.subheader[0].value == "You said you were worried about your safety"
    headings = [h.value for h in (*home.header, *home.subheader)]
    assert "Worth raising" not in headings and "Your connection lately" not in headings
    assert not home.metric and "your usual" not in all_text(home).replace("your usual session time", "")
    assert "What you want to bring" in headings  # their check-in is still there to read
    repo.save(reflection((date.today() + timedelta(days=1)).isoformat(), overall=8))  # once reflected on
    assert "Your connection lately" in [h.value for h in open_page("home").header]
