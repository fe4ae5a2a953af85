"""Encryption at rest: nothing readable on disk, the right passphrase gives back exactly what was
there, the wrong one changes nothing, and damage is reported, never written over."""

from __future__ import annotations

import base64
import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT, goal, reflection, run_cli, sha256
from tests.test_cli import assert_clean_failure, run_cli_bounded
from workbook import crypto
from workbook.demo import fill_with_demo
from workbook.errors import DamagedWorkbookError, LockedError, WorkbookError, WrongPassphraseError
from workbook.files import leftover_temp_files
from workbook.repository import Repository
from workbook.transfer import export_json

PASS = "correct horse battery staple"
WORDS = ("Rest is not something I have to earn", "my sister", "SECRET-WORD-42")


def secret_workbook(path: Path) -> Repository:
    repo = Repository(path)
    fill_with_demo(repo, sessions=12, until=date(2026, 11, 1))
    repo.save(reflection(insights=WORDS[0], unsaid=WORDS[2]))
    repo.backup_now()
    repo.save(goal("Talk to my sister"))  # the daily backup (before this save) holds the words too
    return repo


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def assert_no_words_on_disk(folder: Path) -> None:
    for path in files_under(folder):
        data = path.read_bytes()
        for word in (*WORDS, "Sister", "Okafor", "reflections", "therapist"):
            assert word.encode() not in data, f"{word!r} readable in {path}"


def test_nothing_the_client_wrote_is_readable_on_disk(tmp_path: Path) -> None:
    repo = secret_workbook(tmp_path / "workbook.json")
    assert len(repo.list_backups()) >= 2
    repo.encrypt(PASS)
    repo.save(goal("Another SECRET-WORD-42 goal"))  # later saves stay encrypted
    assert_no_words_on_disk(tmp_path)
    assert crypto.is_encrypted((tmp_path / "workbook.json").read_bytes())
    assert all(crypto.is_encrypted(b.read_bytes()) for b in repo.list_backups())


def test_the_right_passphrase_gives_back_exactly_what_was_there(tmp_path: Path) -> None:
    repo = secret_workbook(tmp_path / "workbook.json")
    before = json.loads(export_json(repo, include_private=True))
    repo.encrypt(PASS)
    again = Repository(tmp_path / "workbook.json")
    again.unlock(PASS)
    after = json.loads(export_json(again, include_private=True))
    assert before.pop("exported_at") and after.pop("exported_at")
    assert after == before
    for backup in again.list_backups():  # and every backup opens with it too
        copy = Repository(backup, read_only=True)
        copy.unlock(PASS)
        assert copy.reflections()


def test_a_wrong_or_missing_passphrase_fails_cleanly_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    secret_workbook(path).encrypt(PASS)
    before = sha256(path)
    locked = Repository(path)
    with pytest.raises(LockedError, match="is encrypted"):
        locked.reflections()
    with pytest.raises(LockedError):
        locked.save(goal())
    with pytest.raises(WrongPassphraseError, match="does not open"):
        locked.unlock("correct horse battery stapler")
    with pytest.raises(LockedError):
        locked.reflections()
    assert sha256(path) == before


def test_the_key_is_never_stored_and_a_new_salt_comes_with_each_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    repo = secret_workbook(path)
    key = repo.encrypt(PASS)
    raw = path.read_bytes()
    assert key.secret not in raw and PASS.encode() not in raw
    header = json.loads(raw[len(crypto.MAGIC) :].split(b"\n", 1)[0])
    assert header["kdf"] == {"name": "argon2id", "memory_kib": 131072, "iterations": 3, "lanes": 4}
    repo.change_passphrase("a new passphrase")
    assert json.loads(path.read_bytes()[len(crypto.MAGIC) :].split(b"\n", 1)[0])["salt"] != header["salt"]
    assert "hidden" in repr(key)


