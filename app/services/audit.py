"""Checking the tamper-evident log (`audit verify`): intact, or the first altered, inserted or deleted
entry in words the treasurer can act on."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from app.domain.problem import Refused
from app.persistence import audit_chain as chain
from app.persistence import models as m
from app.persistence.backup import FileError, describe_file_error, file_audit_links
from app.services.context import AppContext

ROW_LABELS = {"events": "Händelse", "payments": "Inbetalning", "fees": "Avgift", "documents": "Dokument"}


@dataclass(frozen=True)
class AuditReport:
    entries: int
    rows: int
    head_seq: int
    head_hash: str
    problems: tuple[str, ...]  # Swedish, earliest break first
    findings: tuple[chain.Finding, ...]

    @property
    def intact(self) -> bool:
        return not self.findings

    @property
    def first(self) -> str | None:
        return self.problems[0] if self.problems else None

    def summary(self) -> str:
        if self.intact:
            return (f"Loggen är oförändrad: {self.entries} loggposter för {self.rows} rader "
                    f"(händelser, inbetalningar, avgifter, dokument). Senaste kontrollsumma {self.head_hash[:16]}…")
        more = f" ({len(self.problems)} avvikelser totalt)" if len(self.problems) > 1 else ""
        return f"Loggen har ändrats utanför programmet. Första avvikelsen: {self.first}{more}"

    def as_json(self) -> dict:
        return {
            "intact": self.intact, "entries": self.entries, "rows": self.rows, "head_seq": self.head_seq,
            "head_hash": self.head_hash, "problems": list(self.problems),
            "findings": [{"kind": f.kind, "seq": f.seq, "table": f.table, "row_id": f.row_id} for f in self.findings],
        }


def describe(finding: chain.Finding) -> str:
    label = ROW_LABELS.get(finding.table or "", finding.table or "Rad")
    if finding.kind == chain.LOG_DELETED:
        span = f"{finding.seq}" if finding.last_seq in (None, finding.seq) else f"{finding.seq}–{finding.last_seq}"
        return f"Loggpost {span} saknas: den har tagits bort ur loggen."
    if finding.kind == chain.LOG_ALTERED:
        return f"Loggpost {finding.seq} ({label.lower()} {finding.row_id}) har ändrats: kedjans kontrollsumma stämmer inte."
    if finding.kind == chain.ROW_ALTERED:
        return f"{label} {finding.row_id} har ändrats efter att den registrerades (loggpost {finding.seq})."
    if finding.kind == chain.ROW_DELETED:
        return f"{label} {finding.row_id} (loggpost {finding.seq}) har tagits bort ur databasen."
    return f"{label} {finding.row_id} finns inte i loggen: raden har lagts in utanför programmet (före loggpost {finding.seq})."


def verify_engine(engine: Engine) -> AuditReport:
    with engine.connect() as connection:
        state = chain.verify(connection)
    return AuditReport(
        state.entries, state.rows, state.head_seq, state.head_hash,
        tuple(describe(f) for f in state.findings), state.findings,
    )


def compare_with_backup(ctx: AppContext, backup: Path) -> tuple[str, ...]:
    """The backup's log must be the start of today's log, entry for entry: a rewrite of the history
    since the backup was taken – which the chain alone cannot show if the whole chain was recomputed –
    shows here. Swedish problems, earliest first; empty when it agrees."""
    try:
        then = file_audit_links(backup)
    except FileError as exc:
        raise Refused(f"Säkerhetskopian {backup} kan inte läsas: {describe_file_error(exc)}.") from exc
    with ctx.reading() as session:
        now = dict(session.execute(sa.select(m.AuditEntry.seq, m.AuditEntry.chain_hash)).all())
    problems = []
    for seq, link in then:
        if seq not in now:
            problems.append(f"Loggpost {seq} finns i säkerhetskopian {backup.name} men inte längre i databasen.")
        elif now[seq] != link:
            problems.append(f"Loggpost {seq} skiljer sig från säkerhetskopian {backup.name}: historiken har skrivits om.")
    return tuple(problems)


def verify(ctx: AppContext) -> AuditReport:
    """Recompute the whole chain and every event, payment, fee and document against it."""
    return verify_engine(ctx.engine)
