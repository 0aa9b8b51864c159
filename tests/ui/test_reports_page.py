"""Rapporter: the charts show the statistics for the day, the risk bands' outcomes are listed, and the board
report and case file are exported to PDF (masked: no personnummer, no full names)."""
from __future__ import annotations

import io

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis

from app.domain.stage import Stage
from app.services import cases, registers, statistics
from tests.ui.demo_database import AS_OF, demo_copy
from ui.context import UiContext
from ui.dialogs.messages import Messages
from ui.pages.reports import ReportsPage


@pytest.fixture
def ctx(tmp_path_factory, tmp_path):
    context = demo_copy(tmp_path_factory, tmp_path)
    yield context
    context.close()


def page_for(qtbot, ctx, **modes) -> ReportsPage:
    page = ReportsPage(UiContext(ctx, AS_OF, **modes))
    qtbot.addWidget(page)
    page.show()
    return page


def bars(view) -> tuple[list[str], dict[str, list[float]]]:
    """The categories and each bar set's values, as drawn."""
    chart = view.chart()
    [series] = chart.series()
    assert isinstance(series, QAbstractBarSeries)
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    return axis.categories(), {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}


def test_outstanding_by_stage_is_drawn_per_open_stage(qtbot, ctx):
    page = page_for(qtbot, ctx)
    stats = statistics.statistics(ctx, AS_OF)
    categories, values = bars(page.outstanding)
    # horizontal: the first category is drawn at the bottom, so Efterbevakning comes first
    assert categories[0] == f"Efterbevakning ({stats.outstanding[-1].cases})" and categories[-1].startswith("Ny (")
    assert len(categories) == 9 and not any("Avslutad" in c for c in categories)
    assert values["Utestående"] == [round(s.total_ore / 100) for s in reversed(stats.outstanding)]
    assert sum(values["Utestående"]) == pytest.approx(stats.total_outstanding_ore / 100, abs=9)
    assert page.summary.text().startswith("<b>29 öppna ärenden</b> med sammanlagt <b>")
    assert "per 1 december 2026" in page.summary.text()


def test_cases_opened_and_closed_per_month(qtbot, ctx):
    page = page_for(qtbot, ctx)
    categories, values = bars(page.months)
    assert categories == ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"]
    assert page.months.chart().title().endswith("(jan 2026 – dec 2026)")
    assert values["Avslutade"] == [0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 0]  # written off in August, paid and withdrawn in October
    assert sum(values["Öppnade"]) == sum(m.opened for m in statistics.statistics(ctx, AS_OF).months)


def test_days_per_stage_leave_out_surveillance_and_say_so(qtbot, ctx):
    page = page_for(qtbot, ctx)
    categories, values = bars(page.durations)
    assert "Efterbevakning" not in categories and categories[-1] == "Ny"
    stats = {d.stage: d for d in statistics.statistics(ctx, AS_OF).durations}
    assert values["Dagar"][categories.index("Inkassokrav")] == round(stats[Stage.INKASSOKRAV].average_days)
    assert page.durations_note.text().startswith("Efterbevakning visas inte")


def test_risk_band_outcomes_are_listed_with_their_notes(qtbot, ctx):
    page = page_for(qtbot, ctx)
    rows = page.calibration.visible_text()
    assert [r[0] for r in rows] == ["Låg", "Medel", "Hög", "Alla"]
    assert rows[-1][1] == str(sum(int(r[1]) for r in rows[:-1]))
    assert "för få för att dra slutsatser" in page.calibration_notes.text()


def test_the_page_follows_the_day_shown(qtbot, ctx):
    page = page_for(qtbot, ctx)
    page.ui.as_of = AS_OF.replace(month=6, day=30)
    page.refresh()
    categories, _values = bars(page.months)
    assert page.months.chart().title().endswith("(juli 2025 – juni 2026)") and categories[0] == "juli"


def test_read_only_changes_nothing_here_and_says_so(qtbot, ctx):
    page = page_for(qtbot, ctx, read_only=True)
    assert page.banner.isVisible() and "Skrivskyddat läge" in page.banner.text()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pnr_forms(digits: str) -> set[str]:
    return {digits, digits[2:], f"{digits[:8]}-{digits[8:]}", f"{digits[2:8]}-{digits[8:]}"}


def test_masked_board_report_has_no_personnummer_or_full_name(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(Messages, "inform", classmethod(lambda cls, *a, **k: None))
    page = page_for(qtbot, ctx, masked=True)
    path = page.export_board_report(tmp_path / "styrelse.pdf")
    text = " ".join(pdf_text(path.read_bytes()).split())
    rows = [r for r in cases.list_cases(ctx, AS_OF) if r.stage is not Stage.AVSLUTAD]
    assert all(r.unit in text for r in rows)  # every open case is there, by its unit number
    persons = registers.list_persons(ctx)
    assert not [p.name for p in persons if p.name in text]
    assert not [n for p in persons if p.personnummer for n in pnr_forms(p.personnummer) if n in text]
    # debtors by initials only (the report and the board both write "E.S.")
    assert all(r.debtor_initials.replace(" ", "") in text.replace(" ", "") for r in rows)


def test_the_unmasked_board_report_names_the_debtors(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(Messages, "inform", classmethod(lambda cls, *a, **k: None))
    page = page_for(qtbot, ctx)
    text = " ".join(pdf_text(page.export_board_report(tmp_path / "styrelse.pdf").read_bytes()).split())
    assert any(p.name in text for p in registers.list_persons(ctx))


def test_a_case_file_is_exported_for_the_chosen_case(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(Messages, "inform", classmethod(lambda cls, *a, **k: None))
    page = page_for(qtbot, ctx)
    row = next(r for r in cases.list_cases(ctx, AS_OF) if r.stage is Stage.ATERVINNINGSFRIST)
    monkeypatch.setattr("ui.pages.reports.CaseFileDialog.ask", classmethod(lambda cls, parent, ui: row.case_id))
    monkeypatch.setattr("ui.pages.reports.FilePicker.save", classmethod(lambda cls, *a: tmp_path / "akt.pdf"))
    path = page.export_case_file()
    text = " ".join(pdf_text(path.read_bytes()).split())
    assert path.read_bytes().startswith(b"%PDF") and row.unit in text
