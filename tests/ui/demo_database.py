"""A demo database built once per test session and copied for each test that changes it."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from app.services import demo
from app.services.context import AppContext, open_database

AS_OF = date(2026, 12, 1)
_built: dict[str, Path] = {}


def demo_copy(tmp_path_factory, tmp_path: Path) -> AppContext:  # noqa: ANN001 - pytest's factory
    """A fresh copy of the demo association (as of 2026-12-01) in tmp_path."""
    if "demo" not in _built:
        template = tmp_path_factory.mktemp("demo-template") / "demo.sqlite"
        demo.create_demo(str(template), AS_OF).close()
        _built["demo"] = template
    target = tmp_path / "demo.sqlite"
    shutil.copy(_built["demo"], target)
    return open_database(str(target))
