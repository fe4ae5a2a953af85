"""Where the workbook file lives.

`WORKBOOK_DB` names the file when set. Otherwise it is `workbook.json` in the per-user data folder
(on Linux `~/.local/share/alliance-workbook/`, on macOS `~/Library/Application Support/
alliance-workbook/`, on Windows `%LOCALAPPDATA%\\alliance-workbook\\`): never inside the code's
checkout, so a `git clean` or a shared repository never touches private entries.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from .errors import WorkbookError
from .i18n import _

ENV_VAR = "WORKBOOK_DB"
PASSPHRASE_VAR = "WORKBOOK_PASSPHRASE"  # noqa: S105  # the name of a variable, not a password
APP_DIR_NAME = "alliance-workbook"


def default_workbook_path() -> Path:
    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False) / "workbook.json"


def resolve_workbook_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The path given, else WORKBOOK_DB, else the default location; always absolute."""
    chosen = explicit or os.environ.get(ENV_VAR) or default_workbook_path()
    path = Path(chosen).expanduser()
    if str(chosen).strip() == "":
        raise WorkbookError(
            _("The workbook path is empty. Set {variable} to a file such as ~/workbook.json.").format(variable=ENV_VAR)
        )
    try:
        is_folder = path.is_dir()
    except OSError as exc:  # a name longer than the system allows, a folder that may not be read
        # TRANSLATORS: {problem} is the system's own words, often in English: "File name too long".
        said = _(
            "The workbook path {path} cannot be used ({problem}). Set {variable} to a file such as ~/workbook.json."
        )
        raise WorkbookError(said.format(path=path, problem=exc.strerror or exc, variable=ENV_VAR)) from None
    if is_folder:
        said = _("{path} is a folder, not a workbook file. Name a file inside it, such as {example}.")
        raise WorkbookError(said.format(path=path, example=path / "workbook.json"))
    return path.absolute()
