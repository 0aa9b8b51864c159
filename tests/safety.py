"""Helpers for the data-safety tests: one demo database per session, copied per test, and a dump
of a database's whole content to compare before and after."""
from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.services import demo

DEMO_AS_OF = date(2026, 12, 1)


def dump(path: Path) -> list[str]:
    """Every table's schema and rows as SQL text (sqlite3's iterdump), for exact comparison."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.create_demo(str(path), DEMO_AS_OF).close()
    return path


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo association (demo.create_demo at 2026-12-01)."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_master, path)
    path.chmod(0o600)
    return path
