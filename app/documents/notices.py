"""Notices of the eviction track: termination with recovery notice (formulär 1/2), the social-services
notice (formulär 3), the service assignment to a stämningsman and the notice to the pledgee.
"""
from __future__ import annotations

from app.documents import formatting as fmt
from app.documents.addressing import debtor_block, organisation_block
from app.documents.context import LetterContext
from app.documents.description import Fields, Table
from app.documents.forms import creditor_fields, person_fields, signed_by_creditor, unit_fields
from app.documents.spec import Parts, Spec
from app.documents.values import TENURE_WORDS, claims_ground, need
from app.domain.action import DocumentKind
from app.domain.tenure import Tenure

_ROLE_TITLES = {
    Tenure.BOSTADSRATT: ("Bostadsrättsförening", "Bostadsrättshavare"),
    Tenure.HYRESRATT: ("Hyresvärd", "Hyresgäst"),
    Tenure.LOKAL: ("Hyresvärd", "Hyresgäst"),
    Tenure.OVRIGT: ("Borgenär", "Gäldenär"),
}


def recovery_deadline_text(ctx: LetterContext, du: str = "du") -> str:
    """The recovery deadline as the debtor can know it: a date once both events are known."""
    end = ctx.dates.recovery_period_end
    if end is not None:
        return fmt.date_weekday(end)
    weeks = fmt.number_word(ctx.tenure.recovery_weeks or 0)
    if ctx.tenure.needs_social_notice:
        return f"inom {weeks} veckor från det att {du} delgetts uppsägningen och socialnämnden underrättats"
    return f"inom {weeks} veckor från det att {du} delgetts uppsägningen"


def _termination_refuse(ctx: LetterContext) -> str | None:
    if not ctx.tenure.has_eviction_track:
        return "uppsägning för förverkande gäller inte för denna upplåtelseform (övrigt)."
    if ctx.recovery_amount_ore is None:
        return "beloppet som ska betalas för återvinning saknas (recovery_amount_ore); uppsägningen får inte skickas utan det."
    return None


def _termination(parts: Parts) -> None:
    ctx = parts.ctx
    amount = need(ctx.recovery_amount_ore, "recovery_amount_ore", parts.document)
    du = parts.values["du"]
    parts.values.set("recovery_deadline", recovery_deadline_text(ctx, du))
    rows = (
        ("Belopp att betala", fmt.amount(amount)),
        ("Senast", recovery_deadline_text(ctx, du)),
        ("Bankgiro", fmt.bankgiro(ctx.creditor.bankgiro)),
        ("OCR-nummer", ctx.ocr),
        ("Betalningsmottagare", ctx.creditor.name),
    )
    title = f"Så här får {du} bo kvar" if ctx.tenure.is_home else f"Så här får {du} behålla lokalen"
    parts.block("recovery", lambda: (Fields(rows, title),))
    # a termination is a legal act: signed by hand by someone who may sign for the creditor
    parts.block("signed", lambda: (signed_by_creditor(ctx),))


def _termination_copies(ctx: LetterContext) -> tuple[str, ...]:
    if ctx.tenure.needs_social_notice and ctx.social_services is not None:
        return (f"{ctx.social_services.name} (underrättelse enligt {TENURE_WORDS[ctx.tenure]['recovery_rule']})",)
    return ()


def _social_refuse(ctx: LetterContext) -> str | None:
    if not ctx.tenure.needs_social_notice:
        return "underrättelse till socialnämnden gäller bara bostäder, inte denna upplåtelseform."
    if ctx.social_services is None:
        return "socialnämndens namn och adress saknas (social_services)."
    if ctx.recovery_amount_ore is None:
        return "beloppet som ska betalas för återvinning saknas (recovery_amount_ore)."
    return None


