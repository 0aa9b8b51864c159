"""Large benchmark databases: the demo association's realistic histories copied N times.

Building thousands of cases through the services takes minutes; copying the demo's rows with SQL
(new ids, unique numbers suffixed) takes a second and keeps every history realistic.
"""
from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from app.services.demo import create_demo

OUT = Path(__file__).with_name("out")
AS_OF = date(2026, 12, 1)

# tables copied per block, parents first; columns holding ids of copied rows are offset
TABLES = ("persons", "units", "occupancies", "cases", "case_debtors", "claims", "events", "fees", "payments", "score_snapshots")
ID_COLUMNS = {"id", "unit_id", "person_id", "case_id", "claim_id", "event_id", "reverses_event_id", "reverses_payment_id", "reverses_fee_id"}
UNIQUE_TEXT = {"number", "avi_number", "ocr"}


def demo_database(as_of: date = AS_OF) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"demo-{as_of.isoformat()}.sqlite"
    if not path.exists():
        create_demo(str(path), as_of).close()
    return path


def large_database(cases: int, as_of: date = AS_OF) -> Path:
    """A database with about `cases` cases (a multiple of the demo's), cached under bench/out/."""
    path = OUT / f"large-{cases}-{as_of.isoformat()}.sqlite"
    if path.exists():
        return path
    source = demo_database(as_of)
    building = path.with_suffix(".building")
    shutil.copy(source, building)
    conn = sqlite3.connect(building)
    try:
        per_block = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        largest = max(conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0] for t in TABLES if t != "case_debtors")
        base = 10 ** len(str(largest))  # block b holds the original rows with ids + b * base
        with conn:
            for block in range(1, -(-cases // per_block)):
                for table in TABLES:
                    _copy(conn, table, block, base)
    finally:
        conn.close()
    building.rename(path)
    return path


def _copy(conn: sqlite3.Connection, table: str, block: int, base: int) -> None:
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    values = []
    for column in columns:
        if column in ID_COLUMNS:
            values.append(f"CASE WHEN {column} IS NULL THEN NULL ELSE {column} + {block * base} END")
        elif column in UNIQUE_TEXT:
            values.append(f"{column} || '-{block}'")
        elif column == "personnummer":
            values.append("NULL")
        else:
            values.append(column)
    key = "id" if "id" in columns else "case_id"
    conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {table} WHERE {key} < {base}")
