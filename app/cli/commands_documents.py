"""Commands that produce documents: letter, letters --due."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import case_number
from app.cli.lazy import lazy
from app.cli.output import EXIT_OK, EXIT_USAGE, error
from app.domain.action import DocumentKind
from app.services.clock import today

if TYPE_CHECKING:
    from app.services.context import AppContext

letters = lazy("app.services.letters")
reports = lazy("app.services.reports")


def add_parsers(sub: argparse._SubParsersAction, iso_date) -> None:  # noqa: ANN001
    one = sub.add_parser("letter", help="skriv ett dokument för ett ärende")
    one.add_argument("case_id", type=case_number, metavar="CASE")
    one.add_argument("kind", choices=[k.value for k in DocumentKind], metavar="KIND")
    one.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    one.add_argument("--as-of", type=iso_date)
    one.set_defaults(handler=cmd_letter)

    many = sub.add_parser("letters", help="skriv alla dokument som dagens åtgärder kräver")
    many.add_argument("--due", action="store_true", required=True, help="dokumenten för förfallna åtgärder")
    many.add_argument("--out", type=Path, required=True, metavar="DIR")
    many.add_argument("--as-of", type=iso_date)
    many.set_defaults(handler=cmd_letters)

    report = sub.add_parser("report", help="styrelserapport eller ärendeakt som PDF")
    rsub = report.add_subparsers(dest="report_command", required=True, metavar="board|case")
    board = rsub.add_parser("board", help="ärenden per steg med belopp och nästa frist")
    board.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    board.add_argument("--masked", action="store_true", help="bara objektnummer och initialer (för visning)")
    board.add_argument("--as-of", type=iso_date)
    board.set_defaults(handler=cmd_report_board, read_only_command=True)
    case = rsub.add_parser("case", help="hela ärendeakten")
    case.add_argument("case_id", type=case_number, metavar="CASE")
    case.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    case.add_argument("--masked", action="store_true")
    case.add_argument("--as-of", type=iso_date)
    case.set_defaults(handler=cmd_report_case, read_only_command=True)


def cmd_letter(args: argparse.Namespace, ctx: AppContext) -> int:
    document = letters.produce(ctx, args.case_id, DocumentKind(args.kind), args.as_of or today())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(document.pdf)
    print(f"{document.kind.label} för ärende {args.case_id} (version {document.version}) sparat i {args.out}.")
    return EXIT_OK


def cmd_letters(args: argparse.Namespace, ctx: AppContext) -> int:
    if not args.due:
        error("Fel användning: ange --due.")
        return EXIT_USAGE
    result = letters.produce_due(ctx, args.as_of or today(), args.out)
    for line in result.skipped:
        error(f"Hoppade över: {line}")
    if result.merged_path is None:
        print("Inga dokument att skriva ut i dag.")
    else:
        print(f"{len(result.documents)} dokument i {args.out}; allt för utskrift i {result.merged_path}.")
    return EXIT_OK


def _write(path: Path, pdf: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)


def cmd_report_board(args: argparse.Namespace, ctx: AppContext) -> int:
    _write(args.out, reports.board_report(ctx, args.as_of or today(), masked=args.masked))
    print(f"Styrelserapporten sparad i {args.out}.")
    return EXIT_OK


def cmd_report_case(args: argparse.Namespace, ctx: AppContext) -> int:
    _write(args.out, reports.case_file(ctx, args.case_id, args.as_of or today(), masked=args.masked))
    print(f"Ärendeakten för ärende {args.case_id} sparad i {args.out}.")
    return EXIT_OK