def _social(parts: Parts) -> None:
    ctx = parts.ctx
    d = ctx.dates
    creditor_title, debtor_title = _ROLE_TITLES[ctx.tenure]
    h = need(ctx.household, "household", parts.document)
    termination = need(d.termination_date, "dates.termination", parts.document)
    words = TENURE_WORDS[ctx.tenure]
    reason = (
        f"{words['right'][:1].upper()}{words['right'][1:]} är förverkad enligt {words['forfeiture_rule']} på grund av "
        f"{claims_ground(ctx)}."
    )
    situation = (
        ("Skäl för uppsägningen", reason),
        ("Uppsägningen är daterad", fmt.date_iso(termination)),
        ("Uppsägningen delgavs", fmt.date_iso(d.served) if d.served else "Delgivning pågår"),
        ("Belopp som ska betalas för återvinning", fmt.amount(ctx.recovery_amount_ore or 0)),
        ("Återvinningsfrist", "tre veckor från det att både delgivning skett och denna underrättelse lämnats"),
        ("Fristen går ut", fmt.date_iso(d.recovery_period_end) if d.recovery_period_end else "beräknas när delgivningen är klar"),
        ("Ansökan om avhysning hos Kronofogden", fmt.date_iso(d.filed) if d.filed else "Inte gjord ännu"),
    )
    household = (("Vuxna", str(h.adults)), ("Barn", str(h.children)))
    parts.block(
        "form",
        lambda: (
            creditor_fields(ctx, creditor_title, for_filing=False),
            person_fields(ctx.debtors, debtor_title, identify=True),
            unit_fields(ctx),
            Fields(household, "Hushållet"),
            Fields(situation, "Uppsägningen"),
        ),
    )


def _social_attachments(ctx: LetterContext) -> tuple[str, ...]:
    when = ctx.dates.termination_date
    dated = f", daterad {fmt.date_iso(when)}" if when else ""
    return (f"Kopia av uppsägningen med underrättelse om återvinning{dated}",)


def _served_documents(ctx: LetterContext) -> tuple[str, ...]:
    if ctx.service and ctx.service.documents:
        return ctx.service.documents
    when = ctx.dates.termination_date
    dated = f" daterad {fmt.date_iso(when)}" if when else ""
    form = TENURE_WORDS[ctx.tenure]["form_rule"]
    return (f"Uppsägning med underrättelse om återvinning{dated} ({form})",)


def _service(parts: Parts) -> None:
    ctx = parts.ctx
    service = need(ctx.service, "service", parts.document)
    parts.values.date("report_by", service.report_by or ctx.dates.reply_by, "service.report_by")
    parts.flags["attempts"] = bool(service.attempts)
    documents = _served_documents(ctx)
    attempts = Table(
        header=("Datum", "Vad hände"),
        rows=tuple((fmt.date_iso(day), what) for day, what in service.attempts),
        widths=(0.2, 0.8),
        align="LL",
    )
    parts.block(
        "assignment",
        lambda: (
            creditor_fields(ctx, "Uppdragsgivare", for_filing=False),
            person_fields(ctx.debtors, "Den som ska delges", identify=True),
            Fields(tuple((f"Handling {n}", doc) for n, doc in enumerate(documents, start=1)), "Handlingar att delge"),
        ),
    )
    parts.block("attempts", lambda: (attempts,) if service.attempts else ())


def _pledgee_refuse(ctx: LetterContext) -> str | None:
    if ctx.tenure is not Tenure.BOSTADSRATT:
        return "underrättelse till panthavare gäller bara bostadsrätter."
    if ctx.pledgee is None:
        return "ingen panthavare är registrerad (pledgee)."
    return None


NOTICE_SPECS: dict[DocumentKind, Spec] = {
    DocumentKind.TERMINATION: Spec(
        debtor_block, ocr=True, prepare=_termination, refuse=_termination_refuse, copies=_termination_copies
    ),
    DocumentKind.SOCIAL_NOTICE: Spec(
        lambda ctx: organisation_block(need(ctx.social_services, "social_services", "Underrättelse")),
        identifies=True, prepare=_social, refuse=_social_refuse, attachments=_social_attachments,
        their_reference=lambda ctx: ctx.social_services.reference if ctx.social_services else "",
    ),
    DocumentKind.SERVICE_INSTRUCTION: Spec(
        lambda ctx: organisation_block(need(ctx.service, "service", "Delgivningsuppdrag").server),
        identifies=True, prepare=_service, attachments=_served_documents,
        refuse=lambda ctx: None if ctx.service else "uppgifter om delgivningsuppdraget saknas (service).",
        their_reference=lambda ctx: ctx.service.server.reference if ctx.service else "",
    ),
    DocumentKind.PLEDGEE_NOTICE: Spec(
        lambda ctx: organisation_block(need(ctx.pledgee, "pledgee", "Underrättelse till panthavare")),
        refuse=_pledgee_refuse, their_reference=lambda ctx: ctx.pledgee.reference if ctx.pledgee else "",
    ),
}
