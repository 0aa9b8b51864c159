"""Commands for data safety and privacy: backup, restore, audit verify, gdpr extract, gdpr purge."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.lazy import lazy
from app.cli.output import EXIT_OK, EXIT_REFUSED, error, print_json
from app.domain.problem import Refused
from app.services.clock import today

if TYPE_CHECKING:
    from app.services.context import AppContext

db = lazy("app.persistence.db")
audit = lazy("app.services.audit")
backups = lazy("app.services.backups")
gdpr = lazy("app.services.gdpr")
restore = lazy("app.services.restore")
retention = lazy("app.services.retention")


def add_parsers(sub: argparse._SubParsersAction, iso_date) -> None:  # noqa: ANN001
    backup = sub.add_parser("backup", help="gör en säkerhetskopia av databasen nu")
    backup.add_argument("--out", type=Path, metavar="FILE", help="fil (eller mapp) att skriva till; annars säkerhetskopiemappen")
    backup.set_defaults(handler=cmd_backup, creates_database=True)  # works on the file itself: no migration first

    rest = sub.add_parser("restore", help="återställ databasen från en säkerhetskopia (den gamla sparas)")
    rest.add_argument("file", type=Path, metavar="FILE")
    rest.set_defaults(handler=cmd_restore, creates_database=True)

    audit_parser = sub.add_parser("audit", help="kontrollera den manipuleringssäkra loggen")
    audit_sub = audit_parser.add_subparsers(dest="audit_command", required=True, metavar="verify")
    verify = audit_sub.add_parser("verify", help="räkna om loggens kedja av kontrollsummor")
    verify.add_argument("--json", action="store_true")
    verify.add_argument("--against", type=Path, metavar="BACKUP",
                        help="jämför också med loggen i en säkerhetskopia (den ska vara början av dagens logg)")
    verify.set_defaults(handler=cmd_audit_verify, read_only_command=True)

    gdpr_parser = sub.add_parser("gdpr", help="registerutdrag och gallring enligt dataskyddsförordningen")
    gdpr_sub = gdpr_parser.add_subparsers(dest="gdpr_command", required=True, metavar="extract|purge")
    extract = gdpr_sub.add_parser("extract", help="registerutdrag för en person (JSON och PDF)")
    extract.add_argument("personnummer", metavar="PERSONNUMMER")
    extract.add_argument("--out", type=Path, required=True, metavar="FILE", help="FIL.json eller FIL.pdf – båda skrivs")
    extract.add_argument("--as-of", type=iso_date)
    extract.set_defaults(handler=cmd_gdpr_extract, read_only_command=True)
    purge = gdpr_sub.add_parser("purge", help="anonymisera det som passerat sin lagringstid")
    purge.add_argument("--as-of", type=iso_date)
    purge.add_argument("--dry-run", action="store_true", help="visa bara vad som skulle gallras")
    purge.add_argument("--json", action="store_true")
    purge.set_defaults(handler=cmd_gdpr_purge)


def _existing(target: str) -> None:
    backups.require_sqlite(target)
    if not db.database_exists(target):
        raise Refused(f"Ingen databas finns på {target}.")


def cmd_backup(args: argparse.Namespace, target: str) -> int:
    _existing(target)
    out = args.out
    path = backups.backup_file(target, backups.MANUAL, out)
    print(f"Säkerhetskopian sparades: {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, target: str) -> int:
    backups.require_sqlite(target)
    result = restore.restore(target, args.file)
    print(f"Databasen återställdes från {result.source} ({result.entries} loggposter, kedjan oförändrad).")
    if result.previous_copy is not None:
        print(f"Databasen som ersattes finns kvar i {result.previous_copy}")
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace, ctx: AppContext) -> int:
    report = audit.verify(ctx)
    differs = audit.compare_with_backup(ctx, args.against) if args.against else ()
    if args.json:
        print_json({**report.as_json(), "backup_problems": list(differs)})
    elif report.intact and not differs:
        print(report.summary() + (f" Stämmer med säkerhetskopian {args.against.name}." if args.against else ""))
    if not report.intact:
        error(report.summary())
    if differs:
        more = f" ({len(differs)} avvikelser totalt)" if len(differs) > 1 else ""
        error(f"Loggen stämmer inte med säkerhetskopian. Första avvikelsen: {differs[0]}{more}")
    return EXIT_OK if report.intact and not differs else EXIT_REFUSED


def cmd_gdpr_extract(args: argparse.Namespace, ctx: AppContext) -> int:
    json_path, pdf_path = gdpr.write_extract(ctx, args.personnummer, args.out, args.as_of or today())
    print(f"Registerutdraget sparades: {json_path} och {pdf_path}")
    return EXIT_OK


def cmd_gdpr_purge(args: argparse.Namespace, ctx: AppContext) -> int:
    as_of = args.as_of or today()
    plan = retention.plan_purge(ctx, as_of) if args.dry_run else retention.purge(ctx, as_of, confirmed=None)
    if args.json:
        print_json(plan.as_json())
    else:
        sys.stdout.write(plan.text() + "\n")
    return EXIT_OK
