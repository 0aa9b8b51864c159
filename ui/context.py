"""The GUI's shared state: the application context, the day shown, the board modes, and one `changed` hub.

Every command goes through `UiContext.perform`: it runs the service, shows a refusal's Swedish reasons,
and on success emits one `changed` signal from which every page and model refreshes (Anki-style).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.domain.problem import Refused
from ui.dialogs.messages import Messages

if TYPE_CHECKING:  # the services (SQLAlchemy …) load after the window's first paint
    from app.services.context import AppContext

T = TypeVar("T")

READ_ONLY_MESSAGE = "Programmet är i skrivskyddat läge. Inga ändringar kan göras."


@dataclass(frozen=True)
class Change:
    """What a command changed; the pages refresh from it. Empty `case_ids`: anything may have changed."""

    kind: str  # "event", "payment", "document", "score", "registers", "settings", "import", "date", "modes"
    case_ids: tuple[int, ...] = ()

    def touches(self, case_id: int) -> bool:
        return not self.case_ids or case_id in self.case_ids


class UiContext(QObject):
    """Passed to every page factory. Holds no domain state of its own – only what the user looks at."""

    changed = Signal(object)  # Change
    modes_changed = Signal()  # read_only or masked switched
    open_case_requested = Signal(int, object)  # case id, and an ActionKind to start at once (or None)

    def __init__(self, ctx: AppContext | None, as_of: date, *, masked: bool = False, read_only: bool = False,
                 fixed_date: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.as_of = as_of
        self.masked = masked
        self.read_only = read_only or (ctx is not None and ctx.read_only)
        self.fixed_date = fixed_date  # --as-of given: the day does not follow the clock

    def set_as_of(self, day: date) -> None:
        if day != self.as_of:
            self.as_of = day
            self.changed.emit(Change("date"))

    def set_masked(self, masked: bool) -> None:
        if masked != self.masked:
            self.masked = masked
            self.modes_changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        read_only = read_only or (self.ctx is not None and self.ctx.read_only)
        if read_only != self.read_only:
            self.read_only = read_only
            self.modes_changed.emit()

    def open_case(self, case_id: int, action: object = None) -> None:
        """Show the case's detail page; with `action` (an ActionKind) start doing it right away."""
        self.open_case_requested.emit(case_id, action)

    def perform(self, parent: QWidget | None, command: Callable[[], T], change: Change,
                on_success: Callable[[T], None] | None = None) -> T | None:
        """Run one command; on refusal show why (in Swedish) and return None; on success broadcast `change`,
        then call `on_success(result)` (the pages have refreshed by then)."""
        if self.read_only:
            Messages.refused(parent, (READ_ONLY_MESSAGE,))
            return None
        try:
            result = command()
        except Refused as refused:
            Messages.refused(parent, tuple(p.message for p in refused.problems))
            return None
        self.changed.emit(change)
        if on_success is not None:
            on_success(result)
        return result

    def notify(self, change: Change) -> None:
        """For commands run elsewhere (a worker thread): broadcast what they changed."""
        self.changed.emit(change)
