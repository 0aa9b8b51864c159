"""Where the shipped resources (legal data, fonts, letter texts) are, in a checkout or a bundle."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def data_file(name: str) -> Path:
    return resources_dir() / "data" / name
