"""compose(kind, ctx): the pure step from a letter context to a document description."""
from __future__ import annotations

from app.documents import formatting as fmt
from app.documents.addressing import footer, letterhead, reference_lines, return_address
from app.documents.context import LetterContext
from app.documents.description import DocumentDescription
from app.documents.filings import FILING_SPECS
from app.documents.letters import LETTER_SPECS
from app.documents.board import BOARD_SPECS
from app.documents.spec import Parts, Spec
from app.documents.tables import (
    amount_blocks,
    claims_table,
    creditor_signature,
    fees_table,
    interest_table,
    note_blocks,
    payment_slip,
    rate_notes,
    totals_table,
)
from app.documents.template import DocumentError, fill, load
from app.documents.values import base_values, need
from app.domain.action import DocumentKind
from app.domain.facts import FeeKind
from app.domain.tenure import Tenure

SPECS: dict[DocumentKind, Spec] = {**LETTER_SPECS, **FILING_SPECS, **BOARD_SPECS}

# Documents that may show the personnummer: they go to authorities or servers who must identify the
# person (LAW.md, Identity numbers; IMY). Never in the address block.
IDENTIFYING_KINDS = frozenset(kind for kind, spec in SPECS.items() if spec.identifies)


def compose(kind: DocumentKind, ctx: LetterContext) -> DocumentDescription:
    """The description of document `kind` for the case in `ctx`.

    Raises DocumentError (MissingField, TemplateError) with a Swedish message when the context lacks
    what the document needs or the document does not apply to the case.
    """
    kind = DocumentKind(kind)
    spec = SPECS[kind]
    reason = spec.refuse(ctx)
    if reason:
        raise DocumentError(f"{kind.label}: {reason}")
    parts = Parts(ctx, kind.label, base_values(ctx, kind.label, spec.identifies))
    _common(parts)
    spec.prepare(parts)
    name = spec.template or kind.value
    sections = load(name, ctx.texts.template(name))
    title, blocks = fill(sections, name, parts.values, parts.flags, parts.blocks)
    recipient = spec.recipient(ctx)
    return DocumentDescription(
        kind=kind.value,
        title=title,
        letterhead=letterhead(ctx.creditor),
        footer=footer(ctx.creditor),
        reference=reference_lines(ctx, ocr=spec.ocr, their_reference=spec.their_reference(ctx)),
        blocks=blocks,
        recipient=recipient,
        return_address=return_address(ctx.creditor) if recipient else "",
        attachments=spec.attachments(ctx),
        copies=spec.copies(ctx),
    )


def _common(parts: Parts) -> None:
    ctx = parts.ctx
    s = ctx.settlement
    tenure = ctx.tenure
    parts.flags.update(
        bostadsratt=tenure is Tenure.BOSTADSRATT,
        hyresratt=tenure is Tenure.HYRESRATT,
        lokal=tenure is Tenure.LOKAL,
        home=tenure.is_home,
        eviction_track=tenure.has_eviction_track,
        provisional=s.provisional,
        has_interest=bool(s.interest_lines),
        has_fees=bool(ctx.open_fees),
        reminder_fee=any(f.kind is FeeKind.REMINDER for f in ctx.open_fees),
        several_debtors=len(ctx.debtors) > 1,
        cohabitants=bool(ctx.cohabitants),
        pledgee=ctx.pledgee is not None,
        children=bool(ctx.household and ctx.household.children),
        filed=ctx.dates.filed is not None,
        served=ctx.dates.served is not None,
        social_notified=ctx.dates.social_notice is not None,
        recovery_end_known=ctx.dates.recovery_period_end is not None,
        moved_out=ctx.dates.moved_out is not None,
        eviction_date=ctx.dates.eviction is not None,
        case_number=bool(ctx.kfm.case_number),
        note=bool(ctx.texts.note.strip()),
        email=bool(ctx.creditor.email),
    )
    deadline = lambda: need(ctx.dates.payment_deadline, "dates.payment_deadline", parts.document)  # noqa: E731
    parts.blocks.update(
        claims=lambda: (claims_table(ctx),),
        interest=lambda: (interest_table(ctx), *rate_notes(ctx)) if s.interest_lines else (),
        fees=lambda: (fees_table(ctx),) if ctx.open_fees else (),
        totals=lambda: (totals_table(ctx),),
        amounts=lambda: amount_blocks(ctx),
        payment=lambda: (payment_slip(ctx, s.total_ore, deadline(), f"Så här betalar {parts.values['du']}"),),
        signature=lambda: (creditor_signature(ctx),),
        note=lambda: note_blocks(ctx),
    )
    parts.values.set("today", fmt.date_long(ctx.dates.letter_date))
