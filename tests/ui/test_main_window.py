"""The main window: navigation from the page registry, remembered size and page, shortcuts, refresh
after changes made elsewhere, and no English on screen."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from app.domain.event import Event, EventKind
from app.domain.stage import Stage
from app.services import cases
from tests.ui.demo_database import AS_OF
from ui.main_window import MainWindow
from ui.pages import ORDER, page_specs

pytestmark = pytest.mark.usefixtures("no_qt_warnings")


def nav_titles(window) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_navigation_lists_the_registered_pages_in_order(window):
    titles = nav_titles(window)
    assert titles[:2] == ["Att göra", "Ärendetavla"]
    specs = page_specs()
    assert titles == [s.title for s in specs]
    assert [s.order for s in specs] == sorted(s.order for s in specs)
    assert all(s.order in ORDER.values() for s in specs)
    # a page is listed only once it exists: every entry opens a real page
    for i in range(window.nav.count()):
        window.nav.setCurrentRow(i)
        assert window.stack.currentWidget() is window.pages[specs[i].key]


def test_the_window_remembers_its_size_and_last_page(qtbot, ctx, tmp_path, messages):
    settings = QSettings(str(tmp_path / "fonster.ini"), QSettings.Format.IniFormat)
    first = MainWindow(ctx, AS_OF, fixed_date=True, settings=settings)
    qtbot.addWidget(first)
    first.show()
    assert first.current_key() == "todo"  # the start page the first time
    first.resize(1000, 666)
    first.show_page("board")
    first.close()
    second = MainWindow(ctx, AS_OF, fixed_date=True, settings=settings)
    qtbot.addWidget(second)
    second.show()
    assert second.current_key() == "board"
    # the offscreen screen is 800 px wide, so Qt fits the width to it; the height comes back as left
    assert second.height() == 666
    assert "todo" not in second.pages  # pages are built when first shown


def test_shortcuts_switch_pages_and_f5_recalculates(qtbot, window, ctx):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "board"
    board = window.pages["board"]
    assert "1012" in {r.unit for r in board.columns[Stage.INKASSOKRAV].model.case_rows()}
    # another program records that 1012's demand was contested; F5 shows it
    cases.record_event(ctx, 4, Event(EventKind.OBJECTION, AS_OF, grounded=True), AS_OF)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    row = next(r for r in board.columns[Stage.INKASSOKRAV].model.case_rows() if r.unit == "1012")
    assert [s.label for s in row.side_states] == ["Bestridd"]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "todo"


def test_ctrl_f_searches_the_page_shown(qtbot, window):
    def ctrl_f(key: str):  # noqa: ANN202
        window.show_page(key)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        return window.focusWidget()

    assert ctrl_f("cases") is window.pages["cases"].search
    assert ctrl_f("documents") is window.pages["documents"].search
    assert ctrl_f("payments") is window.pages["payments"].unmatched.search
    registers = window.page("registers")
    assert ctrl_f("registers") is registers.units.search
    registers.tabs.setCurrentWidget(registers.persons)
    assert ctrl_f("registers") is registers.persons.search
    # a page without a list of its own searches the board
    assert ctrl_f("todo") is window.pages["board"].search and window.current_key() == "board"


def test_changes_saved_elsewhere_are_noticed_by_polling(window, ctx):
    window.show_page("board")
    assert window.poll_changes() is False  # nothing new
    cases.record_event(ctx, 1, Event(EventKind.DEMAND_SENT, AS_OF, method="post"), AS_OF)
    assert window.poll_changes() is True
    board = window.pages["board"]
    assert "1009" in {r.unit for r in board.columns[Stage.INKASSOKRAV].model.case_rows()}
    assert window.poll_changes() is False


def test_a_save_by_someone_else_just_before_our_own_is_not_hidden(window, ctx):
    from ui.context import Change

    window.show_page("board")
    board = window.pages["board"]
    cases.record_event(ctx, 1, Event(EventKind.DEMAND_SENT, AS_OF, method="post"), AS_OF)  # another treasurer
    cases.record_event(ctx, 2, Event(EventKind.DEMAND_SENT, AS_OF, method="post"), AS_OF)  # our own save …
    window.ui.notify(Change("event", (2,)))  # … which reloads case 2 only, and sees the counter jump by two
    units = {r.unit for r in board.columns[Stage.INKASSOKRAV].model.case_rows()}
    assert {"1009", "1010"} <= units  # the other treasurer's case moved too
    assert window.poll_changes() is False


def test_escape_leaves_a_case_for_the_page_it_came_from(qtbot, window):
    window.show_page("board")
    window.open_case(8)
    assert window.nav.currentItem().text() == "Ärendetavla"  # where the case was opened from
    qtbot.keyClick(window.detail, Qt.Key.Key_Escape)
    assert window.current_key() == "board"


ENGLISH = re.compile(r"\b(the|and|of|to|cancel|save|open|close|print|file|error|warning|ok\b|yes|no)\b", re.IGNORECASE)


def visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(re.sub(r"<[^>]+>", " ", widget.text()))
        texts.append(widget.toolTip())
    return [t for t in texts if t]


def test_no_english_on_the_pages(window):
    for key in ("todo", "board"):
        window.show_page(key)
        english = [t for t in visible_texts(window) if ENGLISH.search(t.replace("&", ""))]
        assert not english, english
    window.open_case(8)
    english = [t for t in visible_texts(window) if ENGLISH.search(t.replace("&", ""))]
    assert not english, english
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["Arkiv", "Redigera", "Visa"]


def test_at_start_up_the_window_paints_first_and_then_recalculates(qtbot, ctx, settings, messages):
    window = MainWindow(ctx, AS_OF, fixed_date=True, settings=settings, load_after_paint=True)
    qtbot.addWidget(window)
    assert window.pages["todo"].model.all_rows() == []  # nothing computed before the window is on screen
    assert "Räknar om ärendena" in window.date_label.text()
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.show()
    assert any(r.unit == "1009" for r in window.pages["todo"].model.all_rows())
    assert "Läget per" in window.date_label.text()
    window.show_page("board")  # a page first shown later fills at once
    assert window.pages["board"].model.rowCount() == 32


def unnamed_controls(root: QWidget) -> list[str]:
    """Inputs and lists a screen reader could not name (buttons and check boxes are named by their text)."""
    from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QHeaderView, QLineEdit

    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or isinstance(widget, QHeaderView):  # a header belongs to its named view
            continue
        if isinstance(widget, (QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox)) and not widget.accessibleName():
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # the editor inside a named combo box or date field
            missing.append(f"{type(widget).__name__} {widget.objectName()} in {type(widget.parent()).__name__}")
        if isinstance(widget, QAbstractButton) and not (widget.text().strip() or widget.accessibleName()) and widget.isEnabled():
            missing.append(f"{type(widget).__name__} without text in {type(widget.parent()).__name__}")
    return missing


def test_every_control_has_an_accessible_name(window):
    for key in ("todo", "board", "cases", "documents"):
        window.show_page(key)
        assert not unnamed_controls(window), (key, unnamed_controls(window))
    window.open_case(8)
    for index in range(window.detail.tabs.count()):
        window.detail.tabs.setCurrentIndex(index)
        assert not unnamed_controls(window.detail), (window.detail.tabs.tabText(index), unnamed_controls(window.detail))


def test_pages_are_imported_only_when_first_shown(ctx, tmp_path):
    """Start-up builds the page shown; the others (QtCharts, ReportLab …) are imported when first opened."""
    import subprocess
    import sys

    script = (
        "import sys; from datetime import date; from PySide6.QtCore import QSettings; "
        "from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from app.services.context import open_database; from ui.main_window import MainWindow; "
        f"w = MainWindow(open_database({str(ctx.target)!r}), date(2026, 12, 1), fixed_date=True, "
        f"settings=QSettings({str(tmp_path / 'ui.ini')!r}, QSettings.Format.IniFormat)); "  # not the null device: Qt saves by renaming over it
        "print(sorted(m for m in sys.modules if m.startswith('ui.pages.')))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}, check=True).stdout
    assert out.strip() == "['ui.pages.todo']"


def test_the_start_page_warns_when_this_half_years_reference_rate_is_missing(window):
    # the demo has no referensränta for the half-year from 2026-07-01 (räntelagen 9 §)
    notices = window.page("todo").notices
    assert notices.isVisible()
    assert "Referensräntan för halvåret från 1 juli 2026 saknas" in notices.text()


def test_the_frame_is_painted_before_the_database_opens(qtbot, ctx, settings, messages):
    shell = MainWindow(None, AS_OF, fixed_date=True, settings=settings, load_after_paint=True)
    qtbot.addWidget(shell)
    shell.show()
    qtbot.waitExposed(shell)
    assert shell.windowTitle() == "Bostadsinkasso" and shell.placeholder.isVisible()
    assert not shell.nav.isEnabled() and nav_titles(shell)[:2] == ["Att göra", "Ärendetavla"]
    with qtbot.waitSignal(shell.loaded, timeout=20_000):
        shell.attach(ctx)
    assert shell.windowTitle() == "Bostadsinkasso – Bostadsrättsföreningen Solgläntan (demo)"
    assert shell.nav.isEnabled() and not shell.placeholder.isVisible()
    assert any(r.unit == "1009" for r in shell.pages["todo"].model.all_rows())


def test_the_program_has_its_icon():
    from ui.app import application_icon

    icon = application_icon()
    assert icon is not None and not icon.isNull()
