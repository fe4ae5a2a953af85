"""`alliance-workbook`: the workbook as an installed tool, started from any folder.

`alliance-workbook run [--port N]` serves the app, and `make run` runs exactly this; every other
command is `python -m workbook`'s (workbook/cli.py), handed over unchanged.

Streamlit reads its settings from `.streamlit/config.toml` in the folder it is started in (and in
the home folder), so the app started anywhere else would listen on every interface and send usage
statistics. The settings are written once, in the repository's `.streamlit/config.toml` (a wheel
carries it beside app.py); this launcher reads that file and hands every option in it to Streamlit as
a command-line flag, which outranks any config file or STREAMLIT_* variable found where it starts.

The one module of `workbook` that imports Streamlit, and only to serve.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from . import cli, i18n
from .i18n import _

PROG = "alliance-workbook"
SETTINGS = Path(".streamlit") / "config.toml"
# An installed wheel carries app.py, home.py, pages/ and the settings here (pyproject.toml,
# force-include); in a clone of the repository (and an editable install) they are at its top.
PACKAGED = Path(__file__).resolve().parent / "_app"
CHECKOUT = Path(__file__).resolve().parent.parent


class AppMissingError(Exception):
    """The app's files are not beside this package: a broken install."""


def app_folder() -> Path:
    """The folder holding app.py and its settings."""
    for folder in (PACKAGED, CHECKOUT):
        if (folder / "app.py").is_file() and (folder / SETTINGS).is_file():
            return folder
    raise AppMissingError(
        _("the app's files are missing from {folder}: reinstall Alliance Workbook").format(folder=PACKAGED)
    )


def settings(folder: Path) -> dict[str, Any]:
    """Every option in the folder's settings file, by Streamlit's name for it ("server.address")."""

    def options(table: dict[str, Any], prefix: str) -> Iterator[tuple[str, Any]]:
        for key, value in table.items():
            if isinstance(value, dict):
                yield from options(value, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}", value

    return dict(options(tomllib.loads((folder / SETTINGS).read_text(encoding="utf-8")), ""))


def _flag_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value)  # how Streamlit takes a list from a flag (theme.headingFontSizes)
    return str(value)


def streamlit_args(folder: Path, port: int | None = None) -> list[str]:
    """`streamlit run`'s arguments: the app, then every setting as a flag (and the port, if chosen)."""
    chosen = settings(folder)
    if port is not None:
        chosen["server.port"] = port
    return ["run", str(folder / "app.py"), *(f"--{name}={_flag_value(value)}" for name, value in chosen.items())]


def serve(port: int | None = None) -> NoReturn:
    """Serve the app until stopped (Ctrl+C); exits with Streamlit's exit code."""
    from streamlit.web import cli as streamlit_cli

    args = streamlit_args(app_folder(), port)
    streamlit_cli.main(args=args, prog_name="streamlit")  # click ends the process when the server stops
    raise SystemExit(0)


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(_("{text} is not a port number (1 to 65535)").format(text=repr(text)))
    return int(text)


def _run_parser() -> argparse.ArgumentParser:
    parser = cli.SpokenParser(
        prog=f"{PROG} run",
        description=_(
            "Serve the workbook on this computer only (127.0.0.1), with its privacy settings. Ctrl+C stops it."
        ),
    )
    parser.add_argument("--port", type=_port, metavar="N", help=_("the port to serve on (default 8501)"))
    return parser


def help_text() -> str:
    """Every command's help, in the language spoken now."""
    commands = cli.build_parser().format_help().replace("python -m workbook", PROG)
    serving = _("serve the workbook on http://localhost:8501 (or port N), for this computer only")
    return f"{PROG} run [--port N]\n  {serving}\n\n{commands}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] != ["run"] and args and args[0] not in ("-h", "--help"):
        return cli.main(args, prog="alliance-workbook")  # it chooses its language itself
    language = cli.command_language(args)
    if args[:1] == ["run"]:
        with i18n.speaking(language):
            options = _run_parser().parse_args(args[1:])
            try:
                app_folder()  # a broken install, said before serving
            except AppMissingError as exc:
                print(cli.error_line(str(exc)), file=sys.stderr)
                return 1
        serve(options.port)  # outside `speaking`: the app chooses its own language, page by page
    with i18n.speaking(language):
        print(help_text(), file=sys.stdout if args else sys.stderr)
    return 0 if args else 2


if __name__ == "__main__":
    sys.exit(main())
