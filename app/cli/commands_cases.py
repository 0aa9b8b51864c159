"""Commands about cases: cases, case open/event/show, due."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli.arguments import case_number
from app.cli.lazy import lazy
from app.cli.output import EXIT_OK, print_json, table
from app.domain.event import Event, EventKind, PaymentPlanTerms, WithdrawalScope
from app.domain.money import kronor_text, parse_kronor
from app.domain.problem import Problem, Refused
from app.services.clock import today

if TYPE_CHECKING:
    from app.services.context import AppContext

case_view = lazy("app.services.case_view")
cases = lazy("app.services.cases")
scoring = lazy("app.services.scoring")


def add_parsers(sub: argparse._SubParsersAction, iso_date) -> None:  # noqa: ANN001
    lst = sub.add_parser("cases", help="alla ärenden, ett per rad")
    lst.add_argument("--as-of", type=iso_date)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_cases, read_only_command=True)

    due = sub.add_parser("due", help="åtgärder som ska göras")
    due.add_argument("--as-of", type=iso_date)
    due.add_argument("--days", type=int, default=0, help="ta med åtgärder som förfaller inom N dagar")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=cmd_due, read_only_command=True)

    case = sub.add_parser("case", help="ett ärende: öppna, registrera händelse, visa")
    csub = case.add_subparsers(dest="case_command", required=True, metavar="open|event|show|undo")
    opn = csub.add_parser("open", help="öppna ett ärende för ett objekts förfallna avier")
    opn.add_argument("--unit", required=True)
    opn.add_argument("--as-of", type=iso_date)
    opn.add_argument("--json", action="store_true")
    opn.set_defaults(handler=cmd_case_open)

    evt = csub.add_parser("event", help="registrera vad som hänt")
    evt.add_argument("case_id", type=case_number, metavar="CASE")
    evt.add_argument("kind", choices=[k.value for k in EventKind], metavar="KIND")
    evt.add_argument("--date", type=iso_date, required=True)
    evt.add_argument("--method")
    evt.add_argument("--note", default="")
    evt.add_argument("--grounded", action="store_true", help="bestridandet är grundat")
    evt.add_argument("--decision", choices=["yes", "no"])
    evt.add_argument("--minutes", help="protokollsreferens för styrelsebeslutet")
    evt.add_argument("--disputed", help="bestritt belopp i kronor (annars hela)")
    evt.add_argument("--scope", choices=[s.value for s in WithdrawalScope], help="återkallelse: avhysning eller allt")
    evt.add_argument("--instalment", help="amorteringsplan: belopp per månad i kronor")
    evt.add_argument("--count", type=int, help="amorteringsplan: antal delbetalningar")
    evt.add_argument("--first-due", type=iso_date, help="amorteringsplan: första förfallodag")
    evt.add_argument("--kfm-case", help="Kronofogdens målnummer")
    evt.add_argument("--as-of", type=iso_date)
    evt.set_defaults(handler=cmd_case_event)

    show = csub.add_parser("show", help="visa ärendet som programmet ser det en viss dag")
    show.add_argument("case_id", type=case_number, metavar="CASE")
    show.add_argument("--as-of", type=iso_date)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_case_show, read_only_command=True)

    scr = sub.add_parser("score", help="riskbedöm gäldenären (egen historik och Kronofogdens uppgifter)")
    scr.add_argument("case_id", type=case_number, metavar="CASE")
    scr.add_argument("--kfm-debt", help="skulder hos Kronofogden i kronor (enligt Kronofogden i dag)")
    scr.add_argument("--kfm-cases", type=int, help="antal mål hos Kronofogden")
    scr.add_argument("--debt-restructuring", action="store_true", help="pågående skuldsanering")
    scr.add_argument("--as-of", type=iso_date)
    scr.add_argument("--json", action="store_true")
    scr.set_defaults(handler=cmd_score)

    undo = csub.add_parser("undo", help="ångra ärendets senaste händelse (med en motbokning)")
    undo.add_argument("case_id", type=case_number, metavar="CASE")
    undo.set_defaults(handler=cmd_case_undo)


def cmd_cases(args: argparse.Namespace, ctx: AppContext) -> int:
    rows = cases.list_cases(ctx, args.as_of or today())
    if args.json:
        print_json([
            {"case_id": r.case_id, "unit": r.unit, "tenure": r.tenure.value, "debtor": r.debtor, "stage": r.stage.value,
             "side_states": [s.value for s in r.side_states], "total_ore": r.total_ore}
            for r in rows
        ])
    else:
        table([[str(r.case_id), r.unit, r.debtor, r.stage.label, kronor_text(r.total_ore)] for r in rows],
              ["Ärende", "Objekt", "Gäldenär", "Steg", "Skuld"])
    return EXIT_OK


def cmd_due(args: argparse.Namespace, ctx: AppContext) -> int:
    as_of = args.as_of or today()
    rows = cases.due_actions(ctx, as_of, args.days)
    if args.json:
        print_json([case_view.due_json(r.case_id, r.action, as_of) for r in rows])
    else:
        table([[str(r.case_id), r.unit, r.action.action.label, r.action.due_date.isoformat(), str(r.overdue_days)] for r in rows],
              ["Ärende", "Objekt", "Åtgärd", "Senast", "Dagar sen"])
    return EXIT_OK


def cmd_case_open(args: argparse.Namespace, ctx: AppContext) -> int:
    case_id = cases.open_case(ctx, args.unit, args.as_of or today())
    if args.json:
        print_json({"case_id": case_id})
    else:
        print(case_id)
    return EXIT_OK


def _amount(text: str | None, field: str) -> int | None:
    if text is None:
        return None
    value = parse_kronor(text, field)
    if isinstance(value, Problem):
        raise Refused(value)
    return value


def event_from_args(args: argparse.Namespace) -> Event:
    kind = EventKind(args.kind)
    plan = None
    if kind is EventKind.PAYMENT_PLAN:
        instalment = _amount(args.instalment, "--instalment")
        if instalment is None or not args.count or args.first_due is None:
            raise Refused("En amorteringsplan kräver --instalment, --count och --first-due.")
        plan = PaymentPlanTerms(first_due=args.first_due, instalment_ore=instalment, count=args.count)
    return Event(
        kind=kind,
        on=args.date,
        method=args.method,
        note=args.note,
        grounded=True if args.grounded else (False if kind is EventKind.OBJECTION else None),
        decision={"yes": True, "no": False}.get(args.decision) if args.decision else None,
        disputed_ore=_amount(args.disputed, "--disputed"),
        scope=WithdrawalScope(args.scope) if args.scope else (WithdrawalScope.ALL if kind is EventKind.WITHDRAWN else None),
        plan=plan,
        minutes_ref=args.minutes,
        extra=(("kfm_case_number", args.kfm_case),) if args.kfm_case else (),
    )


def cmd_case_event(args: argparse.Namespace, ctx: AppContext) -> int:
    event = event_from_args(args)
    cases.record_event(ctx, args.case_id, event, args.as_of or today())
    print(f"Ärende {args.case_id}: {event.kind.label} {event.on.isoformat()} registrerad.")
    return EXIT_OK


def cmd_case_show(args: argparse.Namespace, ctx: AppContext) -> int:
    view = case_view.show_case(ctx, args.case_id, args.as_of or today())
    document = case_view.case_json(view)
    if args.json:
        print_json(document)
        return EXIT_OK
    a = view.assessment
    print(f"Ärende {view.case_id} – objekt {view.unit.number} ({view.unit.tenure.label}), OCR {view.ocr}")
    print(f"Steg: {a.stage.label}" + (f" [{', '.join(s.label for s in a.side_states)}]" if a.side_states else ""))
    s = a.settlement
    print(f"Skuld: kapital {kronor_text(s.capital_ore)}, ränta {kronor_text(s.interest_ore)}, avgifter {kronor_text(s.fees_ore)}, totalt {kronor_text(s.total_ore)}")
    for action in a.due_actions:
        print(f"  {action.due_date.isoformat()}  {action.action.label}: {action.reason}")
    return EXIT_OK


def cmd_case_undo(args: argparse.Namespace, ctx: AppContext) -> int:
    cases.undo_last_event(ctx, args.case_id)
    print(f"Ärende {args.case_id}: senaste händelsen ångrad.")
    return EXIT_OK


def cmd_score(args: argparse.Namespace, ctx: AppContext) -> int:
    as_of = args.as_of or today()
    kfm = None
    if args.kfm_debt is not None or args.kfm_cases is not None or args.debt_restructuring:
        kfm = scoring.KronofogdenCheck(checked_on=as_of, debt_ore=_amount(args.kfm_debt, "--kfm-debt") or 0,
                                       cases=args.kfm_cases or 0, debt_restructuring=args.debt_restructuring)
    result = scoring.score_case(ctx, args.case_id, as_of, kfm)
    if args.json:
        print_json(result.to_json())
        return EXIT_OK
    print(f"Ärende {args.case_id}: {result.score} poäng – risk {result.band.label.lower()}")
    for factor in result.factors:
        print(f"  {factor.text}")
    for flag in result.flags:
        print(f"  ! {flag.text}")
    print(f"Rekommendation: {result.recommendation}")
    return EXIT_OK
