"""GUI start-up and the case board as whole processes, each beside its floor (issue 6).

- first paint of the main window through the console script (`bostadsinkasso --db … gui`) beside a
  bare PySide6 window (target: within 2×), and when its start page has the day's data;
- the board populated, with the demo database and with 5,000 cases, beside a floor script that only
  imports PySide6 and SQLAlchemy and shows the same rows in a plain QTableWidget (targets 1.5× and 2×);
- where the 5,000-case board spends its time (the services' part), to tell the engine's owner.

Every figure is the median of several runs of a fresh process, timed from launch until the process
reports its first paint. Run: python -m bench.bench_gui [--runs 5] [--cases 5000]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

OUT = Path(__file__).with_name("out")
AS_OF = date(2026, 12, 1)
READY = "KLAR"


# --- the measured processes -------------------------------------------------------------------------
def _report_first_paint(app, window, detail=lambda: "", ready=lambda: True, at_once: bool = False) -> None:  # noqa: ANN001
    """Print READY at a paint of the window once `ready()` holds, then leave at once.

    Normally READY follows the whole paint pass (a zero timer after the paint event). With `at_once` it is
    printed when the paint event arrives – for a frame painted by processEvents() before the event loop
    runs, where a timer would wait for the loop (the frame's own painting takes milliseconds).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    class Watch(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802 - Qt API
            if (event.type() == QEvent.Type.Paint and isinstance(obj, QWidget)
                    and (obj.window() is window if window is not None else type(obj.window()).__name__ == "MainWindow")
                    and ready()):
                app.removeEventFilter(self)
                if at_once:
                    done()
                QTimer.singleShot(0, done)  # after the whole paint pass
            return False

    def done() -> None:
        sys.stdout.write(f"{READY} {detail()}\n")
        sys.stdout.flush()
        os._exit(0)

    watch = Watch()
    app.installEventFilter(watch)
    app._watch = watch  # noqa: SLF001 - keep it alive


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bostadsinkasso")
    window.setCentralWidget(QLabel("Bostadsinkasso"))
    window.resize(1400, 860)
    _report_first_paint(app, window, at_once=True)  # timed as the main window's frame is
    window.show()
    app.exec()


def child_main(db: str, page: str, until: str) -> None:
    """The real start-up: the console script `bostadsinkasso --db … gui` (CLI parser, frame painted,
    services and database, then the day's data), with the remembered page set to `page`.

    until="paint": the window's first paint; until="loaded": the first paint after the page has its data.
    """
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])  # run_gui takes this one
    app.setOrganizationName("Bostadsinkasso")
    app.setApplicationName("Bostadsinkasso")
    QSettings().setValue("window/page", page)  # under the child's own XDG_CONFIG_HOME
    QSettings().sync()

    def main_window() -> QMainWindow | None:
        return next((w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow"), None)

    def loaded() -> bool:
        window = main_window()
        return window is not None and window.ctx is not None and not window.deferred

    def cards() -> str:
        window = main_window()
        board = window.pages.get("board") if window is not None else None
        return str(board.model.rowCount()) if board is not None else ""

    _report_first_paint(app, None, cards, ready=(lambda: True) if until == "paint" else loaded, at_once=until == "paint")
    from ui.entry import main

    main(["--db", db, "gui", "--as-of", AS_OF.isoformat()])


def child_floor(db: str) -> None:
    """Only PySide6 and SQLAlchemy: the cases' unit, debtor and claims in a plain table."""
    import sqlalchemy as sa
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

    app = QApplication(sys.argv[:1])
    engine = sa.create_engine(f"sqlite:///{db}")
    query = sa.text(
        "SELECT c.id, u.number, u.tenure, group_concat(p.name, ', '), "
        "(SELECT coalesce(sum(amount_ore), 0) FROM claims WHERE claims.case_id = c.id) "
        "FROM cases c JOIN units u ON u.id = c.unit_id JOIN case_debtors d ON d.case_id = c.id "
        "JOIN persons p ON p.id = d.person_id GROUP BY c.id ORDER BY c.id"
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    # PySide6 6.12 on CPython 3.11 drops a reference to None on every call of a method returning nothing
    # (setItem here); 25,000 calls would free None itself. Holding extra references keeps the floor alive.
    keep_none_alive = [None] * (len(rows) * 5 * 2)  # noqa: F841
    table = QTableWidget(len(rows), 5)
    table.setHorizontalHeaderLabels(["Ärende", "Objekt", "Upplåtelse", "Gäldenär", "Skuld"])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(str(value)))
    window = QMainWindow()
    window.setCentralWidget(table)
    window.resize(1400, 860)
    _report_first_paint(app, window, lambda: str(len(rows)))
    window.show()
    app.exec()


# --- the parent: running and timing -------------------------------------------------------------------
def run_once(args: list[str]) -> tuple[float, str]:
    # offscreen, and a settings folder of its own: the bench never touches the user's window state
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": tempfile.mkdtemp()}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.bench_gui", "--child", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=Path(__file__).resolve().parent.parent)
    detail = ""
    for line in proc.stdout:
        if line.startswith(READY):
            elapsed = time.perf_counter() - start
            detail = line[len(READY):].strip()
            break
    else:
        proc.wait()
        raise RuntimeError(f"{args} ended without painting (exit {proc.returncode})")
    proc.wait()
    return elapsed, detail


def median_run(args: list[str], runs: int) -> tuple[float, str]:
    results = [run_once(args) for _ in range(runs)]
    return statistics.median(t for t, _ in results), results[-1][1]


def demo_database() -> Path:
    from app.services.demo import create_demo

    path = OUT / f"gui-demo-{AS_OF.isoformat()}.sqlite"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        create_demo(str(path), AS_OF).close()
    return path


def large_database(cases: int) -> Path:
    """create_demo(…, cases=N) takes minutes: built once and kept under bench/out/ (gitignored)."""
    from app.services.demo import create_demo

    path = OUT / f"gui-demo-{cases}-{AS_OF.isoformat()}.sqlite"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"Bygger en demodatabas med {cases} ärenden (en gång, sparas i {path}) …", flush=True)
        create_demo(str(path), AS_OF, cases=cases).close()
    return path


