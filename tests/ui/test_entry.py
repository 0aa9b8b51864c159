"""The console script decides cheaply whether a window is wanted, before importing the services."""
from __future__ import annotations

import pytest

from ui.entry import opens_window


@pytest.mark.parametrize(("argv", "window"), [
    ([], True),
    (["gui"], True),
    (["--db", "/tmp/x.sqlite"], True),
    (["--db=/tmp/x.sqlite", "gui", "--as-of", "2026-12-01", "--masked"], True),
    (["--db", "/tmp/x.sqlite", "gui", "--screenshot", "/tmp/x.png"], False),  # offscreen, no frame first
    (["gui", "--help"], False),
    (["-h"], False),
    (["cases"], False),
    (["--db", "/tmp/x.sqlite", "due", "--json"], False),
    (["--db"], True),  # the parser then refuses it, in Swedish, and the frame goes with the process
])
def test_opens_window(argv, window):
    assert opens_window(argv) is window
