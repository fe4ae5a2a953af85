"""The workbook as an installed tool: the wheel carries the whole app, and `alliance-workbook run`,
started in any folder, serves it with every privacy setting.

The slow test builds the wheel, installs it into a fresh virtual environment (pip fetches what it
depends on, pinned by constraints.txt as `make` pins it) and runs the installed command from an empty
folder with an empty home, its proxies pointed at a listener that records anything sent out.
"""

from __future__ import annotations

import ast
import json
import os
import plistlib
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import packages_distributions
from pathlib import Path
from zipfile import ZipFile

import pytest

import workbook
from tests.apptest import Open, all_text
from tests.conftest import ROOT, Browser, chromium_path, free_port, launch_chromium
from tests.test_browser import PAGES, Recorder, get, listening_addresses
from workbook import launcher

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
AUTOSTART = ROOT / "docs" / "autostart"
PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY")
TOOLS_ONLY = {"pytest", "ruff", "playwright", "pypdf", "axe-playwright-python"}  # never needed to run the app


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines: list[str]) -> dict[str, str]:
    found = {}
    for raw in lines:
        line = raw.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"not pinned: {line}"
            found[canonical(name)] = version
    return found


# --- the package's description ------------------------------------------------------------------------


def test_the_package_pins_what_make_installs() -> None:
    required = pins((ROOT / "requirements.txt").read_text().splitlines())
    constrained = pins((ROOT / "constraints.txt").read_text().splitlines())
    app = pins(PYPROJECT["project"]["dependencies"])
    tools = pins(PYPROJECT["dependency-groups"]["dev"])
    for name, version in required.items():
        group = tools if name in TOOLS_ONLY else app
        assert group.get(name) == version, f"requirements.txt pins {name}=={version}: pyproject.toml must too"
    for name, version in {**app, **tools}.items():
        assert version == required.get(name, constrained.get(name)), f"{name}=={version} is not what make installs"
    assert not set(app) & TOOLS_ONLY


def test_everything_the_app_imports_is_a_dependency() -> None:
    declared = {canonical(name) for name in pins(PYPROJECT["project"]["dependencies"])}
    owners = packages_distributions()
    sources = [ROOT / "app.py", ROOT / "home.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    sources += [*(ROOT / "workbook").rglob("*.py")]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in {m.split(".")[0] for m in modules} - {"workbook", "ui"} - sys.stdlib_module_names:
                from_dists = {canonical(d) for d in owners.get(module, [])}
                assert from_dists & declared, f"{path.relative_to(ROOT)} imports {module}: add it to pyproject.toml"


def test_the_version_is_written_once() -> None:
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "workbook/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", workbook.__version__)


def test_make_run_is_the_installed_command() -> None:
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nrun: ", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/python -m workbook.launcher run" in recipe
    assert "streamlit run" not in recipe
    assert PYPROJECT["project"]["scripts"] == {"alliance-workbook": "workbook.launcher:main"}


# --- the settings reach Streamlit, whatever is found where it starts ----------------------------------


HOSTILE = """
[server]
address = "0.0.0.0"
headless = false
enableXsrfProtection = false
[browser]
gatherUsageStats = true
[client]
toolbarMode = "developer"
showErrorDetails = "full"
[runner]
magicEnabled = true
[theme]
base = "dark"
headingFontSizes = "9rem"
"""

REPORT = """
import json
from streamlit import config
from streamlit.web import bootstrap
from workbook import launcher

def report(main_script_path, *_):
    names = launcher.settings(launcher.app_folder())
    print(json.dumps({"app": main_script_path, **{name: config.get_option(name) for name in names}}))
    raise SystemExit(0)

bootstrap.run_asgi_app = report  # everything `run` does, up to serving
launcher.main(["run", "--port", "8123"])
"""


