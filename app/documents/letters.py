"""Letters to the debtor and the household: reminder, demand, information, payment plan, objection reply,
limitation reminder and the notice to a cohabitant. None of them shows a personnummer.
"""
from __future__ import annotations

from datetime import timedelta

from app.documents import formatting as fmt
from app.documents.addressing import debtor_block, person_block
from app.documents.context import LetterContext
from app.documents.description import Para, PaymentSlip, SignatureParty, Signatures, Table
from app.documents.spec import Parts, Spec
from app.documents.template import escape
from app.documents.values import PRONOUNS, need
from app.domain.action import DocumentKind


def _demand_refuse(ctx: LetterContext) -> str | None:
    sent = ctx.dates.demand_sent or ctx.dates.letter_date
    deadline = ctx.dates.payment_deadline
    if deadline is not None and deadline < sent + timedelta(days=max(8, ctx.demand_days)):
        # IkL 5 §, IMY: at least 8 days from sending
        return (
            f"sista betalningsdag {fmt.date_iso(deadline)} ligger mindre än 8 dagar efter att kravet skickas "
            f"({fmt.date_iso(sent)}); inkassolagen 5 § kräver skälig tid, minst 8 dagar."
        )
    if ctx.settlement.total_ore <= 0:
        return "det finns ingen obetald skuld att kräva."
    return None


def _demand(parts: Parts) -> None:
    ctx = parts.ctx
    parts.values.date("demand_date", ctx.dates.demand_sent or ctx.dates.letter_date, "dates.demand_sent")


def _debtor_info(parts: Parts) -> None:
    ctx = parts.ctx
    parts.flags["recovery_amount"] = ctx.recovery_amount_ore is not None
    parts.block(
        "payment_now",
        lambda: (
            PaymentSlip(
                amount=fmt.amount(ctx.settlement.total_ore),
                deadline="så snart som möjligt",
                bankgiro=fmt.bankgiro(ctx.creditor.bankgiro),
                ocr=ctx.ocr,
                payee=ctx.creditor.name,
                heading=f"Så här betalar {parts.values['du']}",
            ),
        ),
    )


def _plan(parts: Parts) -> None:
    ctx = parts.ctx
    plan = need(ctx.payment_plan, "payment_plan", parts.document)
    rows = []
    left = plan.debt_ore
    for instalment in plan.schedule:
        left -= instalment.amount_ore
        rows.append(
            (str(instalment.number), fmt.date_iso(instalment.due_date), fmt.amount(instalment.amount_ore), fmt.amount(max(0, left)))
        )
    total = sum(i.amount_ore for i in plan.schedule)
    table = Table(
        header=("Nr", "Betalas senast", "Belopp", "Kvar efter betalningen"),
        rows=tuple(rows),
        widths=(0.1, 0.3, 0.3, 0.3),
        align="LLRR",
        footer=(("Summa", "", fmt.amount(total), ""),),
    )
    v = parts.values
    v.set("plan_debt", fmt.amount(plan.debt_ore))
    v.set("plan_fee", fmt.amount(plan.fee_ore))
    v.set("plan_count", str(len(plan.schedule)))
    v.set("plan_instalment", fmt.amount(plan.terms.instalment_ore))
    v.date("plan_first_due", plan.schedule[0].due_date if plan.schedule else None, "payment_plan.schedule")
    v.date("plan_last_due", plan.schedule[-1].due_date if plan.schedule else None, "payment_plan.schedule")
    parts.flags["plan_fee"] = plan.fee_ore > 0
    parts.flags["plan_interest_runs"] = plan.interest_runs
    parts.flags["plan_covers_debt"] = total >= plan.debt_ore
    parts.block("schedule", lambda: (table,))
    parties = [SignatureParty(f"För {ctx.creditor.name}", ctx.creditor.signatory or ctx.creditor.contact_person,
                              ctx.creditor.signatory_title)]
    parties += [SignatureParty("Gäldenär", p.name) for p in ctx.debtors]
    parts.block("plan_signatures", lambda: (Signatures(tuple(parties), place_and_date=True),))


