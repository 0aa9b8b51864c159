"""The page registry: the main window's navigation is built from the `PAGES` that modules here declare.

To add a page, create a module in `ui/pages/` that defines

    PAGES = (PageSpec(key="payments", title="Inbetalningar", order=ORDER["payments"], factory=PaymentsPage),)

where `factory(ui: UiContext) -> QWidget` returns a widget that also implements `Page`. Nothing else
needs editing: `page_specs()` imports every module of this package and collects their `PAGES`, so a
navigation entry exists only once its page does (no dead placeholders).

A page is told about the world through `UiContext`:
- `ui.ctx` (the services' AppContext), `ui.as_of` (the day shown), `ui.masked`, `ui.read_only`;
- `ui.perform(parent, command, Change(...))` runs a service command, shows refusals in Swedish and
  broadcasts `ui.changed` on success; `ui.notify(change)` broadcasts for work done elsewhere;
- `ui.open_case(case_id)` shows a case's detail page.

A module may also declare `NOTICES = (provider, …)`, each `provider(ui: UiContext) -> str | None`
returning a Swedish warning for the start page (e.g. a missing reference rate), or None.
The main window calls `refresh()` on the visible page after every `changed` (and on F5), and on a
hidden page when it is next shown; `set_read_only`/`set_masked` whenever the modes switch. A page
may also define `apply_change(change)`: then a change that names its cases (`change.case_ids`)
is handed to it instead, so it can reload just those (the board does, for thousands of cases).
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from ui.context import Change, UiContext

__all__ = ["ORDER", "Change", "Notice", "Page", "PageSpec", "UiContext", "notices", "page_specs"]

Notice = Callable[[UiContext], "str | None"]

# Navigation order (issue 6): Att göra, Ärendetavla, Ärenden/Objekt, Inbetalningar, Dokument, Rapporter, Inställningar.
ORDER = {
    "todo": 10,
    "board": 20,
    "cases": 30,
    "registers": 35,  # Objekt, personer, boende, avier (issue 7)
    "payments": 40,
    "documents": 50,
    "reports": 60,
    "settings": 70,
}


@runtime_checkable
class Page(Protocol):
    """What the main window needs from a page (the page itself is a QWidget)."""

    def refresh(self) -> None:
        """Reload from the services (after a `changed`, F5, a date change)."""

    def set_read_only(self, read_only: bool) -> None:
        """Disable (or enable) every control that changes anything."""

    def set_masked(self, masked: bool) -> None:
        """Show unit numbers and initials only: no personnummer, no full names (projection)."""


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable id, remembered as the last page shown
    title: str  # Swedish navigation text
    order: int
    factory: Callable[[UiContext], QWidget]
    shortcut: str | None = None  # e.g. "Ctrl+1"
    tooltip: str = ""


def _modules() -> list:
    return [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)
            if not info.name.startswith("_")]


def notices(ui: UiContext) -> list[str]:
    """The start page's warnings from every module's `NOTICES` providers."""
    found = []
    for module in _modules():
        for provider in getattr(module, "NOTICES", ()):
            text = provider(ui)
            if text:
                found.append(text)
    return found


def page_specs() -> list[PageSpec]:
    """Every page declared by a module in this package, in navigation order."""
    specs: list[PageSpec] = []
    for module in _modules():
        specs.extend(getattr(module, "PAGES", ()))
    keys = [s.key for s in specs]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise RuntimeError(f"two pages with the same key: {sorted(duplicates)}")
    return sorted(specs, key=lambda s: (s.order, s.title))
