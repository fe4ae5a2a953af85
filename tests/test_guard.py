"""The server's guards as plain functions (the real server is tested in tests/test_browser.py)."""

from __future__ import annotations

import pytest

from workbook.guard import LOCAL_HOSTS, OriginGuard, allowed_hosts


def test_only_this_computers_names_are_allowed_unless_a_host_is_added_on_purpose() -> None:
    assert allowed_hosts({}) == LOCAL_HOSTS
    assert allowed_hosts({"WORKBOOK_ALLOWED_HOSTS": " Workbook.Home. , ,notes.lan"}) == (
        *LOCAL_HOSTS,
        "workbook.home",
        "notes.lan",
    )


def test_a_wildcard_cannot_switch_the_host_check_off() -> None:
    assert allowed_hosts({"WORKBOOK_ALLOWED_HOSTS": "*,*.example.com,ok.lan"}) == (*LOCAL_HOSTS, "ok.lan")


@pytest.mark.parametrize(
    ("origin", "host", "verdict"),
    [
        (None, "localhost:8501", "same"),  # typed into the address bar, or not a browser
        ("http://localhost:8501", "localhost:8501", "same"),
        ("http://LOCALHOST:8501", "localhost:8501", "same"),
        ("http://localhost:8501", "LocalHost:8501", "same"),
        ("http://[::1]:8501", "[::1]:8501", "same"),
        ("http://localhost:3000", "localhost:8501", "foreign"),  # another port is another site
        ("http://127.0.0.1:8501", "localhost:8501", "foreign"),
        ("https://evil.example", "localhost:8501", "foreign"),
        ("null", "localhost:8501", "foreign"),  # a sandboxed frame or a local file
        ("file://", "localhost:8501", "foreign"),
        ("http://[bad", "localhost:8501", "foreign"),
        ("https://workbook.home", "workbook.home", "same"),  # behind a proxy that passes the Host on
        ("https://workbook.home", "workbook.home:443", "same"),
        ("http://workbook.home:8698", "workbook.home:8660", "foreign"),  # another port on the allowed host
        ("https://workbook.home:444", "localhost:8660", "foreign"),
        ("https://workbook.home", "localhost:8501", "foreign"),  # a proxy that rewrites the Host
    ],
)
def test_requests_from_another_sites_page_are_told_apart(origin: str | None, host: str, verdict: str) -> None:
    assert OriginGuard.verdict(origin, host) == verdict
