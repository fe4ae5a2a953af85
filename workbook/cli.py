"""The command line, `python -m workbook`: a thin layer over the library.

It parses arguments, calls one library function, prints the result. Library errors (WorkbookError)
become one line on stderr and exit code 1; usage mistakes exit 2. No traceback reaches the client,
and no control character either: whatever a message quotes from a file is printed as plain text.

It speaks one language, chosen once at the start (`language_for`): `WORKBOOK_LANGUAGE`, else the one
chosen in the workbook's Settings (when the file reads without a passphrase), else this computer's
(`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. The parser is built in that language, so `--help` is too.
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from . import __version__, backups, i18n
from .demo import TEXTS as DEMO_TEXTS
from .demo import NotADemoError, fill_with_demo
from .errors import WorkbookError
from .files import atomic_write
from .i18n import N_, _, ngettext
from .integrity import check_workbook
from .paths import ENV_VAR, PASSPHRASE_VAR, resolve_workbook_path
from .repository import SETTINGS_ID, Repository, settle_interrupted
from .schedule import DEFAULT_URL, PRODID, calendar_file
from .storage import decode, file_is_encrypted
from .text import plain
from .transfer import EXPORT_FORMAT, apply_import, export_json, private_count, read_import, read_import_file

#: The environment variables that name this computer's language, the first one set deciding (POSIX).
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


def system_language() -> str | None:
    """This computer's language, when the app speaks it ('es_ES.UTF-8' → 'es'); None otherwise."""
    for variable in LOCALE_VARS:
        if value := os.environ.get(variable, "").strip():
            return i18n.supported(value)
    return None


def _chosen_in(path: Path | None) -> str:
    """The language chosen in the workbook's Settings, read cheaply; "" when the file is not there, is
    encrypted or cannot be read (the command itself says what is wrong, if anything)."""
    try:
        if path is None or not path.is_file() or file_is_encrypted(path):
            return ""
        tables, _version = decode(path.read_bytes())
        language = tables.get("settings", {}).get(SETTINGS_ID, {}).get("language", "")
    except (OSError, ValueError, AttributeError, RecursionError):
        return ""
    return language if isinstance(language, str) else ""


def language_for(path: Path | None) -> str:
    """The language the command line speaks for the workbook at `path`: `WORKBOOK_LANGUAGE`, else the
    one chosen in its Settings, else this computer's, else English."""
    if i18n.forced():  # the file is not even read
        return i18n.choose()
    return i18n.choose(chosen=_chosen_in(path), browser=system_language())


def command_language(argv: list[str]) -> str:
    """The language for the command line `argv`, before it is parsed (its `--db`, if it names one)."""
    if i18n.forced():
        return i18n.choose()
    early = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    early.add_argument("--db")
    try:
        known, _rest = early.parse_known_args(argv)
        path = resolve_workbook_path(known.db)
    except (SystemExit, WorkbookError, OSError, ValueError):  # the command itself will say what is wrong
        path = None
    return language_for(path)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # TRANSLATORS: the start of the command line's help: "usage: python -m workbook [-h] ..."
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class SpokenParser(argparse.ArgumentParser):
    """argparse in the language spoken: its headings, its -h and its error line are the app's own words
    (argparse's messages about what was wrong stay its own, in English)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help=_("show this help message and exit")
        )

    def error(self, message: str) -> NoReturn:  # as argparse's own: the usage, then what was wrong
        self.print_usage(sys.stderr)
        # TRANSLATORS: {prog} is how the command was started ("alliance-workbook run"); {message} what was wrong.
        self.exit(2, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


class Parser(SpokenParser):
    """The command line's parser: a usage mistake is one line."""

    def error(self, message: str) -> NoReturn:  # one line, not usage plus message
        # TRANSLATORS: {prog} is how the command was started ("python -m workbook"); {message} says what was wrong.
        self.exit(2, _("{prog}: {message} (see `{prog} --help`)").format(prog=self.prog, message=message) + "\n")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text} is not a date like 2026-03-14").format(text=repr(text))) from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(_("{text} is not a whole number").format(text=repr(text)))
    return int(text)


