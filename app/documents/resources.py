"""Where the letters' resources live (fonts, templates): next to the package, or in a PyInstaller bundle."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The project's `resources/` folder.

    In a PyInstaller bundle the data files are unpacked under `sys._MEIPASS` (add
    `resources/` as a data folder with that name); otherwise it sits two levels above this package.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent.parent / "resources"


def template_path(name: str) -> Path:
    return resources_dir() / "templates" / f"{name}.txt"


def font_path(file_name: str) -> Path:
    return resources_dir() / "fonts" / file_name