def _plan_refuse(ctx: LetterContext) -> str | None:
    plan = ctx.payment_plan
    if plan is None:
        return "uppgifter om amorteringsplanen saknas (payment_plan)."
    if not plan.schedule:
        return "amorteringsplanen har inga delbetalningar."
    if plan.fee_ore and sum(i.amount_ore for i in plan.schedule) < plan.debt_ore:
        # lag 1981:739 4 §: the plan fee needs a plan that covers the whole debt
        return "en avgift för amorteringsplan får bara tas ut om planen omfattar hela skulden."
    if plan.debt_ore != ctx.settlement.total_ore - ctx.settlement.credit_ore:
        return (
            f"planens skuld ({fmt.amount(plan.debt_ore)}) stämmer inte med skulden på brevdagen "
            f"({fmt.amount(ctx.settlement.total_ore - ctx.settlement.credit_ore)})."
        )
    return None


def _objection(parts: Parts) -> None:
    ctx = parts.ctx
    o = need(ctx.objection, "objection", parts.document)
    v = parts.values
    v.date("objection_received", o.received_on, "objection.received_on")
    statement = o.statement.strip()
    if statement and statement[-1] not in ".!?":
        statement += "."  # the template closes the quote and starts a new sentence
    v.set("objection_statement", statement, "objection.statement")
    v.set("credited", fmt.amount(o.credited_ore))
    v.set("disputed", fmt.amount(o.disputed_ore) if o.disputed_ore is not None else "hela kravet")
    parts.flags["grounded"] = o.grounded
    parts.flags["credited"] = o.credited_ore > 0
    parts.flags["still_owing"] = ctx.settlement.total_ore > 0
    reply = need(o.reply.strip(), "objection.reply", parts.document)
    parts.block("reply", lambda: tuple(Para(escape(p.strip())) for p in reply.split("\n\n") if p.strip()))


def _cohabitants_here(ctx: LetterContext) -> tuple:
    first = ctx.cohabitants[0].address
    return tuple(p for p in ctx.cohabitants if p.address == first)


def _cohabitant_block(ctx: LetterContext) -> tuple[str, ...]:
    return person_block(_cohabitants_here(ctx))


def _cohabitant(parts: Parts) -> None:
    # the letter speaks to the people living there, not to the debtor: du/ni follows them
    several = len(_cohabitants_here(parts.ctx)) > 1
    for word, (one, many) in PRONOUNS.items():
        parts.values.set(word, many if several else one)


def _cohabitant_refuse(ctx: LetterContext) -> str | None:
    return None if ctx.cohabitants else "ingen sambo eller annan boende är registrerad i ärendet."


def _limitation(parts: Parts) -> None:
    parts.flags["lease_moved_out"] = parts.ctx.unit.tenure.is_lease and parts.ctx.dates.moved_out is not None


def _debt_refuse(ctx: LetterContext) -> str | None:
    return None if ctx.settlement.total_ore > 0 else "det finns ingen obetald skuld att påminna om."


LETTER_SPECS: dict[DocumentKind, Spec] = {
    DocumentKind.REMINDER: Spec(debtor_block, ocr=True, refuse=_debt_refuse),
    DocumentKind.DEMAND: Spec(debtor_block, ocr=True, prepare=_demand, refuse=_demand_refuse),
    DocumentKind.DEBTOR_INFO: Spec(debtor_block, ocr=True, prepare=_debtor_info),
    DocumentKind.PAYMENT_PLAN: Spec(
        debtor_block, ocr=True, prepare=_plan, refuse=_plan_refuse,
        attachments=lambda ctx: (),
    ),
    DocumentKind.OBJECTION_REPLY: Spec(
        debtor_block, ocr=True, prepare=_objection,
        refuse=lambda ctx: None if ctx.objection else "uppgifter om bestridandet saknas (objection).",
    ),
    DocumentKind.LIMITATION_REMINDER: Spec(
        debtor_block, ocr=True, prepare=_limitation, refuse=_debt_refuse
    ),
    DocumentKind.COHABITANT: Spec(_cohabitant_block, prepare=_cohabitant, refuse=_cohabitant_refuse),
}
