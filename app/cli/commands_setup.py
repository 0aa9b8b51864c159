"""Commands that create or configure a database: init, demo, settings."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli.lazy import lazy
from app.cli.output import EXIT_OK, print_json, table
from app.services.clock import today

if TYPE_CHECKING:
    from app.services.context import AppContext

association = lazy("app.services.association")
demo = lazy("app.services.demo")
settings_service = lazy("app.services.settings")


def add_parsers(sub: argparse._SubParsersAction, iso_date) -> None:  # noqa: ANN001
    init = sub.add_parser("init", help="skapa en databas för en förening")
    init.add_argument("--name", required=True, help="föreningens namn")
    init.add_argument("--orgnr", required=True, help="organisationsnummer")
    init.add_argument("--bankgiro", required=True, help="bankgironummer")
    for flag, text in (("--address", "gatuadress"), ("--postcode", "postnummer"), ("--city", "ort"), ("--email", "e-post"),
                       ("--phone", "telefon"), ("--contact", "kontaktperson"), ("--municipality", "kommun")):
        init.add_argument(flag, default="", help=text)
    init.add_argument("--reminder-fee-agreed", action="store_true", help="påminnelseavgift är avtalad")
    init.set_defaults(handler=cmd_init, creates_database=True)

    dem = sub.add_parser("demo", help="skapa en demoförening med ärenden i alla steg")
    dem.add_argument("--as-of", type=iso_date, help="dagens datum i demon (standard: i dag)")
    dem.add_argument("--cases", type=int, default=None, help="antal ärenden (standard: ett trettiotal)")
    dem.set_defaults(handler=cmd_demo, creates_database=True)

    settings = sub.add_parser("settings", help="visa och ändra inställningar")
    ssub = settings.add_subparsers(dest="settings_command", required=True, metavar="set|show")
    sset = ssub.add_parser("set", help="ändra en inställning")
    sset.add_argument("key")
    sset.add_argument("value")
    sset.set_defaults(handler=cmd_settings_set)
    sshow = ssub.add_parser("show", help="visa inställningarna")
    sshow.add_argument("--json", action="store_true")
    sshow.set_defaults(handler=cmd_settings_show, read_only_command=True)


def cmd_init(args: argparse.Namespace, target: str) -> int:
    info = association.AssociationInfo(
        name=args.name, orgnr=args.orgnr, bankgiro=args.bankgiro, address=args.address, postcode=args.postcode,
        city=args.city, email=args.email, phone=args.phone, contact_name=args.contact, municipality=args.municipality,
        reminder_fee_agreed=args.reminder_fee_agreed,
    )
    ctx = association.create(target, info)
    ctx.close()
    print(f"Databasen för {info.name} skapades: {ctx.location}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, target: str) -> int:
    as_of = args.as_of or today()
    ctx = demo.create_demo(target, as_of, cases=args.cases)
    count = demo.case_count(ctx)
    ctx.close()
    print(f"Demoföreningen skapades med {count} ärenden per {as_of.isoformat()}: {ctx.location}")
    return EXIT_OK


def cmd_settings_set(args: argparse.Namespace, ctx: AppContext) -> int:
    settings_service.set_value(ctx, args.key, args.value, today())
    print(f"{args.key} = {args.value}")
    return EXIT_OK


def cmd_settings_show(args: argparse.Namespace, ctx: AppContext) -> int:
    rows = settings_service.show(ctx, today())
    if args.json:
        print_json({row.key: row.value for row in rows})
    else:
        table([[r.key, r.value, r.label] for r in rows], ["Nyckel", "Värde", "Beskrivning"])
    return EXIT_OK
