"""Logging to a file in the user log directory. Log lines never hold personnummer or names."""
from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_dir

from app.services.context import APP_NAME
from app.services.log_privacy import RedactingFormatter


def log_dir() -> Path:
    return Path(os.environ.get("BOSTADSINKASSO_LOG_DIR") or user_log_dir(APP_NAME, appauthor=False))


def configure_logging() -> None:
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        directory = log_dir()
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = RotatingFileHandler(directory / "bostadsinkasso.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return  # no writable log directory: the program still works
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
