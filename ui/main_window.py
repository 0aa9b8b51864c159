"""The main window: navigation over the registered pages, the case detail, the modes banner, shortcuts;
it remembers its size and last page, and refreshes the pages after every `changed`."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from typing import TYPE_CHECKING

from app.domain.problem import Refused
from app.services.clock import today
from ui import presentation
from ui.context import Change, UiContext
from ui.pages import PageSpec, page_specs

if TYPE_CHECKING:  # the services (SQLAlchemy …) load after the window's first paint
    from app.services.context import AppContext
    from app.services.instance_lock import Lock

DETAIL_KEY = "case"
START_PAGE = "todo"


class MainWindow(QMainWindow):
    loaded = Signal()  # the first page has its data (at once, or after the first paint when deferred)

    def __init__(self, ctx: AppContext | None, as_of: date, masked: bool = False, fixed_date: bool = False,
                 read_only: bool = False, settings: QSettings | None = None, load_after_paint: bool = False,
                 lock: Lock | None = None) -> None:
        """With `ctx` None the window is only its frame (start-up paints it before the database opens);
        `attach(ctx)` then fills it."""
        super().__init__()
        self.lock = lock  # the writer's lock on the database file (restore replaces the file under it)
        # load_after_paint: the window appears at once and the day's recalculation follows (start-up)
        self.deferred = load_after_paint
        self.ctx = ctx
        self.ui = UiContext(ctx, as_of, masked=masked, read_only=read_only, fixed_date=fixed_date, parent=self)
        self.settings = settings or QSettings()
        self.specs: list[PageSpec] = page_specs()
        self.pages: dict[str, QWidget] = {}
        # what each hidden page has missed: the changes (refreshed case by case) or None (reload all)
        self.pending: dict[str, list[Change] | None] = {}
        self.batch = None
        self.association_name = ""
        self._build()
        self._build_menus()
        self.day_timer = QTimer(self)
        self.poll_timer = QTimer(self)
        self.seen_version: int | None = None
        if ctx is None:
            self._restore_geometry()
            self._set_enabled(False)
        else:
            self.attach(ctx, read_only=read_only, lock=lock)

    def _set_enabled(self, enabled: bool) -> None:
        """The frame shown before the database is open takes no commands (menus, shortcuts, navigation)."""
        self.menuBar().setEnabled(enabled)
        self.nav.setEnabled(enabled)
        for action in self.findChildren(QAction):
            action.setEnabled(enabled)

    def attach(self, ctx: AppContext, read_only: bool = False, lock: Lock | None = None) -> None:
        """Open the window on the database: the association's name, the modes, the remembered page."""
        from app.services import association

        self.ctx = ctx
        self.lock = lock or self.lock
        self.ui.ctx = ctx
        self.ui.read_only = read_only or ctx.read_only
        self.association_name = association.get(ctx).name
        self._set_enabled(True)
        self.ui.changed.connect(self._changed)
        self.ui.modes_changed.connect(self._modes_changed)
        self.ui.open_case_requested.connect(self.open_case)
        self._modes_changed()
        self._restore()
        self.day_timer.timeout.connect(self.follow_clock)
        if not self.ui.fixed_date:
            self.day_timer.start(60_000)  # a new day recalculates what is due
        self.seen_version = self._data_version()
        self.poll_timer.timeout.connect(self.poll_changes)
        self.poll_timer.start(5_000)  # another treasurer or a nightly import saved something
        self._queue_first_load()

    # --- building ---
    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = QLabel()
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setAccessibleName("Läge")
        self.banner.setStyleSheet("color: white; font-weight: bold; font-size: 13pt; padding: 6px;")
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setAccessibleName("Navigering")
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.nav.setFont(font)
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget::item { padding: 7px 8px; }")
        for number, spec in enumerate(self.specs, start=1):
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            shortcut = self.shortcut_for(number)
            item.setToolTip(" ".join(x for x in (spec.tooltip, f"({shortcut})" if shortcut else "") if x))
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, spec.tooltip)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.itemClicked.connect(lambda item: self.show_page(item.data(Qt.ItemDataRole.UserRole)))
        self.side = QWidget()
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.nav, 1)
        self.date_label = QLabel()
        self.date_label.setWordWrap(True)
        self.date_label.setAccessibleName("Dagens datum")
        side.addWidget(self.date_label)
        self.side.setFixedWidth(190)
        body.addWidget(self.side)
        self.stack = QStackedWidget()
        self.placeholder = QLabel("Öppnar databasen …")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setAccessibleName("Startar")
        self.stack.addWidget(self.placeholder)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self._detail = None  # the case detail page, built when a case is first opened
        self.previous_key = START_PAGE
        self._update_title()

    def _build_menus(self) -> None:
        menu = self.menuBar()
        arkiv = menu.addMenu("&Arkiv")
        self.batch_action = self._action(arkiv, "Skriv ut allt som är &förfallet …", "Ctrl+Shift+P", self.print_all_due)
        arkiv.addSeparator()
        self._action(arkiv, "&Säkerhetskopiera nu", None, self.backup_now)
        self.restore_action = self._action(arkiv, "Åte&rställ från säkerhetskopia …", None, self.restore_backup)
        self.purge_action = self._action(arkiv, "&Gallra personuppgifter i gamla ärenden …", None, self.purge)
        arkiv.addSeparator()
        self._action(arkiv, "&Avsluta", "Ctrl+Q", self.close)
        edit = menu.addMenu("&Redigera")
        self.undo_action = self._action(edit, "Å&ngra senaste steget i ärendet …", QKeySequence.StandardKey.Undo, self.undo)
        self._action(edit, "&Sök …", QKeySequence.StandardKey.Find, self.find)
        self._action(edit, "Skriv &ut …", QKeySequence.StandardKey.Print, self.print_current)
        view = menu.addMenu("&Visa")
        self._action(view, "&Uppdatera", QKeySequence.StandardKey.Refresh, self.refresh_all)
        for number, spec in enumerate(self.specs, start=1):
            self._action(view, spec.title, self.shortcut_for(number), lambda key=spec.key: self.show_page(key))
        view.addSeparator()
        self.masked_action = self._action(view, "&Maskerat läge (för projektor)", "Ctrl+M", lambda: self.ui.set_masked(self.masked_action.isChecked()))
        self.masked_action.setCheckable(True)
        self.masked_action.setChecked(self.ui.masked)
        self._action(view, "&Helskärm", "F11", self.toggle_full_screen)
        self.side_action = self._action(view, "&Sidopanelen", "Ctrl+Shift+B", lambda: self.show_side(self.side_action.isChecked()))
        self.side_action.setCheckable(True)
        self.side_action.setChecked(True)
        self.side_action.setToolTip("Dölj sidopanelen så att hela tavlan får plats, t.ex. på en projektor")

    @staticmethod
    def shortcut_for(number: int) -> str | None:
        """Ctrl+1 … Ctrl+9 follow the navigation's order, whichever pages are registered."""
        return f"Ctrl+{number}" if number <= 9 else None

    def _action(self, menu, text: str, shortcut, slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # --- pages ---
    @property
    def detail(self):  # noqa: ANN201 - CaseDetailPage
        if self._detail is None:
            from ui.pages.case_detail import CaseDetailPage

            self._detail = CaseDetailPage(self.ui)
            self._detail.back_requested.connect(self.go_back)
            self.stack.addWidget(self._detail)
            self._detail.set_read_only(self.ui.read_only)
            self._detail.set_masked(self.ui.masked)
        return self._detail

    def page(self, key: str) -> QWidget:
        """The page for `key`, created on first use (start-up builds only the page shown)."""
        if key == DETAIL_KEY:
            return self.detail
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.factory(self.ui)
            self.pages[key] = widget
            self.stack.addWidget(widget)
            if self.deferred:
                self.pending[key] = None
            else:
                widget.refresh()
        return self.pages[key]

    def current_key(self) -> str:
        widget = self.stack.currentWidget()
        if widget is not None and widget is self._detail:
            return DETAIL_KEY
        return next((k for k, w in self.pages.items() if w is widget), START_PAGE)

    def show_page(self, key: str) -> None:
        if key != DETAIL_KEY and not any(s.key == key for s in self.specs):
            key = self.specs[0].key if self.specs else DETAIL_KEY
        widget = self.page(key)
        if key in self.pending and not self.deferred:
            self._catch_up(widget, self.pending.pop(key))
        self.stack.setCurrentWidget(widget)
        # the case detail keeps the page it was opened from highlighted (and a focused list never jumps)
        shown = self.previous_key if key == DETAIL_KEY else key
        row = next((i for i, s in enumerate(self.specs) if s.key == shown), -1)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)
        if key != DETAIL_KEY:
            self.previous_key = key
            self.settings.setValue("window/page", key)
        self._update_title()

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.show_page(self.specs[row].key)

    def open_case(self, case_id: int, action: object = None) -> None:
        self.detail.show_case(case_id)
        self.show_page(DETAIL_KEY)
        if action is not None:
            self.detail.start_action(action)

    def go_back(self) -> None:
        self.show_page(self.previous_key)

    # --- refreshing ---
    def paintEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().paintEvent(event)
        self._painted = True
        self._queue_first_load()

    def _queue_first_load(self) -> None:
        """Deferred start-up: once the window is painted and has its database, fill the page shown."""
        if self.deferred and self.ctx is not None and getattr(self, "_painted", False) and not getattr(self, "_load_queued", False):
            self._load_queued = True
            QTimer.singleShot(0, self.first_load)

    def first_load(self) -> None:
        """After the first paint: fill the page shown (the others fill when first shown)."""
        if self.deferred:
            self.deferred = False
            key = self.current_key()
            if key in self.pending:
                self._catch_up(self.page(key), self.pending.pop(key))
            self._update_title()
        self.loaded.emit()

    @staticmethod
    def _catch_up(widget: QWidget, changes_: list[Change] | None) -> None:
        """A page with `apply_change` reloads only the cases a change names; otherwise (or when a change
        names none) the whole page reloads."""
        if changes_ is None or not hasattr(widget, "apply_change"):
            widget.refresh()
            return
        for change in changes_:
            widget.apply_change(change)

    def _changed(self, change: Change) -> None:
        current = self.current_key()
        for key, widget in self.pages.items():
            if key == current:
                self._catch_up(widget, [change] if change.case_ids else None)
            elif key not in self.pending or self.pending[key] is not None:
                self.pending[key] = [*self.pending.get(key, []), change] if change.case_ids else None
        if self._detail is not None and self._detail.case_id is not None:
            self._detail.on_changed(change)
        self._update_title()
        before, self.seen_version = self.seen_version, self._data_version()
        if change.case_ids and before is not None and self.seen_version is not None and self.seen_version > before + 1:
            # our own save moves the counter by one; more means someone else saved meanwhile
            self.ui.notify(Change("external"))

    def _data_version(self) -> int | None:
        from app.services import changes

        try:
            return changes.data_version(self.ctx)
        except Refused:
            return None

    def poll_changes(self) -> bool:
        """Reload when someone else has saved something since we last looked (not during a batch run)."""
        if self.ctx is None or (self.batch is not None and self.batch.thread.isRunning()):
            return False
        current = self._data_version()
        if current is None or current == self.seen_version:
            return False
        self.ui.notify(Change("external"))
        return True

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().changeEvent(event)
        if event.type() == event.Type.ActivationChange and self.isActiveWindow() and hasattr(self, "poll_timer"):
            self.poll_changes()

    def refresh_all(self) -> None:
        """F5: recalculate everything for the day shown."""
        if not self.ui.fixed_date:
            self.follow_clock()
        self.ui.notify(Change("refresh"))

    def follow_clock(self) -> None:
        if not self.ui.fixed_date and today() != self.ui.as_of:
            self.ui.set_as_of(today())

    def _modes_changed(self) -> None:
        texts = []
        if self.ui.read_only:
            texts.append("SKRIVSKYDDAT LÄGE – inga ändringar kan göras")
        if self.ui.masked:
            texts.append("MASKERAT LÄGE – namn och personnummer döljs")
        self.banner.setText("   ·   ".join(texts))
        self.banner.setVisible(bool(texts))
        # read-only is a warning (amber); masked is a chosen presentation mode (calm blue)
        colour = "#8a5a00" if self.ui.read_only else "#1f4e79"
        self.banner.setStyleSheet(f"background: {colour}; color: white; font-weight: bold; font-size: 13pt; padding: 6px;")
        self.masked_action.setChecked(self.ui.masked) if hasattr(self, "masked_action") else None
        for widget in [*self.pages.values(), *([self._detail] if self._detail is not None else [])]:
            widget.set_read_only(self.ui.read_only)
            widget.set_masked(self.ui.masked)
        if hasattr(self, "batch_action"):
            for action in (self.batch_action, self.undo_action, self.restore_action, self.purge_action):
                action.setEnabled(not self.ui.read_only)

    def _update_title(self) -> None:
        self.setWindowTitle(f"Bostadsinkasso – {self.association_name}" if self.association_name else "Bostadsinkasso")
        fixed = "<br><small>(fast datum)</small>" if self.ui.fixed_date else ""
        if self.deferred:
            self.date_label.setText(f"<small>Räknar om ärendena per</small><br><b>{presentation.long_day(self.ui.as_of)}</b> …")
        else:
            self.date_label.setText(f"<small>Läget per</small><br><b>{presentation.long_day(self.ui.as_of)}</b>{fixed}")

    # --- commands that act on the page shown ---
    def find(self) -> None:
        widget = self.stack.currentWidget()
        if not hasattr(widget, "focus_search"):
            widget = self.page("board")
            self.show_page("board")
        widget.focus_search()

    def print_current(self) -> None:
        widget = self.stack.currentWidget()
        if hasattr(widget, "print_current"):  # a document shown, or (Att göra) everything due
            widget.print_current()

    def undo(self) -> None:
        if self._detail is not None and self.stack.currentWidget() is self._detail:
            self._detail.undo()

    def print_all_due(self) -> None:
        from ui.batch_letters import print_all_due  # on first use: letters bring ReportLab (about a second)

        self.batch = print_all_due(self, self.ui)

    def backup_now(self) -> None:
        from ui import safety_actions

        safety_actions.backup_now(self, self.ctx)

    def restore_backup(self) -> None:
        from ui import safety_actions

        if safety_actions.restore_backup(self, self.ctx, self.lock) is not None:
            self.ui.notify(Change("restore"))  # everything may differ now

    def purge(self) -> None:
        from ui import safety_actions

        if safety_actions.purge_with_confirmation(self, self.ctx, self.ui.as_of) is not None:
            self.ui.notify(Change("purge"))

    def show_side(self, shown: bool) -> None:
        self.side.setVisible(shown)

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # --- remembering ---
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        self._geometry_restored = True

    def _restore(self) -> None:
        if not getattr(self, "_geometry_restored", False):
            self._restore_geometry()
        self.placeholder.hide()
        self.show_page(str(self.settings.value("window/page", START_PAGE)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/page", self.previous_key)
        super().closeEvent(event)
