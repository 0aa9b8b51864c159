"""Data safety in the GUI: a second instance opens read-only with the banner; backup now; restore
(checked, confirmed, the replaced database kept); the purge shows its preview and waits for a yes."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa

from app.cli.main import build_parser
from app.persistence import models as m
from app.services import backups, instance_lock, payments
from tests.safety import dump
from tests.ui.demo_database import AS_OF
from ui import app as gui_app
from ui import safety_actions

FAR = date(2040, 1, 1)


def _db(ctx) -> Path:
    return ctx.sqlite_path


def test_a_second_instance_opens_read_only_with_the_banner(qtbot, ctx, tmp_path, monkeypatch):
    opened = {}

    def capture(app, window, path):  # noqa: ANN001, ANN202 - instead of rendering a PNG
        opened["window"] = window
        qtbot.addWidget(window)
        return 0

    monkeypatch.setattr(gui_app, "_screenshot", capture)
    target = str(_db(ctx))
    first = instance_lock.acquire(target)  # the first instance holds the writer's lock
    try:
        args = build_parser().parse_args(["--db", target, "gui", "--as-of", "2026-12-01", "--screenshot", str(tmp_path / "x.png")])
        assert gui_app.run_gui(args) == 0
    finally:
        first.release()
    window = opened["window"]
    assert window.ctx.read_only
    assert "SKRIVSKYDDAT LÄGE" in window.banner.text()
    window.ctx.close()


def test_the_only_instance_opens_for_writing(qtbot, ctx, tmp_path, monkeypatch):
    opened = {}
    monkeypatch.setattr(gui_app, "_screenshot", lambda app, window, path: opened.setdefault("window", window) and 0)
    args = build_parser().parse_args(["--db", str(_db(ctx)), "gui", "--as-of", "2026-12-01", "--screenshot", str(tmp_path / "x.png")])
    gui_app.run_gui(args)
    qtbot.addWidget(opened["window"])
    assert not opened["window"].ctx.read_only and not opened["window"].banner.isVisibleTo(opened["window"])
    opened["window"].ctx.close()


def test_backup_now_tells_where_the_copy_went(ctx, messages):
    path = safety_actions.backup_now(None, ctx)
    assert path is not None and path.parent == _db(ctx).parent / "backups"
    assert messages.informed == [f"Säkerhetskopian är sparad. {path}"]
    assert dump(path) == dump(_db(ctx))


def test_restore_is_confirmed_checked_and_keeps_what_it_replaced(ctx, messages):
    lock = instance_lock.acquire(ctx.target)  # as the GUI holds it
    copy = backups.make_backup(ctx, backups.MANUAL)
    original = dump(copy)
    with ctx.reading() as session:
        case_id = session.scalar(sa.select(sa.func.min(m.Case.id)))
    payments.register_payment(ctx, case_id, 777, date(2026, 11, 30), AS_OF)
    messages.answer = False
    assert safety_actions.restore_backup(None, ctx, lock, copy) is None
    assert dump(_db(ctx)) != original
    messages.answer = True
    result = safety_actions.restore_backup(None, ctx, lock, copy)
    assert result is not None and dump(_db(ctx)) == original
    assert messages.confirmed == [f"Ersätta databasen med {copy.name}?"] * 2
    assert messages.informed[-1].startswith("Databasen är återställd. Den ersatta databasen finns kvar i")
    with ctx.reading() as session:  # the open context reads the restored data
        assert session.scalar(sa.select(sa.func.count()).select_from(m.Payment).where(m.Payment.amount_ore == 777)) == 0
    lock.release()


def test_restoring_a_damaged_file_in_the_gui_is_refused_with_the_reason(ctx, messages, tmp_path):
    bad = tmp_path / "trasig.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    before = dump(_db(ctx))
    assert safety_actions.restore_backup(None, ctx, None, bad) is None
    assert messages.refused and "kan inte återställas" in messages.reasons()[0]
    assert dump(_db(ctx)) == before


def test_the_purge_shows_its_preview_and_waits_for_a_yes(ctx, messages):
    before = dump(_db(ctx))
    messages.answer = False
    assert safety_actions.purge_with_confirmation(None, ctx, FAR) is None
    assert messages.confirmed == ["Gallra personuppgifter i 3 avslutade ärenden?"]
    assert dump(_db(ctx)) == before
    messages.answer = True
    plan = safety_actions.purge_with_confirmation(None, ctx, FAR)
    assert plan is not None and plan.executed and len(plan.items) == 3
    assert messages.informed[-1].startswith("Gallringen är klar.")
    safety_actions.purge_with_confirmation(None, ctx, FAR)
    assert messages.informed[-1].startswith("Ingenting att gallra per 2040-01-01")
