"""Fixtures for the daily-work GUI tests: a copy of the demo per test, a main window with throwaway
settings, message boxes that record instead of blocking, and Qt warnings that fail the test."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QSettings, QtMsgType

from tests.ui.demo_database import AS_OF, demo_copy
from ui.dialogs.messages import Messages

# Offscreen platform noise that says nothing about our widgets.
BENIGN_WARNINGS = ("This plugin does not support propagateSizeHints()", "propagateSizeHints")


@dataclass
class Recorded:
    refused: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    answer: bool = True  # what the user answers to a confirmation

    def reasons(self) -> list[str]:
        return [reason for _heading, reasons in self.refused for reason in reasons]


@pytest.fixture
def messages(monkeypatch) -> Recorded:
    """Message boxes recorded, never shown: a test that expects none can assert the lists are empty."""
    recorded = Recorded()
    monkeypatch.setattr(Messages, "refused", classmethod(
        lambda cls, parent, reasons, heading="Det gick inte.": recorded.refused.append((heading, tuple(reasons)))))
    monkeypatch.setattr(Messages, "inform", classmethod(lambda cls, parent, text, detail="": recorded.informed.append(f"{text} {detail}".strip())))

    def confirm(cls, parent, question, detail="", yes="Ja", no="Avbryt"):  # noqa: ANN001, ANN202
        recorded.confirmed.append(question)
        return recorded.answer

    monkeypatch.setattr(Messages, "confirm", classmethod(confirm))
    return recorded


@pytest.fixture
def no_qt_warnings(qtlog):
    """Fail the test on any Qt warning or critical message (qutebrowser-style)."""
    yield
    bad = [r.message for r in qtlog.records
           if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
           and not any(b in r.message for b in BENIGN_WARNINGS)]
    assert not bad, f"Qt warnings: {bad}"


@pytest.fixture
def ctx(tmp_path_factory, tmp_path):
    context = demo_copy(tmp_path_factory, tmp_path)
    yield context
    context.close()


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "bostadsinkasso.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, ctx, settings, messages):
    from ui.main_window import MainWindow

    def make(**modes) -> MainWindow:
        window = MainWindow(ctx, AS_OF, fixed_date=True, settings=settings, **modes)
        qtbot.addWidget(window)
        window.resize(1280, 760)  # inside the offscreen screen (800 × 800 from 0,0): clicks land at the bottom too
        window.move(0, 0)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()
