"""Commands about a shared database server: copy-to (move an association from its file to PostgreSQL)."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli.lazy import lazy
from app.cli.output import EXIT_OK, print_json

if TYPE_CHECKING:
    from app.services.context import AppContext

server_move = lazy("app.services.server_move")


def add_parsers(sub: argparse._SubParsersAction, iso_date) -> None:  # noqa: ANN001, ARG001 - same signature as the others
    copy = sub.add_parser("copy-to", help="kopiera föreningens databas till en tom PostgreSQL-databas")
    copy.add_argument("target", metavar="URL", help="postgresql+psycopg://användare@server/databas (lösenord i ~/.pgpass)")
    copy.add_argument("--json", action="store_true")
    copy.set_defaults(handler=cmd_copy_to)


def cmd_copy_to(args: argparse.Namespace, ctx: AppContext) -> int:
    summary = server_move.copy_to_server(ctx, args.target)
    if args.json:
        print_json(summary.as_json())
    else:
        print(summary.text())
    return EXIT_OK
