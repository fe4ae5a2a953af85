"""Nothing acknowledged is ever lost: kill -9 in the middle of writes, and many writers at once."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from datetime import date
from pathlib import Path

from tests.conftest import ROOT
from workbook.demo import fill_with_demo
from workbook.files import leftover_temp_files
from workbook.models import Goal
from workbook.repository import Repository

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workbook.models import Goal
    from workbook.repository import Repository

    repo = Repository(Path(sys.argv[1]))
    round_ = sys.argv[2]
    for n in range(100000):
        if n % 5 == 4:  # sometimes a batch of several entries in one write
            entries = [Goal(title=f"{round_}-{n}-{k}") for k in range(20)]
            repo.save_many(entries)
        else:
            entries = [repo.save(Goal(title=f"{round_}-{n}"))]
        for entry in entries:
            print(entry.id, flush=True)
    """
)


def kill_a_writer(path: Path, round_: int, rng: random.Random) -> tuple[set[str], bool]:
    """Start a writer of `path`, kill -9 it at a random moment: the ids it confirmed, whether it was killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(round_)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    time.sleep(rng.uniform(0.3, 0.9))
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    return {line for line in out.splitlines() if len(line) == 36}, child.returncode == -signal.SIGKILL


def test_kill_9_at_random_moments_never_loses_an_acknowledged_entry(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    # A realistic size, so that a write takes long enough to be interrupted in the middle.
    fill_with_demo(Repository(path), sessions=150, until=date(2026, 11, 1))
    rng = random.Random(2026)
    acknowledged: set[str] = set()
    kills = 0
    for round_ in range(25):
        confirmed, killed = kill_a_writer(path, round_, rng)
        kills += killed
        acknowledged |= confirmed
        # Whatever moment it died at, the workbook opens and holds everything it confirmed.
        stored = {g.id for g in Repository(path).goals()}
        assert acknowledged <= stored, f"round {round_}: {len(acknowledged - stored)} confirmed entries lost"
        assert leftover_temp_files(path) == []
    assert kills == 25
    assert len(acknowledged) > 100  # the writers really were writing
    print(f"\nkill -9: {kills} kills survived; {len(acknowledged)} confirmed entries, all present")


CONCURRENT_WRITER = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    from workbook.models import Goal
    from workbook.repository import Repository

    path, name, threads, each = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    repo = Repository(path)

    def write(t):
        for n in range(each):
            repo.save(Goal(title=f"{name}-{t}-{n}"))
            repo.goals()  # reads in between, as pages do

    workers = [threading.Thread(target=write, args=(t,)) for t in range(threads)]
    [w.start() for w in workers]
    [w.join() for w in workers]
    """
)


def test_many_processes_and_threads_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    processes, threads, each = 4, 3, 15
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_WRITER, str(path), f"p{p}", str(threads), str(each)],
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )
        for p in range(processes)
    ]
    # ...and this process writes from threads of its own at the same time, like the app would.
    repo = Repository(path)
    local = [
        threading.Thread(target=lambda t=t: [repo.save(Goal(title=f"app-{t}-{n}")) for n in range(each)])
        for t in range(threads)
    ]
    [t.start() for t in local]
    [t.join() for t in local]
    assert [c.wait(timeout=300) for c in children] == [0] * processes
    titles = sorted(g.title for g in Repository(path).goals())
    expected = sorted(
        [f"p{p}-{t}-{n}" for p in range(processes) for t in range(threads) for n in range(each)]
        + [f"app-{t}-{n}" for t in range(threads) for n in range(each)]
    )
    assert titles == expected
    assert len(json.loads(path.read_text())["tables"]["goals"]) == len(expected)
    print(
        f"\nconcurrency: {len(expected)} written by {processes + 1} processes x {threads} threads, {len(titles)} kept"
    )


def test_kill_9_while_saving_through_a_symlink_keeps_the_link_and_every_entry(tmp_path: Path) -> None:
    (tmp_path / "Synced").mkdir()
    real, link = tmp_path / "Synced" / "workbook.json", tmp_path / "workbook.json"
    link.symlink_to(real)
    fill_with_demo(Repository(link), sessions=150, until=date(2026, 11, 1))
    rng = random.Random(11)
    acknowledged: set[str] = set()
    for round_ in range(6):
        acknowledged |= kill_a_writer(link, round_, rng)[0]
        assert link.is_symlink(), f"round {round_}: the link was replaced by a file"
        assert acknowledged <= {g.id for g in Repository(real).goals()}
        assert leftover_temp_files(link) == [] and leftover_temp_files(real) == []
    assert len(acknowledged) > 20
