"""Modules imported on first use: the parser is built without loading SQLAlchemy or ReportLab, so a
command (and the GUI's start) only pays for what it uses."""
from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    def __init__(self, name: str):
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> object:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)


def lazy(name: str) -> LazyModule:
    return LazyModule(name)
