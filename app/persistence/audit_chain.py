"""The tamper-evident log: every event, payment, fee and document row is sealed by a hash, and each
seal is an entry in `audit_log` chained (SHA-256) to the entry before it.

An entry says: row R of table T got content hash H by action A (insert; sent – a document's sending
fields set once; anonymise – the GDPR purge). Verifying recomputes the chain and each row's hash.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.engine import Connection

SCHEME = 1  # bump (and keep the old rules) if the hashed columns of a table ever change
GENESIS = "0" * 64

INSERT, SENT, ANONYMISE = "insert", "sent", "anonymise"
ACTIONS = (INSERT, SENT, ANONYMISE)

# The hashed columns of each chained table, with the types they are read back as. Every column of
# these tables is hashed (tests check that no column is left out); `seal` is the row's random salt,
# erased when the row is anonymised so the old hash can no longer be matched against guessed names.
_I, _B, _S, _T, _D, _DT, _BLOB = sa.Integer, sa.BigInteger, sa.String, sa.Text, sa.Date, sa.DateTime, sa.LargeBinary
CHAINED: dict[str, sa.TableClause] = {
    "events": sa.table(
        "events", sa.column("id", _I), sa.column("case_id", _I), sa.column("kind", _S), sa.column("occurred_on", _D),
        sa.column("method", _S), sa.column("note", _T), sa.column("details", _T), sa.column("reverses_event_id", _I),
        sa.column("recorded_by", _S), sa.column("recorded_at", _DT), sa.column("seal", _S),
    ),
    "payments": sa.table(
        "payments", sa.column("id", _I), sa.column("case_id", _I), sa.column("claim_id", _I), sa.column("amount_ore", _B),
        sa.column("order_date", _D), sa.column("booking_date", _D), sa.column("reference", _S), sa.column("source", _S),
        sa.column("import_id", _I), sa.column("payer_name", _S), sa.column("note", _T), sa.column("reverses_payment_id", _I),
        sa.column("recorded_by", _S), sa.column("recorded_at", _DT), sa.column("seal", _S),
    ),
    "fees": sa.table(
        "fees", sa.column("id", _I), sa.column("case_id", _I), sa.column("event_id", _I), sa.column("kind", _S),
        sa.column("amount_ore", _B), sa.column("charged_on", _D), sa.column("reverses_fee_id", _I),
        sa.column("recorded_by", _S), sa.column("recorded_at", _DT), sa.column("seal", _S),
    ),
    "documents": sa.table(
        "documents", sa.column("id", _I), sa.column("case_id", _I), sa.column("event_id", _I), sa.column("kind", _S),
        sa.column("version", _I), sa.column("letter_date", _D), sa.column("pdf", _BLOB), sa.column("sha256", _S),
        sa.column("sent_on", _D), sa.column("sent_method", _S), sa.column("details", _T),
        sa.column("recorded_by", _S), sa.column("created_at", _DT), sa.column("seal", _S),
    ),
}
# When each kind of row was recorded (documents say created_at).
RECORDED_AT = {"events": "recorded_at", "payments": "recorded_at", "fees": "recorded_at", "documents": "created_at"}
# A document's sending is recorded once after it was produced: each of these may go from NULL to a value.
SET_ONCE = {"documents": frozenset({"sent_on", "sent_method", "event_id"})}
# What the GDPR purge may blank (personal data); amounts, dates and kinds stay.
PERSONAL = {
    "events": frozenset({"note", "details"}),
    "payments": frozenset({"payer_name", "note"}),
    "fees": frozenset(),
    "documents": frozenset({"pdf", "sha256", "details"}),
}

AUDIT_LOG = sa.table(
    "audit_log", sa.column("seq", _I), sa.column("table_name", _S), sa.column("row_id", _I), sa.column("action", _S),
    sa.column("row_hash", _S), sa.column("recorded_by", _S), sa.column("recorded_at", _DT), sa.column("chain_hash", _S),
)


def _canonical(value: object) -> object:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    raise TypeError(f"cannot hash a {type(value).__name__}")


def _digest(document: object) -> str:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def row_hash(table: str, row: Mapping[str, object]) -> str:
    """The hash of a row's content: every hashed column, canonically encoded."""
    return _digest([SCHEME, table, {name: _canonical(row[name]) for name in CHAINED[table].c.keys()}])


def chain_hash(previous: str, seq: int, table: str, row_id: int, action: str, content: str, by: str, at: datetime) -> str:
    return _digest([previous, seq, table, row_id, action, content, by, _canonical(at)])


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def read_row(connection: Connection, table: str, row_id: int) -> Mapping[str, object] | None:
    spec = CHAINED[table]
    row = connection.execute(sa.select(spec).where(spec.c.id == row_id)).first()
    return None if row is None else row._mapping


def append(connection: Connection, table: str, row_id: int, action: str, by: str) -> int:
    """Seal one row as it is now in the database: a new entry chained to the last one. Returns its seq."""
    return append_many(connection, [(table, row_id, action, by)])