def working_copy(path: Path) -> Path:
    """Each measurement opens a copy, so a migration or WAL file never changes the cached one."""
    target = Path(tempfile.mkdtemp()) / path.name
    shutil.copy(path, target)
    return target


def services_breakdown(db: Path) -> list[tuple[str, float]]:
    """Where list_cases spends its time for the big board (one in-process run)."""
    from app.domain.assessment import assess
    from app.services import cases
    from app.services import settings as settings_service
    from app.services.case_facts import load_facts
    from app.services.context import open_database

    ctx = open_database(str(db))
    timings = []
    start = time.perf_counter()
    with ctx.reading() as session:
        rules = settings_service.rules(session, AS_OF)
        timings.append(("regler och kalender", time.perf_counter() - start))
        start = time.perf_counter()
        facts = load_facts(session)
        timings.append(("läsa ärendenas fakta (load_facts)", time.perf_counter() - start))
    start = time.perf_counter()
    assessed = [assess(f, rules, AS_OF) for f in facts.values()]
    timings.append(("bedöma ärendena (assess)", time.perf_counter() - start))
    start = time.perf_counter()
    for a in assessed:
        a.settlement.total_ore  # noqa: B018 - the balance with interest, as each card shows
    timings.append(("saldo med ränta (settle)", time.perf_counter() - start))
    start = time.perf_counter()
    cases.list_cases(ctx, AS_OF)
    timings.append(("list_cases i sin helhet", time.perf_counter() - start))
    ctx.close()
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=5000)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        {"bare": child_bare, "main": lambda: child_main(rest[0], "todo", "paint"),
         "todo": lambda: child_main(rest[0], "todo", "loaded"), "board": lambda: child_main(rest[0], "board", "loaded"),
         "floor": lambda: child_floor(rest[0])}[kind]()
        return 0
    demo = working_copy(demo_database())
    large = working_copy(large_database(args.cases))
    rows = []
    bare, _ = median_run(["bare"], args.runs)
    main_paint, _ = median_run(["main", str(demo)], args.runs)
    rows.append(("Huvudfönstret målat första gången (demo)", main_paint, "tomt PySide6-fönster", bare, 2.0))
    todo, _ = median_run(["todo", str(demo)], args.runs)
    rows.append(("… och Att göra ifylld (demo)", todo, "tomt PySide6-fönster", bare, None))
    for label, db, target in (("demo", demo, 1.5), (f"{args.cases} ärenden", large, 2.0)):
        board, cards = median_run(["board", str(db)], args.runs)
        floor, shown = median_run(["floor", str(db)], args.runs)
        rows.append((f"Ärendetavlan fylld ({label}: {cards} kort)", board, f"golv: QTableWidget, {shown} rader", floor, target))
    print(f"\nMedianer av {args.runs} körningar, hela processer (QT_QPA_PLATFORM=offscreen):")
    print(f"{'mätning':<44} {'tid':>8} {'jämfört med':<32} {'tid':>8} {'kvot':>6} {'mål':>6}")
    for what, seconds, base_label, base, target in rows:
        ratio = seconds / base
        goal = f"{target:4.1f}× {'ok' if ratio <= target else 'ÖVER'}" if target else "     –"
        print(f"{what:<44} {seconds:7.2f}s {base_label:<32} {base:7.2f}s {ratio:5.2f}× {goal}")
    print(f"\nVar tiden går för {args.cases} ärenden (tjänsterna, en körning i processen):")
    for what, seconds in services_breakdown(large):
        print(f"  {what:<40} {seconds:6.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
