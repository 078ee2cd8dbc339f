"""Shared fixtures: real association files on disk, in a temporary folder per test."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.demo import create_demo  # noqa: E402
from app.model import Association, Member  # noqa: E402
from app.services import AssociationFile  # noqa: E402

DEMO_DAY = date(2026, 11, 25)


@pytest.fixture
def book(tmp_path: Path):
    """An empty association with the sample constitution's rules."""
    with AssociationFile.create(tmp_path / "test.quorum", Association("Test Street TRA", area="Govan")) as opened:
        yield opened


@pytest.fixture
def members(book):
    """Twenty members in the register of ``book``."""
    people = [Member(f"First{n}", f"Surname{n:02d}", address=f"{n} Test Street, Glasgow", joined=date(2020, 1, 1))
              for n in range(20)]
    book.register.add_members(people)
    return book.register.members()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """The demo association made once per run; tests get their own copy."""
    return create_demo(tmp_path_factory.mktemp("demo-master"), today=DEMO_DAY)


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data" / demo_master.name
    target.parent.mkdir()
    shutil.copy2(demo_master, target)
    return target


@pytest.fixture
def demo(demo_path: Path):
    with AssociationFile.open(demo_path) as opened:
        yield opened
