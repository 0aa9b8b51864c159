"""The benchmark runner: `python -m bench` (or `make bench`) runs every benchmark in bench/, each in
a fresh process, and writes the figures with their baselines, ratios and targets to bench/results.md.

Every figure is the median of several runs; a figure with a baseline shows its ratio to it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results.md")
AS_OF = "2026-12-01"
MEMORY_RUNS = 3


@dataclass(frozen=True)
class Row:
    """One figure: its median, and the baseline it is compared with (if any)."""

    section: str
    what: str
    value: float
    unit: str = "s"
    baseline: str = ""
    baseline_value: float | None = None
    target: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline_value if self.baseline_value else None

    @property
    def met(self) -> bool | None:
        """Whether the target holds: '≤ 2×' is a ratio, '< 0,5 s' or '< 400 MB' an absolute limit."""
        number = re.search(r"([\d]+(?:[.,]\d+)?)", self.target)
        if not number:
            return None
        limit = float(number.group(1).replace(",", "."))
        if "×" in self.target:
            return self.ratio is not None and self.ratio <= limit
        return self.value < limit


# --- adapters: each benchmark module's own output made into rows -------------------------------

def _rows_from_tuples(section: str, rows) -> list[Row]:
    """(what, seconds, ratio, target) rows where a row without a ratio is the baseline of those after it."""
    out, baseline = [], None
    for what, seconds, ratio, target in rows:
        if ratio is None:
            baseline = (what, seconds)
            out.append(Row(section, what, seconds))
        else:
            base_what, base_seconds = baseline if baseline else ("", None)
            if base_seconds is None:  # a ratio with no baseline row: keep the module's own ratio
                base_what, base_seconds = "baslinjen", seconds / ratio
            out.append(Row(section, what, seconds, "s", base_what, base_seconds, target))
    return out


def process_rows() -> list[Row]:
    from bench import bench_process

    return _rows_from_tuples("Åtgärder och saldon", bench_process.measure())


def bgmax_rows() -> list[Row]:
    from bench import bench_bgmax

    return _rows_from_tuples("BgMax", bench_bgmax.measure())


def letters_rows() -> list[Row]:
    """bench_letters prints; its own measure() is used if it has one, else its batch() is called here
    the way its main() does (the two alternated, CPU seconds) and the medians taken."""
    from bench import bench_letters

    if hasattr(bench_letters, "measure"):
        return _rows_from_tuples("Brev", bench_letters.measure())
    from app.documents import compose, render
    from app.documents.fonts import register_fonts
    from app.domain.action import DocumentKind
    from tests.documents.cases import letter_context

    register_fonts()
    ctx = letter_context("bostadsratt", DocumentKind.DEMAND)
    bench_letters.plain_page()  # warm both paths once
    render(compose(DocumentKind.DEMAND, ctx))
    demands, plain = [], []
    for _ in range(bench_letters.RUNS):  # alternated, so a busy machine slows both alike
        demands.append(bench_letters.batch(lambda: render(compose(DocumentKind.DEMAND, ctx))))
        plain.append(bench_letters.batch(bench_letters.plain_page))
    count = bench_letters.COUNT
    floor = statistics.median(plain)
    return [
        Row("Brev", f"{count} enkla sidor i ReportLab, samma typsnitt (golv; CPU-tid)", floor),
        Row("Brev", f"{count} inkassokrav, sammanställa + rendera (CPU-tid)", statistics.median(demands), "s",
            f"{count} enkla sidor", floor, "≤ 3×"),
    ]


GUI_RUNS = 5
GUI_CASES = 5_000


def gui_rows() -> list[Row]:
    """bench_gui (the GUI issue's whole-process timings): its measure() if it has one, else its pieces
    run the way its main() runs them; plus where the big board's services spend their time."""
    from bench import bench_gui

    if hasattr(bench_gui, "measure"):
        rows = bench_gui.measure()
        if rows and isinstance(rows[0], dict):
            rows = [(r["what"], r["seconds"], r.get("ratio"), r.get("target", "")) for r in rows]
        return _rows_from_tuples("GUI", rows)
    demo = bench_gui.working_copy(bench_gui.demo_database())
    large = bench_gui.working_copy(bench_gui.large_database(GUI_CASES))
    bare, _ = bench_gui.median_run(["bare"], GUI_RUNS)
    rows = [Row("GUI", "Tomt PySide6-fönster målat (golv)", bare)]
    paint, _ = bench_gui.median_run(["main", str(demo)], GUI_RUNS)
    rows.append(Row("GUI", "Huvudfönstret målat första gången (demo)", paint, "s", "tomt fönster", bare, "≤ 2×"))
    todo, _ = bench_gui.median_run(["todo", str(demo)], GUI_RUNS)
    rows.append(Row("GUI", "… och Att göra ifylld (demo)", todo, "s", "tomt fönster", bare))
    for label, db, target in (("demo", demo, "≤ 1,5×"), (f"{GUI_CASES:,} ärenden".replace(",", " "), large, "≤ 2×")):
        board, cards = bench_gui.median_run(["board", str(db)], GUI_RUNS)
        floor, shown = bench_gui.median_run(["floor", str(db)], GUI_RUNS)
        rows.append(Row("GUI", f"Golv: {shown} rader i en QTableWidget ({label})", floor))
        rows.append(Row("GUI", f"Ärendetavlan fylld ({label}: {cards} kort)", board, "s", "golvet", floor, target))
    rows += [Row("GUI: tjänsterna bakom tavlan, 5 000 ärenden", what, seconds)
             for what, seconds in bench_gui.services_breakdown(large)]
    return rows


BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Bostadsinkasso"))
window.resize(1400, 860)
window.show()
QTimer.singleShot(300, lambda: (window.grab().save(sys.argv[1]), app.quit()))
sys.exit(app.exec())
"""


def _wait(command: list[str], env: dict[str, str]):  # noqa: ANN202 - os.wait4's rusage
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command} exited {os.waitstatus_to_exitcode(status)}: {child.stderr.read().decode()[-2000:]}")
    child.stderr.close()
    return usage


def child_cpu(command: list[str], env: dict[str, str]) -> float:
    usage = _wait(command, env)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb(command: list[str]) -> float:
    """The child's peak resident set (Linux: ru_maxrss in KiB, macOS: bytes), from its own rusage."""
    usage = _wait(command, {**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def memory_rows() -> list[Row]:
    from bench.dataset import demo_database, large_database

    demo, large = demo_database(), large_database(5_000)
    with tempfile.TemporaryDirectory() as tmp:
        png = str(Path(tmp) / "shot.png")

        def app(db: Path) -> list[str]:
            return [sys.executable, "-m", "ui.entry", "--db", str(db), "gui", "--as-of", AS_OF, "--screenshot", png]

        def median_of(command: list[str]) -> float:
            return statistics.median(peak_rss_mb(command) for _ in range(MEMORY_RUNS))

        bare = median_of([sys.executable, "-c", BARE_WINDOW, png])
        with_demo = median_of(app(demo))
        with_large = median_of(app(large))
    return [
        Row("Minne", "Tomt PySide6-fönster (golv)", bare, "MB"),
        Row("Minne", "Huvudfönstret med tavlan, demoföreningen", with_demo, "MB", "tomt fönster", bare, "≤ 3×"),
        Row("Minne", "Huvudfönstret med tavlan, 5 000 ärenden", with_large, "MB", "tomt fönster", bare, "≤ 4×"),
    ]


BUNDLE_RUNS = 5


def bundle_rows() -> list[Row]:
    """The frozen program (build/dist, `make package`) beside the same commands from the source tree:
    what a treasurer without Python waits for. Whole processes, start to exit."""
    import fcntl
    import shutil

    from bench.dataset import demo_database

    frozen = ROOT / "build" / "dist" / "bostadsinkasso" / "bostadsinkasso"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # packaging/build.py rebuilds under an exclusive lock on this file: a shared one keeps the bundle
    # in place while it is measured (a test run elsewhere in the tree may find it stale meanwhile)
    with open(ROOT / "build" / "bundle.lock", "a") as lock, tempfile.TemporaryDirectory() as tmp:
        fcntl.flock(lock, fcntl.LOCK_SH)
        if not frozen.exists():
            raise SystemExit("Inget paket i build/dist: kör make package först")
        db = Path(tmp) / "demo.sqlite"
        shutil.copy(demo_database(), db)
        png = str(Path(tmp) / "shot.png")

        def seconds(program: list[str], *args: str) -> float:
            """CPU seconds (user + system) of the whole process: on a shared machine wall time mostly
            measures the neighbours (and the screenshot's fixed 0.3 s wait is no work)."""
            return statistics.median(child_cpu([*program, "--db", str(db), *args], env) for _ in range(BUNDLE_RUNS))

        source = [sys.executable, "-m", "ui.entry"]
        rows = []
        for what, args in (("kommandot due (demo)", ("due", "--as-of", AS_OF)),
                           ("skärmbild av tavlan, gui --screenshot (demo)", ("gui", "--as-of", AS_OF, "--screenshot", png))):
            from_source = seconds(source, *args)
            rows.append(Row("Paketet", f"Från källkoden: {what}, CPU-tid", from_source))
            rows.append(Row("Paketet", f"Paketerat program: {what}, CPU-tid", seconds([str(frozen)], *args), "s",
                            "från källkoden", from_source, "≤ 1,5×"))
    return rows


SECTIONS = {
    "gui": gui_rows,
    "process": process_rows,
    "letters": letters_rows,
    "bgmax": bgmax_rows,
    "memory": memory_rows,
    "bundle": bundle_rows,
}


# --- running and writing -----------------------------------------------------------------------

def run_section(name: str) -> list[Row] | None:
    """One section in a fresh interpreter, so that no benchmark warms caches for the next."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bench", "--child", "--section", name], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"  {name}: misslyckades ({done.returncode})\n{done.stderr[-3000:]}", file=sys.stderr)
        return None
    rows = [Row(**fields) for fields in json.loads(done.stdout.strip().splitlines()[-1])]
    print(f"  {name}: {len(rows)} mått på {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return rows


def upgrade_stale_databases() -> None:
    """The cached benchmark databases (bench/out/) lag behind once a migration lands, and a read-only
    open then refuses (a writable one would time the migration). Upgrade them once, here, untimed;
    one that cannot be upgraded is deleted, so that its benchmark builds it anew."""
    import sqlite3

    from app.persistence.migrate import head_revision
    from app.services.context import open_database

    head = head_revision()
    for path in sorted(Path(__file__).with_name("out").glob("*.sqlite")):
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                current = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            current = None
        if current == (head,):
            continue
        print(f"  {path.name}: schema {current[0] if current else '?'} → {head}", file=sys.stderr)
        try:
            open_database(str(path), daily_backup=False).close()
        except Exception as failed:  # noqa: BLE001 - any failure: rebuild instead
            print(f"  {path.name}: kunde inte uppgraderas ({failed}), tas bort", file=sys.stderr)
            for leftover in path.parent.glob(path.name + "*"):  # -wal, -shm
                leftover.unlink()


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kib / 1024 / 1024:.1f} GiB".replace(".", ",")
    except (OSError, AttributeError):
        pass
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)', release.read_text(), re.MULTILINE)
        os_name = f"{pretty.group(1)} ({platform.system()} {platform.release()})" if pretty else os_name
    import PySide6
    from PySide6.QtCore import qVersion

    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": cpu,
        "Kärnor": f"{os.cpu_count()} logiska ({usable} tillgängliga)",
        "RAM": memory,
        "OS": os_name,
        "Python": platform.python_version(),
        "Qt / PySide6": f"{qVersion()} / {PySide6.__version__}",
        "Belastning före körningen": _load(),  # the run's own load shows in the figure after it
        "Commit": commit or "okänd",
        "Datum": datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


def _load() -> str:
    """The machine's load average: other work on a shared machine stretches every wall-clock figure."""
    if not hasattr(os, "getloadavg"):
        return "okänd"
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min) på {os.cpu_count()} kärnor".replace(".", ",")


def bundle_facts() -> dict[str, str]:
    info = ROOT / "build" / "bundle.json"
    if not info.exists():
        return {}
    facts = json.loads(info.read_text())
    return {"Paket (PyInstaller)": f"{facts['size_bytes'] / 1024 / 1024:.0f} MB (mål < 200 MB), byggt på {facts['build_seconds']:.0f} s"}


def _number(value: float, unit: str) -> str:
    text = f"{value:.3f} s" if unit == "s" else f"{value:.0f} {unit}"
    return text.replace(".", ",")


def table(rows: list[Row]) -> str:
    lines = ["| Område | Mått | Median | Baslinje | Kvot | Mål | Uppfyllt |", "|---|---|---:|---|---:|---|:---:|"]
    for row in rows:
        base = f"{row.baseline}: {_number(row.baseline_value, row.unit)}" if row.baseline_value else ""
        ratio = f"{row.ratio:.2f}×".replace(".", ",") if row.ratio is not None else ""
        met = {True: "ja", False: "**nej**", None: ""}[row.met]
        lines.append(f"| {row.section} | {row.what} | {_number(row.value, row.unit)} | {base} | {ratio} | {row.target} | {met} |")
    return "\n".join(lines)


NOTES = "## Notes"


def kept_notes() -> str:
    """The hand-written notes under the table (what stands in the way of a missed target) survive a rerun."""
    if not RESULTS.exists():
        return ""
    text = RESULTS.read_text(encoding="utf-8")
    return text.split(NOTES, 1)[1] if NOTES in text else ""


def write_results(rows: list[Row], notes: str, facts: dict[str, str]) -> None:
    text = [
        "# Benchmarks",
        "",
        "Skrivs av `make bench` (`python -m bench`); varje mått är medianen av flera körningar, varje avsnitt i en egen process.",
        "",
        "| Maskin | |",
        "|---|---|",
        *[f"| {key} | {value} |" for key, value in facts.items()],
        "",
        table(rows),
        "",
    ]
    if notes:
        text += [NOTES, "", notes.strip(), ""]
    RESULTS.write_text("\n".join(text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--section", choices=sorted(SECTIONS), action="append",
                        help="kör bara detta avsnitt (kan upprepas); utan: alla, och skriv bench/results.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        # a child of the runner: one section, its rows as JSON on the last line
        print(json.dumps([asdict(r) for r in SECTIONS[args.section[0]]()]))
        return 0
    names = args.section or list(SECTIONS)
    upgrade_stale_databases()
    print(f"Kör {', '.join(names)} …", file=sys.stderr)
    facts = {**machine(), **bundle_facts()}
    results = {name: run_section(name) for name in names}
    facts["Belastning efter körningen"] = _load()
    failed = [name for name, section in results.items() if section is None]
    rows = [row for section in results.values() if section for row in section]
    print(table(rows))
    if args.section is None:
        write_results(rows, kept_notes(), facts)
        print(f"\nSkrev {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    missed = [r.what for r in rows if r.met is False]
    if missed:
        print(f"{len(missed)} mått missar sitt mål (se Notes i bench/results.md)", file=sys.stderr)
    # a missed target is a finding, not a failure of the run; a section that could not run is
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