def build_parser(prog: str = "python -m workbook") -> argparse.ArgumentParser:
    """The command line's parser, in the language spoken now (build it inside `i18n.speaking`)."""
    parser = Parser(
        prog=prog,
        description=_("Alliance Workbook's data commands. Nothing is sent anywhere."),
        epilog=_(
            "--db defaults to ${db_variable}, then to your per-user data folder (see `where`). An encrypted"
            " workbook's passphrase comes from ${passphrase_variable}, else you are asked for it."
        ).format(db_variable=ENV_VAR, passphrase_variable=PASSPHRASE_VAR),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Alliance Workbook {__version__}",
        help=_("show program's version number and exit"),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--db",
            metavar="PATH",
            help=_("the workbook file (default: ${db_variable} or the data folder)").format(db_variable=ENV_VAR),
        )
        return sub

    demo = command("demo", _("fill an empty workbook with a realistic, made-up history"))
    demo.add_argument("--sessions", type=_count, default=40, metavar="N", help=_("how many sessions (default 40)"))
    demo.add_argument("--seed", type=_count, default=7, metavar="S", help=_("same seed, same history (default 7)"))
    demo.add_argument("--until", type=_day, metavar="DATE", help=_("date of the last session's day (default today)"))
    spoken = i18n.current() if i18n.current() in DEMO_TEXTS else i18n.DEFAULT
    demo.add_argument(
        "--language",
        choices=list(DEMO_TEXTS),
        default=spoken,
        help=_("the language of the made-up history (default: {language})").format(language=spoken),
    )
    export = command("export", _("write the whole workbook as one JSON document"))
    export.add_argument("--out", required=True, metavar="FILE", help=_("where to write it"))
    export.add_argument("--include-private", action="store_true", help=_("include reflections marked private"))
    imp = command("import", _("add the entries of an export (all or nothing; newer entries are kept)"))
    imp.add_argument("file", metavar="FILE", help=_("an export made by `export` or the app"))
    calendar = command("calendar", _("write your regular sessions as a calendar file (.ics) with two reminders each"))
    calendar.add_argument("--out", required=True, metavar="FILE", help=_("where to write it, such as sessions.ics"))
    calendar.add_argument(
        "--url",
        default=DEFAULT_URL,
        metavar="URL",
        help=_("the app's address, for the reminders' links (default {url})").format(url=DEFAULT_URL),
    )
    calendar.add_argument(
        "--zone",
        metavar="NAME",
        help=_("the time zone of your sessions, like Europe/Berlin (default: this computer's)"),
    )
    command("check", _("check the workbook file, changing nothing"))
    backup = command("backup", _("take a consistent, timestamped copy of the workbook"))
    backup.add_argument("--dir", metavar="DIR", help=_("where to put it (default: the backups folder beside it)"))
    command("where", _("show where the workbook file and its backups are"))
    command("encrypt", _("encrypt the workbook and its backups with a passphrase"))
    command("decrypt", _("turn encryption off: the workbook and its backups in the clear"))
    command("change-passphrase", _("re-encrypt the workbook and its backups with a new passphrase"))
    return parser


def _passphrase(variable: str, prompt: str, *, confirm: bool = False) -> str:
    """From the environment, else asked for without echo; never from the command line itself."""
    given = os.environ.get(variable)
    if given:
        return given
    if not sys.stdin.isatty():
        raise WorkbookError(
            # TRANSLATORS: {prompt} is "Passphrase" or "New passphrase"; {variable} an environment variable's name.
            _("{prompt} is needed: set {variable}, or run this in a terminal to be asked.").format(
                prompt=prompt, variable=variable
            )
        )
    try:
        typed = getpass.getpass(f"{prompt}: ")
        # TRANSLATORS: asked a second time, to be sure it was typed as meant; {prompt} is "New passphrase".
        if confirm and getpass.getpass(_("{prompt}, again: ").format(prompt=prompt)) != typed:
            raise WorkbookError(_("The two passphrases differ; nothing was changed."))
    except EOFError:
        # TRANSLATORS: {prompt} is "Passphrase" or "New passphrase".
        raise WorkbookError(_("{prompt} is needed; nothing was changed.").format(prompt=prompt)) from None
    return typed


def _open(path: Path, *, read_only: bool = False) -> Repository:
    """The workbook, unlocked with WORKBOOK_PASSPHRASE (or a prompt) when it is encrypted."""
    repo = Repository(path, read_only=read_only)
    if repo.is_encrypted():
        repo.unlock(_passphrase(PASSPHRASE_VAR, _("Passphrase")))
    return repo


