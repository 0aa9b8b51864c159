"""The page registry: the main window's navigation is built from the `PAGES` that modules here declare.

To add a page, create a module in `ui/pages/` that defines

    PAGES = (PageSpec(key="payments", title="Inbetalningar", order=ORDER["payments"], factory=PaymentsPage),)

where `factory(ui: UiContext) -> QWidget` returns a widget that also implements `Page`. Nothing else
needs editing: `page_specs()` collects every module's `PAGES`, so a navigation entry exists only once
its page does (no dead placeholders). Written that plainly, the declaration is read from the source and
the module is imported only when its page is first shown (start-up stays quick).

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

import ast
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
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


def _module_names() -> list[str]:
    return [info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]


class _LazyFactory:
    """Imports the page's module only when the page is first shown: start-up stays light even when a page
    brings QtCharts or ReportLab."""

    def __init__(self, module: str, attribute: str) -> None:
        self.module, self.attribute = module, attribute

    def __call__(self, ui: UiContext) -> QWidget:
        return getattr(importlib.import_module(self.module), self.attribute)(ui)


def _literal(node: ast.expr) -> object:
    """A keyword's value when it is a literal or ORDER["…"]; raises ValueError otherwise."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "ORDER":
        return ORDER[ast.literal_eval(node.slice)]
    return ast.literal_eval(node)


def _read_declarations(name: str) -> tuple[list[PageSpec] | None, bool]:
    """(the PAGES read from the module's source without importing it – None when they are not plain
    literals – and whether it declares NOTICES)."""
    path = Path(__path__[0]) / f"{name}.py"
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None, True
    assigned = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Name)}
    value = assigned.get("PAGES")
    if value is None:
        return [], "NOTICES" in assigned
    if not isinstance(value, (ast.Tuple, ast.List)):
        return None, "NOTICES" in assigned
    specs = []
    try:
        for call in value.elts:
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "PageSpec" and not call.args):
                return None, "NOTICES" in assigned
            fields = {k.arg: k.value for k in call.keywords}
            factory = fields.pop("factory")
            if not isinstance(factory, ast.Name):
                return None, "NOTICES" in assigned
            specs.append(PageSpec(factory=_LazyFactory(f"{__name__}.{name}", factory.id),
                                  **{k: _literal(v) for k, v in fields.items()}))
    except (KeyError, TypeError, ValueError):
        return None, "NOTICES" in assigned
    return specs, "NOTICES" in assigned


def notices(ui: UiContext) -> list[str]:
    """The start page's warnings from every module's `NOTICES` providers (each text once)."""
    found: list[str] = []
    for name in _module_names():
        if not _read_declarations(name)[1]:
            continue
        for provider in getattr(importlib.import_module(f"{__name__}.{name}"), "NOTICES", ()):
            text = provider(ui)
            if text and text not in found:
                found.append(text)
    return found


def page_specs() -> list[PageSpec]:
    """Every page declared by a module in this package, in navigation order.

    The declarations are read from the source when they are plain (PageSpec(...) with literal keywords,
    ORDER["…"] and a class name), so a page's module is imported only when the page is first shown;
    anything else is imported and its PAGES taken as they are.
    """
    specs: list[PageSpec] = []
    for name in _module_names():
        declared, _notices = _read_declarations(name)
        if declared is None:
            declared = list(getattr(importlib.import_module(f"{__name__}.{name}"), "PAGES", ()))
        specs.extend(declared)
    keys = [s.key for s in specs]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise RuntimeError(f"two pages with the same key: {sorted(duplicates)}")
    return sorted(specs, key=lambda s: (s.order, s.title))
