"""The command line, `python -m workbook`: a thin layer over the library.

It parses arguments, calls one library function, prints the result. Library errors (WorkbookError)
become one line on stderr and exit code 1; usage mistakes exit 2. No traceback reaches the client.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .demo import fill_with_demo
from .errors import WorkbookError
from .files import atomic_write
from .integrity import check_workbook
from .paths import ENV_VAR, resolve_workbook_path
from .repository import Repository
from .transfer import EXPORT_FORMAT, apply_import, export_json, private_count, read_import


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m workbook",
        description="Alliance Workbook's data commands. Nothing is sent anywhere.",
        epilog=f"--db defaults to ${ENV_VAR}, then to your per-user data folder (see `where`).",
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
    command("check", "check the workbook file, changing nothing")
    backup = command("backup", "take a consistent, timestamped copy of the workbook")
    backup.add_argument("--dir", metavar="DIR", help="where to put it (default: the backups folder beside it)")
    command("where", "show where the workbook file and its backups are")
    return parser


def _run(args: argparse.Namespace) -> str:
    path = resolve_workbook_path(args.db)
    if args.command == "check":
        return check_workbook(path)
    if args.command == "where":
        from .backups import default_folder

        return f"Workbook: {path}\nBackups: {default_folder(path)}"
    if args.command == "export":
        out = Path(args.out).expanduser().absolute()
        _refuse_to_overwrite(out, path)
        repo = Repository(path, read_only=True)
        atomic_write(out, export_json(repo, include_private=args.include_private).encode("utf-8"))
        left_out = 0 if args.include_private else private_count(repo)
        note = f" {left_out} private reflections left out (add --include-private to include them)." if left_out else ""
        return f"Exported {path} to {out}.{note}"
    repo = Repository(path)
    if args.command == "demo":
        count = fill_with_demo(repo, args.sessions, args.seed, args.until)
        return f"Wrote {count} demo entries ({args.sessions} sessions) to {path}."
    if args.command == "import":
        source = Path(args.file).expanduser()
        try:
            raw = source.read_bytes()
        except OSError as exc:
            raise WorkbookError(f"Cannot read {source}: {exc.strerror}.") from None
        plan = apply_import(repo, read_import(raw, source=str(source)))
        return f"Imported {plan.summary()}"
    if args.command == "backup":
        target = repo.backup_now(Path(args.dir).expanduser().absolute() if args.dir else None)
        return f"Backed up {path} to {target}."
    raise AssertionError(args.command)


def _refuse_to_overwrite(out: Path, workbook: Path) -> None:
    if out.is_dir():
        raise WorkbookError(f"{out} is a folder; give a file name, such as {out / 'workbook-export.json'}.")
    if out == workbook or (out.exists() and not _is_export(out)):
        raise WorkbookError(f"{out} already exists and is not an export; choose a new file name.")


def _is_export(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return f'"format": "{EXPORT_FORMAT}"'.encode() in handle.read(200)
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        print(_run(args))
    except WorkbookError as exc:
        print(f"error: {' '.join(exc.message.split())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; the workbook file is as it was before this command.", file=sys.stderr)
        return 130
    return 0