def _check(path: Path, args: argparse.Namespace) -> str:
    return check_workbook(path, _open(path, read_only=True) if path.exists() else None)


def _where(path: Path, args: argparse.Namespace) -> str:
    return _("Workbook: {path}\nBackups: {backups}").format(path=path, backups=backups.default_folder(path))


def _encrypt(path: Path, args: argparse.Namespace) -> str:
    repo = Repository(path)
    if repo.is_encrypted():
        raise WorkbookError(
            _("{path} is already encrypted; use `change-passphrase` to choose a new passphrase.").format(path=path)
        )
    repo.encrypt(_passphrase(PASSPHRASE_VAR, _("New passphrase"), confirm=True))
    return _(
        "Encrypted {path} and its backups. Keep your passphrase safe: without it, nobody (including you)"
        " can open the workbook."
    ).format(path=path)


def _decrypt(path: Path, args: argparse.Namespace) -> str:
    _open(path).decrypt()
    return _("Decrypted {path} and its backups: they are readable without a passphrase now.").format(path=path)


def _change_passphrase(path: Path, args: argparse.Namespace) -> str:
    repo = _open(path)
    if not repo.is_encrypted():
        raise WorkbookError(_("{path} is not encrypted; use `encrypt` to turn encryption on.").format(path=path))
    repo.change_passphrase(_passphrase("WORKBOOK_NEW_PASSPHRASE", _("New passphrase"), confirm=True))
    return _("Changed the passphrase of {path} and its backups.").format(path=path)


def _export(path: Path, args: argparse.Namespace) -> str:
    out = Path(args.out).expanduser().absolute()
    _refuse_to_overwrite(out, path)
    repo = _open(path, read_only=True)
    atomic_write(out, export_json(repo, include_private=args.include_private).encode("utf-8"))
    left_out = 0 if args.include_private else private_count(repo)
    if not left_out:
        return _("Exported {path} to {out}.").format(path=path, out=out)
    return ngettext(
        "Exported {path} to {out}. {count} private reflection left out (add --include-private to include it).",
        "Exported {path} to {out}. {count} private reflections left out (add --include-private to include them).",
        left_out,
    ).format(path=path, out=out, count=left_out)


def _calendar(path: Path, args: argparse.Namespace) -> str:
    if args.out.strip() in ("", "-"):
        raise WorkbookError(
            _("Give the calendar file a name, such as sessions.ics (it is written to a file, not shown).")
        )
    out = Path(args.out).expanduser().absolute()
    if out.is_dir():
        raise WorkbookError(
            _("{out} is a folder; give a file name, such as {example}.").format(out=out, example=out / "sessions.ics")
        )
    if out == path or (out.exists() and not _starts_with(out, f"PRODID:{PRODID}".encode())):
        raise WorkbookError(
            _("{out} already exists and is not a calendar file from the workbook; choose a new file name.").format(
                out=out
            )
        )
    settings = _open(path, read_only=True).settings()
    cal = settings.calendar
    if not cal.schedules:
        raise WorkbookError(
            _(
                "{path} has no regular sessions yet: add your usual session time in Settings and data, then try again."
            ).format(path=path)
        )
    atomic_write(out, calendar_file(settings, args.url, zone=args.zone))
    count = len(cal.schedules)
    if cal.show_therapist and any(s.therapist for s in cal.schedules):
        said = ngettext(
            "Wrote {count} regular session to {out}: open it with your calendar app. It holds none of your"
            " words, only “Therapy session” and your therapist's name.",
            "Wrote {count} regular sessions to {out}: open it with your calendar app. It holds none of your"
            " words, only “Therapy session” and your therapist's name.",
            count,
        )
    else:
        said = ngettext(
            "Wrote {count} regular session to {out}: open it with your calendar app. It holds none of your"
            " words, only “Therapy session”.",
            "Wrote {count} regular sessions to {out}: open it with your calendar app. It holds none of your"
            " words, only “Therapy session”.",
            count,
        )
    return said.format(count=i18n.number(count), out=out)


