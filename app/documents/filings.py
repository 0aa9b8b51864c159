"""Documents for Kronofogden: the application for betalningsföreläggande and vanlig handräckning
(lag 1990:746), the request for enforcement, the withdrawal and the request for forced sale (BRL 8 kap.).
Laid out as forms that can be signed and posted, or typed into Kronofogden's e-service field by field.
"""
from __future__ import annotations

from app.documents import formatting as fmt
from app.documents.addressing import organisation_block
from app.documents.context import FeeLine, LetterContext
from app.documents.description import Fields, Signatures, Table
from app.documents.forms import (
    claim_form_table,
    creditor_fields,
    person_fields,
    signed_by_creditor,
    unit_fields,
    yes_no,
)
from app.documents.notices import NOTICE_SPECS
from app.documents.spec import Parts, Spec
from app.documents.values import TENURE_WORDS, claims_ground, need
from app.domain.action import DocumentKind
from app.domain.event import WithdrawalScope
from app.domain.facts import FeeKind
from app.domain.tenure import Tenure

_KFM_KINDS = (FeeKind.KFM_APPLICATION, FeeKind.OWN_WORK_PAYMENT_ORDER, FeeKind.OWN_WORK_EVICTION)


def application_costs(ctx: LetterContext) -> tuple[FeeLine, ...]:
    """Costs claimed in the application: fees already charged, plus Kronofogden's application fee
    and own work (lag 1990:746 48 §) – taken from `ctx.fees` when recorded, else from `ctx.kfm`."""
    filed = ctx.dates.filed or ctx.dates.letter_date
    costs = [f for f in ctx.open_fees if f.kind not in _KFM_KINDS]
    recorded = {f.kind: f for f in ctx.open_fees if f.kind in _KFM_KINDS}
    wanted = {FeeKind.KFM_APPLICATION: ctx.kfm.application_fee_ore}
    if ctx.kfm.claim_own_work:
        wanted[FeeKind.OWN_WORK_PAYMENT_ORDER] = ctx.kfm.own_work_payment_order_ore
        if _eviction(ctx):
            wanted[FeeKind.OWN_WORK_EVICTION] = ctx.kfm.own_work_eviction_ore
    for kind, amount in wanted.items():
        costs.append(recorded.get(kind) or FeeLine(kind, amount, filed))
    costs += [f for k, f in recorded.items() if k not in wanted]
    return tuple(costs)


def _eviction(ctx: LetterContext) -> bool:
    return ctx.kfm.eviction and ctx.tenure.has_eviction_track


def _signature(ctx: LetterContext) -> Signatures:
    return signed_by_creditor(ctx, "Behörig företrädare för sökanden")


def _cost_table(ctx: LetterContext) -> Table:
    costs = application_costs(ctx)
    total_costs = sum(f.amount_ore for f in costs)
    s = ctx.settlement
    return Table(
        header=("Kostnad", "Belopp"),
        rows=tuple((f.kind.label, fmt.amount(f.amount_ore)) for f in costs),
        widths=(0.75, 0.25),
        align="LR",
        footer=(
            ("Summa kostnader", fmt.amount(total_costs)),
            ("Summa kapital, upplupen ränta och kostnader", fmt.amount(s.capital_ore + s.interest_ore + total_costs)),
        ),
    )


def _eviction_fields(ctx: LetterContext, document: str) -> Fields:
    """The eviction part (vanlig handräckning): where from, on what ground, termination and notices."""
    d = ctx.dates
    words = TENURE_WORDS[ctx.tenure]
    termination = need(d.termination_date, "dates.termination", document)
    served = f"delgavs {fmt.date_iso(d.served)}" if d.served else "har ännu inte delgetts; sökanden begär att Kronofogden delger den"
    right = words["right"][:1].upper() + words["right"][1:]
    ground = (
        f"{right} är förverkad enligt {words['forfeiture_rule']} på grund av {claims_ground(ctx)} – "
        f"betalningen är försenad {words['late_limit']} efter förfallodagen."
    )
    rows = (
        ("Avhysning från", f"{ctx.unit.address.one_line()} ({words['unit_indef']} nr {ctx.unit.number})"),
        ("Grund", ground),
        ("Uppsägning", f"daterad {fmt.date_iso(termination)}; {served}"),
        ("Underrättelse om återvinning", f"lämnad i uppsägningen ({words['form_rule']}, {words['recovery_rule']})"),
    )
    if ctx.tenure.needs_social_notice:
        board = ctx.social_services.name if ctx.social_services else "socialnämnden"
        notified = fmt.date_iso(d.social_notice) if d.social_notice else "lämnas samtidigt med ansökan"
        rows += (("Underrättelse till socialnämnden", f"{board}: {notified}"),)
    return Fields(rows, "Vanlig handräckning – avhysning")


