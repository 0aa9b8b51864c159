"""Data safety in the GUI: back up now, restore from a backup, and the retention purge with its
preview and confirmation. Menu actions call these; the services do the work and the checks."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.problem import Refused
from app.services import backups, restore, retention
from app.services.context import AppContext
from app.services.instance_lock import Lock
from ui.dialogs.messages import Messages


class BackupFileDialog:
    """Choosing the backup to restore from; tests replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, folder: Path) -> Path | None:
        chosen, _filter = QFileDialog.getOpenFileName(parent, "Välj säkerhetskopia", str(folder), "Säkerhetskopior (*.sqlite)")
        return Path(chosen) if chosen else None


def _refused(parent: QWidget | None, refused: Refused, heading: str) -> None:
    Messages.refused(parent, [p.message for p in refused.problems], heading)


def backup_now(parent: QWidget | None, ctx: AppContext) -> Path | None:
    """A consistent copy into the backup folder now; says where it went."""
    try:
        path = backups.make_backup(ctx, backups.MANUAL)
    except Refused as refused:
        _refused(parent, refused, "Säkerhetskopian kunde inte göras.")
        return None
    Messages.inform(parent, "Säkerhetskopian är sparad.", str(path))
    return path


def restore_backup(parent: QWidget | None, ctx: AppContext, lock: Lock | None, source: Path | None = None) -> restore.RestoreResult | None:
    """Restore the open database from a backup the user picks, after a confirmation. The file is
    checked before anything is replaced; what is replaced is kept in the backup folder."""
    if ctx.read_only:
        Messages.refused(parent, ["Databasen är öppnad skrivskyddad. Återställ från det fönster som har den öppen för ändringar."])
        return None
    try:
        folder = backups.backup_folder(ctx)
    except Refused as refused:
        _refused(parent, refused, "Återställning görs inte här.")
        return None
    source = source or BackupFileDialog.ask(parent, folder)
    if source is None:
        return None
    if not Messages.confirm(parent, f"Ersätta databasen med {source.name}?",
                            "Filen kontrolleras först. Databasen som ersätts sparas i säkerhetskopiemappen.", yes="Återställ"):
        return None
    ctx.engine.dispose()  # no pooled connection keeps the old pages
    try:
        result = restore.restore(ctx.target, source, held=lock)
    except Refused as refused:
        _refused(parent, refused, "Återställningen gjordes inte.")
        return None
    kept = f"Den ersatta databasen finns kvar i {result.previous_copy}." if result.previous_copy else ""
    Messages.inform(parent, "Databasen är återställd.", kept)
    return result


def purge_with_confirmation(parent: QWidget | None, ctx: AppContext, as_of: date) -> retention.PurgePlan | None:
    """The retention purge: the preview of what goes is shown, and nothing happens without a yes."""
    def confirm(plan: retention.PurgePlan) -> bool:
        return Messages.confirm(parent, f"Gallra personuppgifter i {len(plan.items)} avslutade ärenden?", plan.text(),
                                yes="Gallra", no="Avbryt")

    try:
        plan = retention.purge(ctx, as_of, confirm=confirm)
    except Refused as refused:
        _refused(parent, refused, "Gallringen gjordes inte.")
        return None
    if plan is not None and plan.empty:
        Messages.inform(parent, plan.text())
    elif plan is not None:
        Messages.inform(parent, "Gallringen är klar.", plan.text())
    return plan