def test_changing_the_passphrase_re_encrypts_the_workbook_and_backups(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    repo = secret_workbook(path)
    repo.encrypt(PASS)
    repo.change_passphrase("a new passphrase")
    with pytest.raises(WrongPassphraseError):
        Repository(path).unlock(PASS)
    fresh = Repository(path)
    fresh.unlock("a new passphrase")
    assert fresh.reflections()[-1].insights == WORDS[0] or any(r.insights == WORDS[0] for r in fresh.reflections())
    for backup in fresh.list_backups():
        copy = Repository(backup, read_only=True)
        copy.unlock("a new passphrase")
        assert copy.goals()
    assert_no_words_on_disk(tmp_path)


def test_turning_encryption_off_gives_a_plain_workbook_and_plain_backups(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    repo = secret_workbook(path)
    repo.encrypt(PASS)
    repo.decrypt()
    assert not crypto.is_encrypted(path.read_bytes())
    assert all(not crypto.is_encrypted(b.read_bytes()) for b in repo.list_backups())
    assert any(r.insights == WORDS[0] for r in Repository(path).reflections())


def test_too_short_a_passphrase_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    repo = secret_workbook(path)
    before = sha256(path)
    with pytest.raises(WorkbookError, match="at least 8 characters"):
        repo.encrypt("short")
    assert sha256(path) == before


def flip(path: Path, where: int) -> None:
    data = bytearray(path.read_bytes())
    data[where] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: flip(p, len(p.read_bytes()) - 5), "do not match their checksum"),
        (lambda p: flip(p, len(crypto.MAGIC) + 3), "checksum"),  # the header is authenticated too
        (lambda p: p.write_bytes(p.read_bytes()[: len(crypto.MAGIC) + 40]), "cut short"),
        (lambda p: p.write_bytes(p.read_bytes()[:-200]), "checksum"),
    ],
)
def test_a_damaged_encrypted_file_is_reported_and_never_written_over(tmp_path: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "workbook.json"
    repo = secret_workbook(path)
    key = repo.encrypt(PASS)
    damage(path)
    before = sha256(path)
    damaged = Repository(path, key=key)
    with pytest.raises((DamagedWorkbookError, WrongPassphraseError)) as caught:
        damaged.reflections()
        damaged.unlock(PASS)
    assert message in str(caught.value)
    with pytest.raises(WorkbookError):
        damaged.save(goal())
    assert sha256(path) == before


def test_a_changed_header_cannot_be_passed_off_as_the_original(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    key = secret_workbook(path).encrypt(PASS)
    raw = path.read_bytes()
    line, body = raw[len(crypto.MAGIC) :].split(b"\n", 1)
    header = json.loads(line)
    header["cipher"] = "AES-256-GCM "  # any change to the authenticated header
    path.write_bytes(crypto.MAGIC + json.dumps(header, separators=(",", ":"), sort_keys=True).encode() + b"\n" + body)
    with pytest.raises(DamagedWorkbookError, match="checksum"):
        Repository(path, key=key).reflections()


ENCRYPTED_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workbook.models import Goal
    from workbook.repository import Repository

    repo = Repository(Path(sys.argv[1]))
    repo.unlock(sys.argv[2])
    for n in range(100000):
        print(repo.save(Goal(title=f"secret goal {n}")).id, flush=True)
    """
)


def test_kill_9_during_encrypted_writes_leaves_a_workbook_that_opens(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    secret_workbook(path).encrypt(PASS)
    rng = random.Random(7)
    acknowledged: set[str] = set()
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", ENCRYPTED_WRITER, str(path), PASS],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )
        time.sleep(rng.uniform(0.8, 1.6))  # unlocking takes a moment; then it writes
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged |= {line for line in out.splitlines() if len(line) == 36}
        repo = Repository(path)
        repo.unlock(PASS)
        assert acknowledged <= {g.id for g in repo.goals()}
        assert leftover_temp_files(path) == []
    assert len(acknowledged) > 10
    assert_no_words_on_disk(tmp_path)


def test_the_command_line_encrypts_asks_for_the_passphrase_and_decrypts(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    secret_workbook(path)
    done = run_cli("encrypt", "--db", str(path), env={"WORKBOOK_PASSPHRASE": PASS})
    assert done.returncode == 0 and "Keep your passphrase safe" in done.stdout
    assert_no_words_on_disk(tmp_path)
    before = sha256(path)
    for args in (["check"], ["export", "--out", str(tmp_path / "x.json")], ["backup"], ["decrypt"]):
        missing = run_cli(*args, "--db", str(path), env={"WORKBOOK_PASSPHRASE": ""})
        assert missing.returncode == 1 and "WORKBOOK_PASSPHRASE" in missing.stderr and "Traceback" not in missing.stderr
        wrong = run_cli(*args, "--db", str(path), env={"WORKBOOK_PASSPHRASE": "not the passphrase"})
        assert wrong.returncode == 1 and "does not open" in wrong.stderr
        assert sha256(path) == before
    assert not (tmp_path / "x.json").exists()
    checked = run_cli("check", "--db", str(path), env={"WORKBOOK_PASSPHRASE": PASS})
    assert checked.returncode == 0 and "(encrypted)" in checked.stdout
    changed = run_cli(
        "change-passphrase",
        "--db",
        str(path),
        env={"WORKBOOK_PASSPHRASE": PASS, "WORKBOOK_NEW_PASSPHRASE": "new words here"},
    )
    assert changed.returncode == 0
    assert run_cli("decrypt", "--db", str(path), env={"WORKBOOK_PASSPHRASE": "new words here"}).returncode == 0
    assert WORDS[0].encode() in path.read_bytes()


def test_unlocking_takes_a_noticeable_but_short_moment(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    secret_workbook(path).encrypt(PASS)
    raw = path.read_bytes()
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unlock(raw, "wrong passphrase")
    assert crypto.unlock(raw, PASS).salt  # derivation really runs (timing is in `make bench`, not here)


# --- tampered headers ------------------------------------------------------------------------------


def tamper(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite the header of an encrypted file through `change(header)`; the body stays."""
    raw = path.read_bytes()
    line, body = raw[len(crypto.MAGIC) :].split(b"\n", 1)
    header = json.loads(line)
    change(header)
    path.write_bytes(crypto.MAGIC + json.dumps(header).encode() + b"\n" + body)


def kdf(**fields: object):  # type: ignore[no-untyped-def]
    return lambda header: header["kdf"].update(fields)


def field(name: str, value: object):  # type: ignore[no-untyped-def]
    return lambda header: header.__setitem__(name, value)


TAMPERED = {
    "memory-one-more": kdf(memory_kib=131073),
    "memory-huge-number": kdf(memory_kib=10**30),
    "memory-as-text": kdf(memory_kib="131072"),
    "iterations-as-float": kdf(iterations=3.0),
    "lanes-as-bool": kdf(lanes=True),
    "one-iteration": kdf(iterations=1),
    "extra-setting": kdf(parallel=True),
    "kdf-not-a-dict": field("kdf", "argon2id"),
    "kdf-a-list": field("kdf", [1, 2, 3]),
    "empty-salt": field("salt", ""),
    "short-salt": field("salt", base64.b64encode(b"12345678").decode()),
    "salt-not-base64": field("salt", "not base64!"),
    "salt-a-number": field("salt", 16),
    "short-verifier": field("verifier", base64.b64encode(b"x" * 20).decode()),
    "empty-verifier": field("verifier", ""),
    "version-zero": field("version", 0),
    "version-huge": field("version", 10**400),
}


@pytest.mark.parametrize("change", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_tampered_header_is_a_damaged_file_reported_at_once(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "workbook.json"
    secret_workbook(path).encrypt(PASS)
    tamper(path, change)
    before = sha256(path)
    started = time.monotonic()
    with pytest.raises(DamagedWorkbookError) as caught:
        Repository(path).unlock(PASS)
    assert time.monotonic() - started < 2  # Argon2 never ran with what the header asked for
    assert "\n" not in caught.value.message and "has not been changed" in caught.value.message
    with pytest.raises(crypto.Damaged):
        crypto.unlock(path.read_bytes(), PASS)
    assert sha256(path) == before


def test_a_header_asking_for_4_gib_of_memory_is_refused_by_the_command_line_within_seconds(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    secret_workbook(path).encrypt(PASS)
    tamper(path, kdf(memory_kib=4 * 1024 * 1024))
    before = sha256(path)
    for args in (["check"], ["export", "--out", str(tmp_path / "x.json")]):
        started = time.monotonic()
        done = run_cli_bounded(*args, "--db", str(path), env={"WORKBOOK_PASSPHRASE": PASS}, seconds=60)
        assert time.monotonic() - started < 10  # a Python start-up, not 4 GiB of Argon2
        assert_clean_failure(done, str(path), "cannot be used", "key derivation")
        assert sha256(path) == before
    assert not (tmp_path / "x.json").exists()
