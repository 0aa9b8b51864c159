"""The console script: `bostadsinkasso` runs a command, or the GUI when none (or `gui`) is given.

Qt is imported only for the GUI, so command-line use stays fast and works without a display. For the
GUI the main window's frame is put on screen first – before the command-line parser and the services
are imported – so the treasurer sees the program at once.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence

_DB_OPTION = "--db"


def opens_window(argv: Sequence[str]) -> bool:
    """A cheap look at the words: the GUI on screen is asked for (no command, or `gui` without
    --screenshot or help). Anything unusual answers False and the full parser decides as always."""
    words = list(argv)
    index = 0
    while index < len(words) and words[index].startswith("-"):
        if words[index] == _DB_OPTION:
            index += 2
        elif words[index].startswith(_DB_OPTION + "="):
            index += 1
        else:
            return False  # -h, --version or an unknown option: the parser speaks
    if index >= len(words):
        return True
    if words[index] != "gui":
        return False
    return not any(w in ("-h", "--help") or w.startswith("--screenshot") for w in words[index + 1:])


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    shell = None
    if opens_window(words):
        from ui.app import show_frame

        shell = show_frame()
    from app.cli.main import build_parser, run
    from app.services.logging_setup import configure_logging

    configure_logging()
    args = build_parser().parse_args(words)
    if args.command in (None, "gui"):
        from ui.app import run_gui

        return run_gui(args, shell=shell)
    if shell is not None:
        shell.close()
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
