"""The project keeps its promises: privacy defaults, a Streamlit-free domain, documented commands."""

from __future__ import annotations

import ast
import re
import subprocess
import tomllib

from tests.conftest import ROOT
from workbook.cli import build_parser


def test_the_server_listens_on_this_computer_only_and_sends_no_statistics() -> None:
    # The one place these are written: `make run` and `alliance-workbook run` pass every option in it
    # to Streamlit as a flag (workbook/launcher.py; tests/test_install.py proves they arrive).
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["showEmailPrompt"] is False
    assert config["server"]["headless"] is True
    assert config["client"]["toolbarMode"] == "minimal"  # no Deploy button
    assert config["client"]["showErrorDetails"] == "none"  # a traceback could show private words
    assert config["client"]["showErrorLinks"] is False  # valid values only: a bad one breaks the theme


def test_no_full_garbage_collection_holds_up_every_page() -> None:
    # Streamlit's default collects all garbage after every run: with ten years of entries in memory,
    # ~0.1 s that the browser waits for on every click (make bench: Home 160 ms -> 30 ms server-side).
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False


def test_a_request_never_cuts_short_the_run_before_it() -> None:
    # Fast reruns stop a running page for a newer request and lose the older one's click: a rating
    # pressed just before Save, or the Save itself (issue 26, tests/test_browser_scale.py).
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["fastReruns"] is False


def test_the_domain_never_imports_streamlit() -> None:
    # Only the launcher starts the server; nothing else in workbook/ imports it, so Streamlit never
    # comes in through it either.
    launcher = ROOT / "workbook" / "launcher.py"
    for path in (ROOT / "workbook").glob("*.py"):
        if path == launcher:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [("." * node.level) + (node.module or "")]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] == "streamlit" for n in names), path
            assert not any(n in (".launcher", "workbook.launcher") for n in names), path
            if isinstance(node, ast.ImportFrom) and node.module in (None, "workbook"):
                assert "launcher" not in [a.name for a in node.names], path


def test_no_page_renders_html_or_loads_markdown_from_user_text() -> None:
    for path in [ROOT / "app.py", ROOT / "home.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        source = path.read_text()
        assert "unsafe_allow_html" not in source, path
        assert "st.html" not in source, path
        assert 'persist="disk"' not in source, path


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"`{name}" in readme, f"README does not document `{name}`"
    assert "make run" in readme and "make test" in readme


def test_requirements_are_pinned() -> None:
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, line


def test_every_picture_the_readme_shows_is_in_the_repository() -> None:
    """A fresh clone shows the README's pictures: each one is committed, not only made on this machine."""
    readme = (ROOT / "README.md").read_text()
    shown = set(re.findall(r"docs/screenshots/[\w./-]+\.png", readme))
    committed = subprocess.run(
        ["git", "ls-files", "docs/screenshots"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown and shown <= set(committed), sorted(shown - set(committed))
