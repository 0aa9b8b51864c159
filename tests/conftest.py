"""Test set-up: Qt offscreen (set before anything imports Qt), a fixed as_of, temp databases."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Europe/Stockholm")

from datetime import date  # noqa: E402

import pytest  # noqa: E402

AS_OF = date(2026, 12, 1)


@pytest.fixture
def as_of() -> date:
    return AS_OF
