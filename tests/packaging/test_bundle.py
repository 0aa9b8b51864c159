"""Smoke test of the PyInstaller bundle: the built program, not the source tree, creates the demo,
paints the board and writes a demand, on a fresh database and with no Python installed beside it.

The bundle is built first when it is missing or stale (packaging/build.py; `make test` does that
step before pytest, so here it is normally found current).
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-12-01"
SIZE_TARGET = 200 * 1024 * 1024
# Qt modules the spec excludes: none of their libraries may have slipped in
EXCLUDED_QT = ("Qt6WebEngine", "Qt6Qml", "Qt6Quick", "Qt63D", "Qt6Multimedia", "Qt6VirtualKeyboard", "Qt6Designer")

pytestmark = pytest.mark.slow


def _build_module():
    """packaging/build.py by path (a `packaging` folder must not shadow the PyPI package of that name)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bundle_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build():
    module = _build_module()
    if not module.is_current():
        done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], cwd=ROOT,
                              capture_output=True, text=True, timeout=1800)
        assert done.returncode == 0, f"PyInstaller failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return module


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("home")


def run_bundle(build, home: Path, *args: str) -> subprocess.CompletedProcess:
    """The frozen program, offscreen, with a home of its own (logs and settings stay in the test)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), TZ="Europe/Stockholm")
    env.pop("BOSTADSINKASSO_DB", None)
    return subprocess.run([str(build.executable()), *args], cwd=home, env=env, capture_output=True, text=True,
                          timeout=300)


def test_bundle_is_under_200_mb_and_leaves_out_the_qt_modules_we_do_not_use(build, capsys):
    size = build.bundle_size()
    with capsys.disabled():
        print(f"\nbundle {build.BUNDLE}: {size / 1024 / 1024:.0f} MB (target < 200 MB)")
    assert size < SIZE_TARGET
    stray = sorted(p.name for p in build.BUNDLE.rglob("*") if p.name.startswith(EXCLUDED_QT)
                   or p.name.replace("lib", "", 1).startswith(EXCLUDED_QT))
    assert stray == []


def test_demo_board_screenshot_and_demand_from_the_frozen_program(build, home):
    db = home / "demo.sqlite"
    made = run_bundle(build, home, "--db", str(db), "demo", "--as-of", AS_OF)
    assert made.returncode == 0, made.stderr

    # the migrations ran frozen: Alembic found env.py and versions/ in the bundle and reached head
    from app.persistence.migrate import head_revision

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    assert cases >= 20  # the demo: cases in every stage and side state

    png = home / "board.png"
    shot = run_bundle(build, home, "--db", str(db), "gui", "--as-of", AS_OF, "--screenshot", str(png))
    assert shot.returncode == 0, shot.stderr
    _assert_painted_board(png)

    case = run_bundle(build, home, "--db", str(db), "case", "show", "1", "--as-of", AS_OF, "--json")
    assert case.returncode == 0, case.stderr
    shown = json.loads(case.stdout)
    pdf = home / "demand.pdf"
    letter = run_bundle(build, home, "--db", str(db), "letter", "1", "demand", "--out", str(pdf), "--as-of", AS_OF)
    assert letter.returncode == 0, letter.stderr
    _assert_demand(pdf, ocr=shown["ocr"], debtor=shown["debtors"][0])


def _assert_painted_board(png: Path) -> None:
    from PySide6.QtGui import QImage

    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(png))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1400, 860)
    # a painted board has cards, text and stage colours, not one flat background
    colours = {image.pixel(x, y) for x in range(0, 1400, 7) for y in range(0, 860, 7)}
    assert len(colours) > 50


def _assert_demand(pdf: Path, ocr: str, debtor: str) -> None:
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 1
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Inkassokrav" in text
    assert ocr in text and debtor in text
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].get_object().values()
             if "/BaseFont" in font.get_object()}
    # the shipped DejaVu fonts were found inside the bundle and embedded (subset names end in the family)
    assert any("DejaVuSans" in name for name in fonts), fonts


@pytest.mark.postgres
def test_the_frozen_program_reaches_postgresql_with_its_bundled_driver(build, home, pg_server):
    from tests.conftest import create_pg_database

    url = create_pg_database(pg_server)
    made = run_bundle(build, home, "--db", url, "demo", "--as-of", AS_OF)
    assert made.returncode == 0, made.stderr
    cases = run_bundle(build, home, "--db", url, "cases", "--as-of", AS_OF, "--json")
    assert cases.returncode == 0, cases.stderr
    assert len(json.loads(cases.stdout)) >= 20