def _demo(path: Path, args: argparse.Namespace) -> str:
    """A demo into an empty workbook, or a fresh one in place of an untouched demo (a second `make demo`);
    a workbook with anything a person wrote or chose in it is refused (demo.NotADemoError)."""
    repo = _open(path)
    replacing = not repo.is_empty()
    try:
        count = fill_with_demo(repo, args.sessions, args.seed, args.until, language=args.language)
    except NotADemoError as refused:
        run = getattr(args, "run_command", "")
        if not run:
            raise
        # TRANSLATORS: {command} starts the app with the workbook just refused: "WORKBOOK_DB=... alliance-workbook run".
        opened = _("To open it as it is: {command}").format(command=f"{ENV_VAR}={path} {run}")
        raise WorkbookError(f"{refused.message} {opened}") from None
    with i18n.speaking(args.language):  # said in the language of the workbook just written
        return _wrote_demo(count, args.sessions, path, replaced=replacing, run=getattr(args, "run_command", ""))


def _wrote_demo(count: int, sessions: int, path: Path, *, replaced: bool = False, run: str = "") -> str:
    if replaced:
        said = ngettext(
            "Replaced the demo in {path} with a fresh one: {count} demo entries ({sessions} session). Nothing"
            " in it had been written or changed in the app.",
            "Replaced the demo in {path} with a fresh one: {count} demo entries ({sessions} sessions). Nothing"
            " in it had been written or changed in the app.",
            sessions,
        )
    else:
        said = ngettext(
            "Wrote {count} demo entries ({sessions} session) to {path}.",
            "Wrote {count} demo entries ({sessions} sessions) to {path}.",
            sessions,
        )
    done = said.format(count=count, sessions=sessions, path=path)
    if not run:
        return done
    # TRANSLATORS: {command} is how to start the app with this workbook:
    # "WORKBOOK_DB=/tmp/demo.json alliance-workbook run".
    return done + "\n" + _("Start the app with it: {command}").format(command=f"{ENV_VAR}={path} {run}")


def _import(path: Path, args: argparse.Namespace) -> str:
    source = Path(args.file).expanduser()
    # Checked in full before the workbook is even opened.
    plan = read_import(read_import_file(source), source=str(source))
    # TRANSLATORS: {summary} says what was added, as "workbook.json: 12 new (3 check-ins, ...)."
    return _("Imported {summary}").format(summary=apply_import(_open(path), plan).summary())


def _backup(path: Path, args: argparse.Namespace) -> str:
    target = _open(path).backup_now(Path(args.dir).expanduser().absolute() if args.dir else None)
    return _("Backed up {path} to {target}.").format(path=path, target=target)


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
        raise WorkbookError(
            _("{out} is a folder; give a file name, such as {example}.").format(
                out=out, example=out / "workbook-export.json"
            )
        )
    if out == workbook or (out.exists() and not _is_export(out)):
        raise WorkbookError(_("{out} already exists and is not an export; choose a new file name.").format(out=out))


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
    """Run one command; `prog` is how the person started it (`alliance-workbook` once installed). It
    speaks one language throughout, chosen before the parser is built (`command_language`)."""
    argv = sys.argv[1:] if argv is None else argv
    with i18n.speaking(command_language(argv)), _argparse_speaking():
        args = build_parser(prog).parse_args(argv)
        args.run_command = run_command(prog)
        try:
            print(_run(args))
        except WorkbookError as exc:
            print(error_line(plain(" ".join(exc.message.split()))), file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print(error_line(_("interrupted; the workbook file is as it was before this command.")), file=sys.stderr)
            return 130
        return 0


# argparse's own messages about a mistake, as Python 3.11 writes them, for the catalogue: argparse asks
# gettext for them, and `_argparse_speaking` has it ask ours (its %-placeholders stay as they are).
ARGPARSE_MESSAGES = (
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
)


@contextmanager
def _argparse_speaking() -> Iterator[None]:
    """argparse's messages (an unknown command, a missing argument) in the language spoken."""
    spoken = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = spoken  # type: ignore[attr-defined]


def run_command(prog: str) -> str:
    """How to start the app, said to someone who started this command line as `prog`."""
    return f"{prog} run" if prog == "alliance-workbook" else "python -m workbook.launcher run"


def error_line(message: str) -> str:
    """A message as the one line an error is on ("error: ...")."""
    # TRANSLATORS: how the command line starts a line saying what went wrong; {message} is the rest.
    return _("error: {message}").format(message=message)
