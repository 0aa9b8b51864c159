"""Commands about money: pay, import-bgmax, import-claims."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import case_number
from app.cli.lazy import lazy
from app.cli.output import EXIT_OK, print_json
from app.domain.money import kronor_text, parse_kronor
from app.domain.problem import Problem, Refused
from app.services.clock import today

if TYPE_CHECKING:
    from app.services.context import AppContext

bgmax_import = lazy("app.services.bgmax_import")
claims_import = lazy("app.services.claims_import")
payments = lazy("app.services.payments")


def add_parsers(sub: argparse._SubParsersAction, iso_date) -> None:  # noqa: ANN001
    pay = sub.add_parser("pay", help="registrera en inbetalning för hand")
    pay.add_argument("case_id", type=case_number, metavar="CASE")
    pay.add_argument("amount", metavar="AMOUNT", help="belopp i kronor, t.ex. 1234,50")
    pay.add_argument("--date", type=iso_date, required=True, help="dagen betalningsuppdraget gavs")
    pay.add_argument("--booking-date", type=iso_date, help="bokföringsdag (annars samma dag)")
    pay.add_argument("--reference", default="")
    pay.add_argument("--as-of", type=iso_date)
    pay.set_defaults(handler=cmd_pay)

    bg = sub.add_parser("import-bgmax", help="läs in en BgMax-fil från Bankgirot")
    bg.add_argument("file", type=Path, metavar="FILE")
    bg.add_argument("--dry-run", action="store_true", help="visa vad som skulle läsas in, ändra ingenting")
    bg.add_argument("--json", action="store_true")
    bg.set_defaults(handler=cmd_import_bgmax)

    cl = sub.add_parser("import-claims", help="läs in obetalda avier från CSV")
    cl.add_argument("file", type=Path, metavar="FILE.csv")
    cl.add_argument("--dry-run", action="store_true")
    cl.add_argument("--json", action="store_true")
    cl.set_defaults(handler=cmd_import_claims)


def cmd_pay(args: argparse.Namespace, ctx: AppContext) -> int:
    amount = parse_kronor(args.amount, "AMOUNT")
    if isinstance(amount, Problem):
        raise Refused(amount)
    payments.register_payment(ctx, args.case_id, amount, args.date, args.as_of or today(), args.booking_date, args.reference)
    print(f"Ärende {args.case_id}: inbetalning {kronor_text(amount)} den {args.date.isoformat()} registrerad.")
    return EXIT_OK


def cmd_import_bgmax(args: argparse.Namespace, ctx: AppContext) -> int:
    summary = bgmax_import.import_bgmax_file(ctx, args.file, dry_run=args.dry_run)
    if args.json:
        print_json(summary.as_json())
    else:
        verb = "skulle läsas in" if args.dry_run else "lästes in"
        print(f"{summary.payments} betalningar {verb}: {summary.matched} matchade, {summary.unmatched} omatchade, "
              f"totalt {kronor_text(summary.total_ore)}.")
    return EXIT_OK


def cmd_import_claims(args: argparse.Namespace, ctx: AppContext) -> int:
    summary = claims_import.import_claims_file(ctx, args.file, dry_run=args.dry_run)
    if args.json:
        print_json(summary.as_json())
    else:
        verb = "skulle läsas in" if args.dry_run else "lästes in"
        print(f"{summary.rows} avier {verb} (nya personer {summary.persons_created}, nya objekt {summary.units_created}), "
              f"totalt {kronor_text(summary.total_ore)}.")
    return EXIT_OK
