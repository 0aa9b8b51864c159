"""The `bostadsinkasso` argument parser and the dispatch to each command's handler."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import TYPE_CHECKING
from collections.abc import Callable, Sequence
from datetime import date

from app.cli import commands_cases, commands_documents, commands_money, commands_server, commands_setup
from app.cli import commands_safety
from app.cli.output import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, error
from app.domain.problem import Refused

if TYPE_CHECKING:
    from app.services.context import AppContext

log = logging.getLogger(__name__)

_SWEDISH = {
    "the following arguments are required: %s": "följande argument krävs: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "unrecognized arguments: %s": "okända argument: %s",
    "expected one argument": "ett värde krävs",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "usage: ": "användning: ",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "positional arguments": "argument",
    "options": "flaggor",
}
argparse._ = lambda text: _SWEDISH.get(text, text)  # type: ignore[attr-defined]  # Swedish usage errors


class SwedishParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        error(f"Fel användning: {message}")
        raise SystemExit(EXIT_USAGE)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ogiltigt datum ”{text}”, skriv ÅÅÅÅ-MM-DD") from exc


def build_parser() -> SwedishParser:
    parser = SwedishParser(prog="bostadsinkasso", description="Bostadsinkasso – egeninkasso enligt svensk lag.")
    parser.add_argument("--db", help="databasfil eller SQLAlchemy-URL (annars BOSTADSINKASSO_DB eller standardfilen)")
    sub = parser.add_subparsers(dest="command", parser_class=SwedishParser, metavar="KOMMANDO")
    gui = sub.add_parser("gui", help="öppna huvudfönstret (standard)")
    gui.add_argument("--read-only", action="store_true", help="skrivskyddat läge")
    gui.add_argument("--masked", action="store_true", help="maskerat läge för visning (inga namn eller personnummer)")
    gui.add_argument("--as-of", type=iso_date, help="visa läget en viss dag")
    gui.add_argument("--screenshot", metavar="PNG", help="spara en bild av huvudfönstret och avsluta")
    commands_setup.add_parsers(sub, iso_date)
    commands_cases.add_parsers(sub, iso_date)
    commands_money.add_parsers(sub, iso_date)
    commands_documents.add_parsers(sub, iso_date)
    commands_server.add_parsers(sub, iso_date)
    commands_safety.add_parsers(sub, iso_date)
    return parser


Handler = Callable[[argparse.Namespace, "AppContext"], int]


def run(args: argparse.Namespace, environ: dict[str, str] | None = None) -> int:
    """Run a non-GUI command; returns the exit code. Refusals print their Swedish reasons."""
    from app.services.context import open_database, resolve_target

    environ = dict(os.environ) if environ is None else environ
    target = resolve_target(args.db, environ)
    try:
        handler = getattr(args, "handler", None)
        if handler is None:
            error("Fel användning: ange ett kommando, se ”bostadsinkasso --help”.")
            return EXIT_USAGE
        if getattr(args, "creates_database", False):
            return handler(args, target)
        ctx = open_database(target, read_only=getattr(args, "read_only_command", False))
        try:
            return handler(args, ctx)
        finally:
            ctx.close()
    except Refused as refused:
        for problem in refused.problems:
            error(problem.message)
        return EXIT_REFUSED
    except BrokenPipeError:  # the reader went away (e.g. `| head`): nothing more to say
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - never a traceback for the user
        log.exception("unexpected error in %s", getattr(args, "command", "?"))
        error(f"Ett oväntat fel inträffade ({type(exc).__name__}). Ingenting ändrades. Se loggfilen för detaljer.")
        return EXIT_REFUSED


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(args)
