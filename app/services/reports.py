"""Reports: the board report (cases by stage, amounts, next deadlines; masked for projection) and
the complete case file (timeline, balance specification, documents)."""
from __future__ import annotations

from datetime import date

from app.documents import BoardRow, DocumentRow, PaymentRow, TimelineRow, compose_board_report, compose_case_file, render
from app.domain.action import DocumentKind
from app.domain.allocation import Component
from app.domain.event import EventKind, method_label
from app.domain.money import kronor_text
from app.services import case_view, cases
from app.services.context import AppContext
from app.services.letter_context import LetterInputs, _creditor, build_context


def board_report(ctx: AppContext, as_of: date, masked: bool = False, include_closed: bool = False) -> bytes:
    rows = []
    with ctx.reading() as session:
        assessed = cases.assess_cases(session, as_of)
        names = cases.debtor_names(session, None)
        units = cases.unit_numbers(session)
        creditor = _creditor(session)
    for case_id, (facts, result) in assessed.items():
        if result.stage.value == "avslutad" and not include_closed:
            continue
        s = result.settlement
        action = result.due_actions[0] if result.due_actions else None
        rows.append(BoardRow(
            case_id=case_id, unit_number=units[case_id], debtor_names=tuple(names.get(case_id, ())), tenure=facts.tenure,
            stage=result.stage, capital_ore=s.capital_ore, interest_ore=s.interest_ore, fees_ore=s.fees_ore,
            side_states=tuple(sorted(result.side_states, key=lambda x: x.value)),
            next_action=action.action.label if action else "", next_deadline=action.due_date if action else None,
        ))
    return render(compose_board_report(rows, masked, as_of, creditor))


def _allocation_text(view: case_view.CaseView, payment_id: int) -> str:
    parts = {Component.CAPITAL: 0, Component.INTEREST: 0, Component.FEE: 0, Component.CREDIT: 0}
    for allocation in view.settlement.allocations:
        if allocation.payment_id == payment_id:
            parts[allocation.component] += allocation.amount_ore
    names = {Component.CAPITAL: "kapital", Component.INTEREST: "ränta", Component.FEE: "avgifter", Component.CREDIT: "överskott"}
    return ", ".join(f"{names[c]} {kronor_text(v)}" for c, v in parts.items() if v)


def case_file(ctx: AppContext, case_id: int, as_of: date, masked: bool = False) -> bytes:
    view = case_view.show_case(ctx, case_id, as_of)
    with ctx.reading() as session:
        context = build_context(session, case_id, None, as_of, LetterInputs())
    timeline = [TimelineRow(e.on, EventKind(e.kind).label + (" (ångrad)" if e.undone else ""), method_label(e.method), e.note)
                for e in view.events if e.reverses is None]
    payments = [PaymentRow(p.order_date, p.booking_date, p.amount_ore, p.reference, "ångrad" if p.undone else _allocation_text(view, p.payment_id))
                for p in view.payments if p.amount_ore > 0]
    documents = [DocumentRow(d.created_at.date(), DocumentKind(d.kind).label, d.version, d.sha256, d.sent_on, method_label(d.sent_method))
                 for d in view.documents]
    return render(compose_case_file(context, view.stage, timeline, payments, documents, masked=masked))