def test_every_setting_reaches_streamlit_whatever_the_folder_home_or_environment(tmp_path: Path) -> None:
    """A config file in the folder it starts in, one in the home folder and STREAMLIT_* variables
    all try to loosen the settings; the launcher's flags outrank every one of them."""
    for folder in (tmp_path, tmp_path / "home"):
        (folder / ".streamlit").mkdir(parents=True)
        (folder / ".streamlit" / "config.toml").write_text(HOSTILE)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path / "home"),
        "STREAMLIT_SERVER_ADDRESS": "0.0.0.0",  # noqa: S104  # what the launcher must override
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "true",
        "STREAMLIT_SERVER_PORT": "9999",
    }
    done = subprocess.run(
        [sys.executable, "-c", REPORT], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    effective = json.loads(done.stdout.strip().splitlines()[-1])
    expected = launcher.settings(ROOT)
    assert expected["server.address"] == "127.0.0.1" and expected["browser.gatherUsageStats"] is False
    assert effective.pop("app") == str(ROOT / "app.py")
    assert effective.pop("server.port") == 8123
    for name, value in effective.items():
        if isinstance(expected[name], list):
            assert json.loads(value) == expected[name], name  # a list travels as JSON in a flag
        elif isinstance(expected[name], bool) and isinstance(value, str):
            assert value == str(expected[name]).lower(), name  # an option that also takes "auto"
        else:
            assert value == expected[name], name


def test_the_app_and_its_settings_are_found_in_a_checkout() -> None:
    assert launcher.app_folder() == ROOT  # in a wheel: workbook/_app (see test below)
    args = launcher.streamlit_args(ROOT, 8600)
    assert args[:2] == ["run", str(ROOT / "app.py")]
    assert "--server.address=127.0.0.1" in args and "--browser.gatherUsageStats=false" in args
    assert "--server.port=8600" in args and "--server.port=8501" not in args


# --- start at login -----------------------------------------------------------------------------------


def test_the_systemd_unit_is_accepted_by_systemd(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here (Debian's package: systemd)")
    home = tmp_path / "home"
    command = home / ".local" / "bin" / "alliance-workbook"  # where pipx puts it; the unit names it
    command.parent.mkdir(parents=True)
    command.write_text("#!/bin/sh\n")
    command.chmod(0o755)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    unit = AUTOSTART / "alliance-workbook.service"
    done = subprocess.run(
        [analyze, "verify", "--user", str(unit)], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    if "Failed to initialize manager" in done.stderr:
        pytest.skip(f"systemd-analyze cannot run here: {done.stderr.strip()}")
    # An unknown key or a bad value is only a warning: any line about the unit is a failure.
    complaints = [line for line in done.stderr.splitlines() if "alliance-workbook" in line]
    assert done.returncode == 0 and not complaints, done.stderr
    assert "ExecStart=%h/.local/bin/alliance-workbook run\n" in unit.read_text()


def test_the_launchd_agent_runs_the_command_at_login() -> None:
    path = AUTOSTART / "local.alliance-workbook.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == path.stem
    assert agent["ProgramArguments"][-1] == 'exec "$HOME/.local/bin/alliance-workbook" run'
    assert agent["RunAtLoad"] is True
    assert agent["Umask"] == 0o077


def test_every_autostart_file_is_explained() -> None:
    guide = (AUTOSTART / "README.md").read_text()
    for path in AUTOSTART.iterdir():
        if path.name != "README.md":
            assert path.name in guide, f"docs/autostart/README.md does not explain {path.name}"
    assert "shell:startup" in guide and "alliance-workbook.exe" in guide  # Windows: a shortcut
    assert "docs/autostart" in (ROOT / "README.md").read_text()


# --- the wheel, installed -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    [built] = out.glob("*.whl")
    return built


def test_the_wheel_carries_the_whole_app(wheel: Path) -> None:
    with ZipFile(wheel) as archive:
        names = set(archive.namelist())
        settings = archive.read("workbook/_app/.streamlit/config.toml")
        metadata = archive.read(f"alliance_workbook-{workbook.__version__}.dist-info/METADATA").decode()
        entry_points = archive.read(f"alliance_workbook-{workbook.__version__}.dist-info/entry_points.txt").decode()
    app = {"workbook/_app/app.py", "workbook/_app/home.py", "workbook/_app/.streamlit/config.toml"}
    app |= {f"workbook/_app/pages/{page.name}" for page in (ROOT / "pages").glob("*.py")}
    code = {p.relative_to(ROOT).as_posix() for folder in ("workbook", "ui") for p in (ROOT / folder).rglob("*.py")}
    # the fonts, and every language's compiled catalogue: the installed app speaks them all
    data = {path.relative_to(ROOT).as_posix() for path in (ROOT / "workbook" / "fonts").iterdir()}
    data |= {path.relative_to(ROOT).as_posix() for path in (ROOT / "workbook" / "locales").rglob("*.mo")}
    assert "workbook/locales/es/LC_MESSAGES/messages.mo" in data
    assert app | code | data <= names, sorted((app | code | data) - names)
    assert not [n for n in names if "__pycache__" in n or n.startswith(("tests/", "pages/", "app.py", ".streamlit"))]
    assert settings == (ROOT / ".streamlit" / "config.toml").read_bytes()  # the one source, as it is
    assert f"\nVersion: {workbook.__version__}\n" in metadata
    assert "alliance-workbook = workbook.launcher:main" in entry_points
    assert wheel.stat().st_size < 5_000_000


@dataclass
class Installed:
    bin: Path
    home: Path  # an empty home folder
    folder: Path  # an empty folder to start in
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "alliance-workbook"), *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel in a fresh virtual environment (no site packages of its own but what it needs),
    run with a bare environment: an empty home, an empty folder, a workbook file of its own."""
    place = tmp_path_factory.mktemp("installed")
    subprocess.run([sys.executable, "-m", "venv", str(place / "venv")], check=True, timeout=120)
    python = place / "venv" / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)]
    done = subprocess.run(
        [*install, "-c", str(ROOT / "constraints.txt")], capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, done.stderr
    home, folder = place / "home", place / "folder"
    home.mkdir()
    folder.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8", "WORKBOOK_DB": str(place / "wb.json")}
    return Installed(python.parent, home, folder, env)


@pytest.mark.slow
def test_the_installed_command_works_from_an_empty_folder(installed: Installed) -> None:
    help_text = installed.run("--help")
    assert help_text.returncode == 0, help_text.stderr
    assert "alliance-workbook run [--port N]" in help_text.stdout
    for command in ("demo", "export", "import", "check", "backup", "where", "encrypt", "change-passphrase"):
        assert command in help_text.stdout
    version = installed.run("--version")
    assert version.stdout.strip() == f"Alliance Workbook {workbook.__version__}"
    demo = installed.run("demo", "--sessions", "6")
    assert demo.returncode == 0, demo.stderr
    assert Path(installed.env["WORKBOOK_DB"]).exists()
    # The same commands as `python -m workbook`, word for word (a usage error names the command used).
    source_env = {**installed.env, "PYTHONPATH": str(ROOT)}
    for args in (["where"], ["check"], ["demo"], ["export"]):
        mine = installed.run(*args)
        theirs = subprocess.run(
            [sys.executable, "-m", "workbook", *args],
            cwd=installed.folder,
            env=source_env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        said = theirs.stderr.replace("python -m workbook", "alliance-workbook")  # each names itself
        # and each says how to start the app its own way ("make demo" from a checkout, the command when installed)
        out = theirs.stdout.replace("python -m workbook.launcher run", "alliance-workbook run")
        assert (mine.returncode, mine.stdout, mine.stderr) == (theirs.returncode, out, said), args
    bad_port = installed.run("run", "--port", "eighty")
    assert bad_port.returncode == 2 and "not a port number" in bad_port.stderr
    # The code running is the installed copy, not this checkout.
    where = subprocess.run(
        [str(installed.bin / "python"), "-c", "import workbook.launcher as l, ui; print(l.app_folder(), ui.__file__)"],
        cwd=installed.folder,
        env=installed.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert str(ROOT) not in where.stdout and where.stdout.startswith(str(installed.bin.parent))


@dataclass
class Served:
    port: int
    recorder: Recorder
    log: Path
    installed: Installed


@pytest.fixture(scope="module")
def served(installed: Installed) -> Iterator[Served]:
    """`alliance-workbook run` from the empty folder, every proxy variable pointing at a recorder."""
    recorder = Recorder()
    env = {**installed.env, **dict.fromkeys(PROXIES, recorder.url), "NO_PROXY": "", "no_proxy": ""}
    port = free_port()
    log = installed.folder.parent / "server.log"
    process = subprocess.Popen(
        [str(installed.bin / "alliance-workbook"), "run", "--port", str(port)],
        cwd=installed.folder,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError(f"alliance-workbook run did not start:\n{log.read_text()}")
        time.sleep(0.25)
    yield Served(port, recorder, log, installed)
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    recorder.sock.close()
    assert "Traceback" not in log.read_text(), log.read_text()


@pytest.mark.slow
@pytest.mark.browser
def test_the_installed_app_finds_home_and_every_page(served: Served) -> None:
    if chromium_path() is None:
        pytest.skip("no Chromium found: install Debian's chromium or set CHROMIUM_PATH (.ci/run installs it)")
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        chromium = launch_chromium(p)
        b = Browser(chromium.new_page(viewport={"width": 1280, "height": 1000}), f"localhost:{served.port}")
        for path, title in PAGES.items():
            b.open(path)
            expect(b.page.locator("h1").first).to_contain_text(title, timeout=30_000)
            assert not b.page.locator('[data-testid="stException"]').count(), path
        chromium.close()
    assert b.outside == [], f"the page tried to reach other hosts: {b.outside}"
    assert b.dialogs == [], b.dialogs


@pytest.mark.slow
def test_the_installed_app_listens_on_this_computer_only_and_phones_nowhere(served: Served) -> None:
    port = served.port
    status, headers, page = get(port, "/", Host=f"localhost:{port}")
    assert status == 200 and "<title>" in page
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert get(port, "/_stcore/health", Host=f"evil.example:{port}")[0] == 400  # DNS rebinding
    addresses = listening_addresses(port)
    assert addresses in ({"0100007F"}, set()), addresses  # 127.0.0.1 only (set(): no /proc to read)
    others = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    for address in others - {"127.0.0.1", "127.0.1.1"}:
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
            pass
    waited = 0.0
    while waited < 3 and not served.recorder.seen:  # a usage report would go out within a moment
        time.sleep(0.25)
        waited += 0.25
    assert served.recorder.seen == [], f"the server made outbound requests: {served.recorder.seen}"
    # Nothing written to the empty home or the folder it started in: the workbook file is elsewhere.
    assert list(served.installed.home.iterdir()) == []
    assert sorted(p.name for p in served.installed.folder.iterdir()) == []


def test_the_installed_command_names_itself_in_its_messages(capsys: pytest.CaptureFixture[str]) -> None:
    from workbook import launcher

    with pytest.raises(SystemExit) as ended:
        launcher.main(["no-such-command"])
    assert ended.value.code == 2
    assert "see `alliance-workbook --help`" in capsys.readouterr().err


def test_settings_and_exports_show_the_one_version(db: Path, open_page: Open) -> None:
    from workbook import __version__
    from workbook.repository import Repository
    from workbook.transfer import export_document

    assert f"Alliance Workbook {__version__}." in all_text(open_page("settings"))
    assert export_document(Repository(db))["app_version"] == __version__