def _other_fields(ctx: LetterContext, document: str) -> Fields:
    d = ctx.dates
    demand = need(d.demand_sent, "dates.demand_sent", document)
    deadline = f", sista betalningsdag {fmt.date_iso(d.payment_deadline)}" if d.payment_deadline else ""
    rows = (
        ("Verkställighet begärs om utslag meddelas", yes_no(ctx.kfm.enforcement_wanted)),
        ("Målet överlämnas till tingsrätten om svaranden bestrider", yes_no(ctx.kfm.transfer_to_court)),
        ("Inkassokrav enligt inkassolagen 5 §", f"skickat {fmt.date_iso(demand)}{deadline}"),
    )
    return Fields(rows, "Övrigt")


def _application(parts: Parts) -> None:
    ctx = parts.ctx
    eviction = _eviction(ctx)
    parts.flags["eviction"] = eviction
    parts.block("applicant", lambda: (creditor_fields(ctx),))
    parts.block("respondent", lambda: (person_fields(ctx.debtors, "Svarande", identify=True),))
    parts.block("claim", lambda: (claim_form_table(ctx),))
    parts.block("costs", lambda: (_cost_table(ctx),))
    parts.block("eviction", lambda: (_eviction_fields(ctx, parts.document),) if eviction else ())
    parts.block("other", lambda: (_other_fields(ctx, parts.document),))
    parts.block("form_signature", lambda: (_signature(ctx),))


def _application_refuse(ctx: LetterContext) -> str | None:
    if ctx.settlement.capital_ore <= 0:
        return "det finns inget obetalt kapital att ansöka om."
    deadline = ctx.dates.payment_deadline
    if deadline is not None and ctx.dates.letter_date <= deadline:
        # IkL 6 §: no legal step before the demand's deadline has passed
        return (
            f"betalningsfristen i inkassokravet går ut {fmt.date_iso(deadline)}; enligt inkassolagen 6 § får "
            "ansökan göras först efter det."
        )
    return None


def _application_attachments(ctx: LetterContext) -> tuple[str, ...]:
    d = ctx.dates
    out = []
    if d.demand_sent:
        out.append(f"Kopia av inkassokravet daterat {fmt.date_iso(d.demand_sent)}")
    out.append("Specifikation av obetalda avier och ränteberäkning")
    if _eviction(ctx):
        when = d.termination_date
        out.append(f"Uppsägning med underrättelse om återvinning{f' daterad {fmt.date_iso(when)}' if when else ''}")
        if d.served:
            out.append(f"Bevis om delgivning av uppsägningen ({fmt.date_iso(d.served)})")
        if ctx.tenure.needs_social_notice:
            when = d.social_notice
            out.append(f"Kopia av underrättelsen till socialnämnden{f' daterad {fmt.date_iso(when)}' if when else ''}")
        out.append(f"Kopia av {TENURE_WORDS[ctx.tenure]['agreement']}")
    return tuple(out)


def _case_fields(ctx: LetterContext, document: str) -> Fields:
    rows = (("Målnummer", need(ctx.kfm.case_number, "kfm.case_number", document)),)
    if ctx.dates.decision:
        rows += (("Utslag meddelat", fmt.date_iso(ctx.dates.decision)),)
    return Fields(rows, "Målet")


def _enforcement(parts: Parts) -> None:
    ctx = parts.ctx
    board = ctx.board
    words = TENURE_WORDS[ctx.tenure]
    rows = [
        ("Avhysning från", f"{ctx.unit.address.one_line()} ({words['unit_indef']} nr {ctx.unit.number})"),
        ("Betalningsskyldighet", f"kapital {fmt.amount(ctx.settlement.capital_ore)} med ränta och kostnader enligt utslaget"),
    ]
    if board and board.minutes_ref:
        rows.append(("Styrelsebeslut", board.minutes_ref))
    if ctx.household:
        rows.append(("Hushållet", fmt.household(ctx.household.adults, ctx.household.children)))
    if ctx.cohabitants:
        rows.append(("Övriga boende", fmt.joined([p.name for p in ctx.cohabitants])))
    parts.block("applicant", lambda: (creditor_fields(ctx),))
    parts.block("respondent", lambda: (person_fields(ctx.debtors, "Svarande", identify=True),))
    parts.block("case", lambda: (_case_fields(ctx, parts.document),))
    parts.block("request", lambda: (Fields(tuple(rows), "Verkställighet begärs av"),))
    parts.block("form_signature", lambda: (_signature(ctx),))


