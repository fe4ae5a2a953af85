"""Shared fixtures: the same repository tests run over memory and a real JSON file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from workbook.models import CheckIn, Goal, Reflection
from workbook.repository import Repository

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=["memory", "json"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Repository:
    if request.param == "memory":
        return Repository.in_memory()
    return Repository(tmp_path / "workbook.json")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbook.json"


def reflection(day: str = "2026-03-14", overall: int = 8, **fields: object) -> Reflection:
    ratings = dict(trust=8, empathy=8, collaboration=7, communication=8, shared_goals=7, overall=overall)
    ratings.update(fields)  # type: ignore[arg-type]
    return Reflection(session_date=date.fromisoformat(day), **ratings)  # type: ignore[arg-type]


def checkin(**fields: object) -> CheckIn:
    return CheckIn(wellbeing=fields.pop("wellbeing", 6), **fields)  # type: ignore[arg-type]


def goal(title: str = "Feel less anxious at work", **fields: object) -> Goal:
    return Goal(title=title, **fields)  # type: ignore[arg-type]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m workbook` as a person would, in a separate process."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "workbook", *args],
        check=False,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=120,
    )
