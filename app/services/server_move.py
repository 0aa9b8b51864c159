"""Moving an association from its SQLite file to a PostgreSQL server: everything copied in one
transaction, checked row for row, the audit log still whole – or nothing written on the server.

The file is left as it was: it stays the last copy from before the move.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from app.domain.problem import Refused
from app.persistence import db, migrate, server, transfer
from app.persistence.digest import content_digest
from app.services import audit
from app.services.context import AppContext

log = logging.getLogger(__name__)

COUNTED = {"cases": "ärenden", "events": "händelser", "payments": "inbetalningar", "documents": "dokument"}


@dataclass(frozen=True)
class MoveSummary:
    target: str  # shown form: the password hidden
    rows: dict[str, int]
    audit_entries: int

    def text(self) -> str:
        counted = ", ".join(f"{self.rows.get(table, 0)} {label}" for table, label in COUNTED.items())
        return (f"Föreningen är kopierad till {self.target}: {counted} ({sum(self.rows.values())} rader). "
                f"Loggen är oförändrad ({self.audit_entries} loggposter). Arbeta vidare med --db {self.target}; "
                "filen finns kvar som den var.")

    def as_json(self) -> dict:
        return {"target": self.target, "rows": self.rows, "audit_entries": self.audit_entries}


def copy_to_server(ctx: AppContext, target: str) -> MoveSummary:
    """Copy the open (SQLite) database into the empty server database `target`."""
    if ctx.sqlite_path is None:
        raise Refused("Databasen ligger redan på en server. Flytta mellan servrar med pg_dump och pg_restore.")
    if not db.is_server_target(target):
        raise Refused("Ange målet som en PostgreSQL-adress, till exempel postgresql+psycopg://användare@server/databas.")
    shown = db.display_target(target)
    if db.database_exists(target):  # unreachable servers are refused here, in Swedish
        raise Refused(f"Databasen {shown} innehåller redan ett register. Kopiera bara till en tom databas.")
    engine = db.create_engine(target)
    try:
        migrate.upgrade(engine)
        with ctx.reading() as session, engine.begin() as destination:
            server.lock_connection_for_writing(destination)
            source = session.connection()
            rows = transfer.copy_rows(source, destination)
            if content_digest(source) != content_digest(destination):  # rolls the whole copy back
                raise Refused(f"Kopian till {shown} blev inte likadan som originalet. Ingenting sparades på servern.")
        report = audit.verify_engine(engine)
        if not report.intact:  # cannot happen when the digests agree; checked because the log is evidence
            raise Refused(f"Loggen på {shown} stämmer inte efter kopieringen: {report.first}")
    except BaseException:
        migrate.drop_schema(engine)  # the server database is left as empty as it was given
        raise
    finally:
        engine.dispose()
    log.info("association copied to a server database")
    return MoveSummary(shown, rows, report.entries)