def _enforcement_refuse(ctx: LetterContext) -> str | None:
    if ctx.board is not None and ctx.board.decision is False:
        return "styrelsen har beslutat att inte begära verkställighet."
    return None


def _withdrawal(parts: Parts) -> None:
    ctx = parts.ctx
    w = need(ctx.withdrawal, "withdrawal", parts.document)
    parts.flags["scope_eviction"] = w.scope is WithdrawalScope.EVICTION
    parts.flags["paid"] = w.paid_on is not None and w.paid_ore > 0
    parts.flags["reason"] = bool(w.reason.strip())
    parts.flags["still_owing"] = ctx.settlement.total_ore > 0
    parts.values.date("paid_on", w.paid_on, "withdrawal.paid_on")
    parts.values.set("paid_amount", fmt.amount(w.paid_ore), "withdrawal.paid_ore")
    parts.values.set("withdrawal_reason", w.reason.strip(), "withdrawal.reason")
    parts.block("applicant", lambda: (creditor_fields(ctx),))
    parts.block("respondent", lambda: (person_fields(ctx.debtors, "Svarande", identify=True),))
    parts.block("case", lambda: (_case_fields(ctx, parts.document),))


def _forced_sale(parts: Parts) -> None:
    ctx = parts.ctx
    d = ctx.dates
    evicted = need(d.evicted, "dates.evicted", parts.document)
    ground = (
        f"Nyttjanderätten förverkades enligt 7 kap. 18 § bostadsrättslagen (1991:614) på grund av "
        f"{claims_ground(ctx)}. Bostadsrättshavaren har skilts från lägenheten genom avhysning {fmt.date_iso(evicted)}"
        + (f" (Kronofogdens mål nr {ctx.kfm.case_number})" if ctx.kfm.case_number else "")
        + ". Bostadsrätten ska därför tvångsförsäljas enligt 8 kap. bostadsrättslagen."
    )
    rows = (("Grund", ground),)
    pledgee = ctx.pledgee
    parts.flags["pledgee"] = pledgee is not None
    parts.block("applicant", lambda: (creditor_fields(ctx),))
    parts.block("holder", lambda: (person_fields(ctx.debtors, "Bostadsrättshavare", identify=True),))
    parts.block("unit", lambda: (unit_fields(ctx, "Bostadsrätten"),))
    parts.block("ground", lambda: (Fields(rows, "Grund för tvångsförsäljning"),))
    parts.block(
        "pledgee_fields",
        lambda: (Fields((("Namn", pledgee.name), ("Adress", pledgee.address.one_line()),
                         ("Panthavarens referens", pledgee.reference or "–")), "Känd panthavare"),) if pledgee else (),
    )
    parts.block("form_signature", lambda: (_signature(ctx),))


def _forced_sale_attachments(ctx: LetterContext) -> tuple[str, ...]:
    out = ["Utdrag ur lägenhetsförteckningen för lägenheten", "Föreningens stadgar och registreringsbevis"]
    if ctx.kfm.case_number:
        out.append(f"Kopia av Kronofogdens utslag och avhysning i mål nr {ctx.kfm.case_number}")
    out.append("Specifikation av föreningens fordran")
    return tuple(out)


def _kfm_block(ctx: LetterContext) -> tuple[str, ...]:
    return organisation_block(ctx.kronofogden)


FILING_SPECS: dict[DocumentKind, Spec] = {
    **NOTICE_SPECS,
    DocumentKind.APPLICATION: Spec(
        _kfm_block, identifies=True, prepare=_application, attachments=_application_attachments,
        refuse=_application_refuse,
    ),
    DocumentKind.ENFORCEMENT_REQUEST: Spec(
        _kfm_block, identifies=True, prepare=_enforcement, refuse=_enforcement_refuse,
        attachments=lambda ctx: ("Utdrag ur styrelseprotokoll med beslutet",),
        their_reference=lambda ctx: ctx.kfm.case_number,
    ),
    DocumentKind.WITHDRAWAL: Spec(
        _kfm_block, identifies=True, prepare=_withdrawal,
        refuse=lambda ctx: None if ctx.withdrawal else "uppgifter om återkallelsen saknas (withdrawal).",
        copies=lambda ctx: tuple(p.name for p in ctx.debtors),
        their_reference=lambda ctx: ctx.kfm.case_number,
    ),
    DocumentKind.FORCED_SALE: Spec(
        _kfm_block, identifies=True, prepare=_forced_sale, attachments=_forced_sale_attachments,
        refuse=lambda ctx: None if ctx.tenure is Tenure.BOSTADSRATT else "tvångsförsäljning gäller bara bostadsrätter.",
        their_reference=lambda ctx: ctx.kfm.case_number,
    ),
}
