"""The command line, `python -m workbook`: a thin layer over the library.

It parses arguments, calls one library function, prints the result. Library errors (WorkbookError)
become one line on stderr and exit code 1; usage mistakes exit 2. No traceback reaches the client,
and no control character either: whatever a message quotes from a file is printed as plain text.
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from . import __version__, backups
from .demo import fill_with_demo
from .errors import WorkbookError
from .files import atomic_write
from .integrity import check_workbook
from .paths import ENV_VAR, PASSPHRASE_VAR, resolve_workbook_path
from .repository import Repository, settle_interrupted
from .schedule import DEFAULT_URL, PRODID, calendar_file
from .text import plain, plural
from .transfer import EXPORT_FORMAT, apply_import, export_json, private_count, read_import, read_import_file


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage plus message
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-14") from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    return int(text)


def build_parser(prog: str = "python -m workbook") -> argparse.ArgumentParser:
    parser = _Parser(
        prog=prog,
        description="Alliance Workbook's data commands. Nothing is sent anywhere.",
        epilog=f"--db defaults to ${ENV_VAR}, then to your per-user data folder (see `where`). An encrypted"
        f" workbook's passphrase comes from ${PASSPHRASE_VAR}, else you are asked for it.",
    )
    parser.add_argument("--version", action="version", version=f"Alliance Workbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", metavar="PATH", help=f"the workbook file (default: ${ENV_VAR} or the data folder)")
        return sub

    demo = command("demo", "fill an empty workbook with a realistic, made-up history")
    demo.add_argument("--sessions", type=_count, default=40, metavar="N", help="how many sessions (default 40)")
    demo.add_argument("--seed", type=_count, default=7, metavar="S", help="same seed, same history (default 7)")
    demo.add_argument("--until", type=_day, metavar="DATE", help="date of the last session's day (default today)")
    export = command("export", "write the whole workbook as one JSON document")
    export.add_argument("--out", required=True, metavar="FILE", help="where to write it")
    export.add_argument("--include-private", action="store_true", help="include reflections marked private")
    imp = command("import", "add the entries of an export (all or nothing; newer entries are kept)")
    imp.add_argument("file", metavar="FILE", help="an export made by `export` or the app")
    calendar = command("calendar", "write your regular sessions as a calendar file (.ics) with two reminders each")
    calendar.add_argument("--out", required=True, metavar="FILE", help="where to write it, such as sessions.ics")
    calendar.add_argument(
        "--url",
        default=DEFAULT_URL,
        metavar="URL",
        help=f"the app's address, for the reminders' links (default {DEFAULT_URL})",
    )
    calendar.add_argument(
        "--zone", metavar="NAME", help="the time zone of your sessions, like Europe/Berlin (default: this computer's)"
    )
    command("check", "check the workbook file, changing nothing")
    backup = command("backup", "take a consistent, timestamped copy of the workbook")
    backup.add_argument("--dir", metavar="DIR", help="where to put it (default: the backups folder beside it)")
    command("where", "show where the workbook file and its backups are")
    command("encrypt", "encrypt the workbook and its backups with a passphrase")
    command("decrypt", "turn encryption off: the workbook and its backups in the clear")
    command("change-passphrase", "re-encrypt the workbook and its backups with a new passphrase")
    return parser


def _passphrase(variable: str, prompt: str, *, confirm: bool = False) -> str:
    """From the environment, else asked for without echo; never from the command line itself."""
    given = os.environ.get(variable)
    if given:
        return given
    if not sys.stdin.isatty():
        raise WorkbookError(f"{prompt} is needed: set {variable}, or run this in a terminal to be asked.")
    try:
        typed = getpass.getpass(f"{prompt}: ")
        if confirm and getpass.getpass(f"{prompt}, again: ") != typed:
            raise WorkbookError("The two passphrases differ; nothing was changed.")
    except EOFError:
        raise WorkbookError(f"{prompt} is needed; nothing was changed.") from None
    return typed


def _open(path: Path, *, read_only: bool = False) -> Repository:
    """The workbook, unlocked with WORKBOOK_PASSPHRASE (or a prompt) when it is encrypted."""
    repo = Repository(path, read_only=read_only)
    if repo.is_encrypted():
        repo.unlock(_passphrase(PASSPHRASE_VAR, "Passphrase"))
    return repo


def _check(path: Path, args: argparse.Namespace) -> str:
    return check_workbook(path, _open(path, read_only=True) if path.exists() else None)


def _where(path: Path, args: argparse.Namespace) -> str:
    return f"Workbook: {path}\nBackups: {backups.default_folder(path)}"


def _encrypt(path: Path, args: argparse.Namespace) -> str:
    repo = Repository(path)
    if repo.is_encrypted():
        raise WorkbookError(f"{path} is already encrypted; use `change-passphrase` to choose a new passphrase.")
    repo.encrypt(_passphrase(PASSPHRASE_VAR, "New passphrase", confirm=True))
    return (
        f"Encrypted {path} and its backups. Keep your passphrase safe: without it, nobody (including you)"
        " can open the workbook."
    )


def _decrypt(path: Path, args: argparse.Namespace) -> str:
    _open(path).decrypt()
    return f"Decrypted {path} and its backups: they are readable without a passphrase now."


def _change_passphrase(path: Path, args: argparse.Namespace) -> str:
    repo = _open(path)
    if not repo.is_encrypted():
        raise WorkbookError(f"{path} is not encrypted; use `encrypt` to turn encryption on.")
    repo.change_passphrase(_passphrase("WORKBOOK_NEW_PASSPHRASE", "New passphrase", confirm=True))
    return f"Changed the passphrase of {path} and its backups."


def _export(path: Path, args: argparse.Namespace) -> str:
    out = Path(args.out).expanduser().absolute()
    _refuse_to_overwrite(out, path)
    repo = _open(path, read_only=True)
    atomic_write(out, export_json(repo, include_private=args.include_private).encode("utf-8"))
    left_out = 0 if args.include_private else private_count(repo)
    note = f" {left_out} private reflections left out (add --include-private to include them)." if left_out else ""
    return f"Exported {path} to {out}.{note}"


def _calendar(path: Path, args: argparse.Namespace) -> str:
    if args.out.strip() in ("", "-"):
        raise WorkbookError("Give the calendar file a name, such as sessions.ics (it is written to a file, not shown).")
    out = Path(args.out).expanduser().absolute()
    if out.is_dir():
        raise WorkbookError(f"{out} is a folder; give a file name, such as {out / 'sessions.ics'}.")
    if out == path or (out.exists() and not _starts_with(out, f"PRODID:{PRODID}".encode())):
        raise WorkbookError(
            f"{out} already exists and is not a calendar file from the workbook; choose a new file name."
        )
    settings = _open(path, read_only=True).settings()
    cal = settings.calendar
    if not cal.schedules:
        raise WorkbookError(
            f"{path} has no regular sessions yet: add your usual session time in Settings and data, then try again."
        )
    atomic_write(out, calendar_file(settings, args.url, zone=args.zone))
    named = " and your therapist's name" if cal.show_therapist and any(s.therapist for s in cal.schedules) else ""
    return (
        f"Wrote {plural(len(cal.schedules), 'regular session')} to {out}: open it with your calendar app."
        f" It holds none of your words, only “Therapy session”{named}."
    )


def _demo(path: Path, args: argparse.Namespace) -> str:
    count = fill_with_demo(_open(path), args.sessions, args.seed, args.until)
    return f"Wrote {count} demo entries ({args.sessions} sessions) to {path}."


def _import(path: Path, args: argparse.Namespace) -> str:
    source = Path(args.file).expanduser()
    # Checked in full before the workbook is even opened.
    plan = read_import(read_import_file(source), source=str(source))
    return f"Imported {apply_import(_open(path), plan).summary()}"


def _backup(path: Path, args: argparse.Namespace) -> str:
    target = _open(path).backup_now(Path(args.dir).expanduser().absolute() if args.dir else None)
    return f"Backed up {path} to {target}."


COMMANDS: dict[str, Callable[[Path, argparse.Namespace], str]] = {
    "demo": _demo,
    "export": _export,
    "calendar": _calendar,
    "import": _import,
    "check": _check,
    "backup": _backup,
    "where": _where,
    "encrypt": _encrypt,
    "decrypt": _decrypt,
    "change-passphrase": _change_passphrase,
}


def _run(args: argparse.Namespace) -> str:
    path = resolve_workbook_path(args.db)
    if args.command not in ("check", "where"):  # those two only look; every other command settles first
        settle_interrupted(path)
    return COMMANDS[args.command](path, args)


def _refuse_to_overwrite(out: Path, workbook: Path) -> None:
    if out.is_dir():
        raise WorkbookError(f"{out} is a folder; give a file name, such as {out / 'workbook-export.json'}.")
    if out == workbook or (out.exists() and not _is_export(out)):
        raise WorkbookError(f"{out} already exists and is not an export; choose a new file name.")


def _is_export(path: Path) -> bool:
    return _starts_with(path, f'"format": "{EXPORT_FORMAT}"'.encode())


def _starts_with(path: Path, mark: bytes) -> bool:
    """Whether `mark` is in the first 200 bytes of the file: one this program wrote, safe to replace.
    Only a regular file is read: a pipe or a device (/dev/stdout) could block for ever."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as handle:
            return mark in handle.read(200)
    except OSError:
        return False


def main(argv: list[str] | None = None, prog: str = "python -m workbook") -> int:
    """Run one command; `prog` is how the person started it (`alliance-workbook` once installed)."""
    args = build_parser(prog).parse_args(argv)
    try:
        print(_run(args))
    except WorkbookError as exc:
        print(f"error: {plain(' '.join(exc.message.split()))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; the workbook file is as it was before this command.", file=sys.stderr)
        return 130
    return 0
