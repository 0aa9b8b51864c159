"""The console script: `bostadsinkasso` runs a command, or the GUI when none (or `gui`) is given.

Qt is imported only for the GUI, so command-line use stays fast and works without a display.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence

from app.cli.main import build_parser, run
from app.services.logging_setup import configure_logging


def main(argv: Sequence[str] | None = None) -> int:
    configure_logging()
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from ui.app import run_gui

        return run_gui(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