def append_many(connection: Connection, items: list[tuple[str, int, str, str]]) -> int:
    """Seal rows (table, row id, action, by) in this order, reading them in one query per table.

    Runs inside the writer's transaction (SQLite: BEGIN IMMEDIATE), so no one else appends meanwhile;
    on a server a concurrent append collides on the primary key and that transaction fails whole.
    Returns the last seq written.
    """
    rows: dict[tuple[str, int], Mapping[str, object]] = {}
    wanted: dict[str, list[int]] = {}
    for table, row_id, _action, _by in items:
        wanted.setdefault(table, []).append(row_id)
    for table, ids in wanted.items():
        spec = CHAINED[table]
        for start in range(0, len(ids), 500):
            for row in connection.execute(sa.select(spec).where(spec.c.id.in_(ids[start:start + 500]))):
                rows[(table, row.id)] = row._mapping
    last = connection.execute(sa.select(AUDIT_LOG.c.seq, AUDIT_LOG.c.chain_hash).order_by(AUDIT_LOG.c.seq.desc()).limit(1)).first()
    seq, previous = (0, GENESIS) if last is None else (last.seq, last.chain_hash)
    at = now_utc()
    entries = []
    for table, row_id, action, by in items:
        row = rows.get((table, row_id))
        if row is None:
            raise LookupError(f"{table} {row_id} not found while sealing it")
        seq += 1
        content = row_hash(table, row)
        previous = chain_hash(previous, seq, table, row_id, action, content, by, at)
        entries.append(dict(seq=seq, table_name=table, row_id=row_id, action=action, row_hash=content, recorded_by=by,
                            recorded_at=at, chain_hash=previous))
    if entries:
        connection.execute(sa.insert(AUDIT_LOG), entries)
    return seq


# --- verification -----------------------------------------------------------------------------

LOG_ALTERED, LOG_DELETED, ROW_ALTERED, ROW_INSERTED, ROW_DELETED = "log-altered", "log-deleted", "altered", "inserted", "deleted"


@dataclass(frozen=True)
class Finding:
    """One break in the log: what (kind), where (table, row) and at which entry (seq)."""

    kind: str
    seq: int
    table: str | None
    row_id: int | None
    last_seq: int | None = None  # log-deleted: the missing entries run seq..last_seq


@dataclass(frozen=True)
class ChainState:
    entries: int
    rows: int
    head_seq: int
    head_hash: str
    findings: tuple[Finding, ...]  # in log order: the first is the earliest break

    @property
    def intact(self) -> bool:
        return not self.findings


def _check_log(entries: list) -> tuple[list[Finding], dict[tuple[str, int], tuple]]:
    findings: list[Finding] = []
    latest: dict[tuple[str, int], tuple] = {}
    previous, expected = GENESIS, 1
    for e in entries:
        if e.seq != expected:
            findings.append(Finding(LOG_DELETED, expected, None, None, last_seq=e.seq - 1))
        if chain_hash(previous, e.seq, e.table_name, e.row_id, e.action, e.row_hash, e.recorded_by, e.recorded_at) != e.chain_hash:
            findings.append(Finding(LOG_ALTERED, e.seq, e.table_name, e.row_id))
        previous, expected = e.chain_hash, e.seq + 1
        latest[(e.table_name, e.row_id)] = e
    return findings, latest


def _check_rows(connection: Connection, latest: dict[tuple[str, int], tuple], head_seq: int) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    times = sorted((e.recorded_at, e.seq) for e in latest.values())
    count = 0
    for table, spec in CHAINED.items():
        for row in connection.execute(sa.select(spec).order_by(spec.c.id)):
            count += 1
            data = row._mapping
            key = (table, data["id"])
            seen.add(key)
            entry = latest.get(key)
            if entry is None:
                findings.append(Finding(ROW_INSERTED, _position(times, data[RECORDED_AT[table]], head_seq), table, data["id"]))
            elif row_hash(table, data) != entry.row_hash:
                findings.append(Finding(ROW_ALTERED, entry.seq, table, data["id"]))
    for key, entry in latest.items():
        if key not in seen:
            findings.append(Finding(ROW_DELETED, entry.seq, key[0], key[1]))
    return findings, count


def _position(times: list[tuple[datetime, int]], recorded_at: datetime | None, head_seq: int) -> int:
    """Where a row that never got an entry would sit in the log: before the first entry made after it."""
    if recorded_at is not None:
        for at, seq in times:
            if at > recorded_at:
                return seq
    return head_seq + 1


def verify(connection: Connection) -> ChainState:
    """Recompute the chain and every chained row's hash; report each break, earliest first."""
    entries = connection.execute(sa.select(AUDIT_LOG).order_by(AUDIT_LOG.c.seq)).all()
    log_findings, latest = _check_log(entries)
    row_findings, rows = _check_rows(connection, latest, entries[-1].seq if entries else 0)
    order = {LOG_DELETED: 0, LOG_ALTERED: 1, ROW_DELETED: 2, ROW_ALTERED: 3, ROW_INSERTED: 4}
    findings = sorted(log_findings + row_findings, key=lambda f: (f.seq, order[f.kind], f.table or "", f.row_id or 0))
    head = entries[-1] if entries else None
    return ChainState(len(entries), rows, head.seq if head else 0, head.chain_hash if head else GENESIS, tuple(findings))


def seal_existing(connection: Connection, by_default: str = "migrering") -> int:
    """Seal rows that predate the log (the migration that introduced it): in the order they were recorded."""
    import secrets

    pending = []
    for table, spec in CHAINED.items():
        at_column = spec.c[RECORDED_AT[table]]
        for row_id, at, by in connection.execute(sa.select(spec.c.id, at_column, spec.c.recorded_by)):
            pending.append((at, list(CHAINED).index(table), row_id, table, by))
    pending.sort(key=lambda p: (p[0] or datetime.min, p[1], p[2]))
    for _at, _order, row_id, table, by in pending:
        spec = CHAINED[table]
        connection.execute(sa.update(spec).where(spec.c.id == row_id).values(seal=secrets.token_hex(16)))
        append(connection, table, row_id, INSERT, by or by_default)
    return len(pending)
