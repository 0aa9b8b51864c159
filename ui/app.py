"""The composition root: builds the application context, services and the main window.

Start-up shows the main window's frame first and only then imports the services (SQLAlchemy …),
opens the database and fills the window – the treasurer sees the program at once.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.problem import Refused
from app.services.clock import today
from ui.dialogs.messages import Messages
from ui.main_window import MainWindow
from ui.presentation import apply_theme

if TYPE_CHECKING:
    from types import TracebackType

    from app.services.context import AppContext

log = logging.getLogger(__name__)
UNEXPECTED = ("Något gick fel i programmet ({name}). Det du just gjorde kan ha avbrutits; det som redan var sparat "
              "finns kvar. Se loggfilen för detaljer.")


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Bostadsinkasso")
    app.setOrganizationName("Bostadsinkasso")
    app.setApplicationDisplayName("Bostadsinkasso")
    icon = application_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    apply_theme(app)
    install_swedish_qt(app)
    return app


def install_swedish_qt(app: QApplication) -> bool:
    """Qt's own texts in Swedish: the buttons of QInputDialog, QFileDialog and QMessageBox ('Avbryt', 'Ja'),
    a text field's context menu ('Klipp ut', 'Kopiera'). Installed once per application."""
    if getattr(app, "_bostadsinkasso_translator", None) is not None:
        return True
    translator = QTranslator(app)
    swedish = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    if hasattr(sys, "_MEIPASS"):  # a bundle keeps the *_sv.qm files beside the Qt libraries it ships
        bundle = Path(sys._MEIPASS) / "PySide6"  # noqa: SLF001
        folders += [str(bundle / "Qt" / "translations"), str(bundle / "translations")]  # Linux/macOS, Windows
    if not any(translator.load(swedish, "qtbase", "_", folder) for folder in folders):
        return False  # English Qt texts rather than no program
    app.installTranslator(translator)
    app._bostadsinkasso_translator = translator  # noqa: SLF001 - kept alive with the application
    return True


def report_unexpected(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the GUI: an error in a slot is logged and told in Swedish. (PySide prints it to a
    console that a desktop program does not have, and carries on as if nothing had happened.)"""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.error("unexpected error in the GUI", exc_info=(kind, value, tb))
    Messages.refused(QApplication.activeWindow(), (UNEXPECTED.format(name=kind.__name__),), heading="Ett oväntat fel inträffade.")


def application_icon() -> QIcon | None:
    """The program's icon: shipped in resources/icons in a bundle, in packaging/ in a checkout."""
    root = Path(__file__).resolve().parents[1]
    bundle = Path(getattr(sys, "_MEIPASS", root)) / "resources" / "icons" / "bostadsinkasso.png"
    for path in (bundle, root / "packaging" / "bostadsinkasso.png"):
        if path.is_file():
            return QIcon(str(path))
    return None


def open_context(target: str, read_only: bool) -> AppContext | None:
    """Open the database, or walk the user through the first run when there is none."""
    from app.services.context import database_exists, display_target, open_database

    if not database_exists(target):
        if read_only:
            QMessageBox.critical(None, "Bostadsinkasso", f"Ingen databas finns på {display_target(target)}.")
            return None
        from ui.first_run import FirstRunDialog  # only on the very first run: keeps start-up light

        target = FirstRunDialog.ask(target)
        if target is None:
            return None
    return open_database(target, read_only=read_only)


def show_frame() -> MainWindow:
    """The main window's frame on screen before the services load; attach() fills it once the database
    is open. Called by the console script before it even parses the command line."""
    app = _application()
    shell = MainWindow(None, as_of=today(), load_after_paint=True)
    shell.show()
    app.processEvents()
    return shell


def run_gui(args: argparse.Namespace, shell: MainWindow | None = None) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = _application()
    if not args.screenshot:
        sys.excepthook = report_unexpected
        shell = shell or show_frame()
        shell.ui.as_of = args.as_of or today()
        shell.ui.fixed_date = args.as_of is not None
        shell.ui.masked = args.masked
    from app.services import instance_lock
    from app.services.context import database_exists, display_target, resolve_target

    target = resolve_target(args.db, dict(os.environ))
    try:
        if args.screenshot and not database_exists(target):
            raise Refused(f"Ingen databas finns på {display_target(target)}.")
        # one writer per database: a second instance opens read-only (the OS frees the lock on exit or crash)
        read_only, lock = instance_lock.open_mode(target, args.read_only)
        ctx = open_context(target, read_only=read_only)
    except Refused as refused:
        message = "\n".join(p.message for p in refused.problems)
        if args.screenshot:
            sys.stderr.write(message + "\n")
        else:
            QMessageBox.critical(shell, "Bostadsinkasso", message)
            shell.close()
        return 1
    if ctx is None:
        if shell is not None:
            shell.close()
        return 0
    if args.screenshot:
        # a throwaway settings file: a screenshot neither reads nor changes the user's window state
        scratch = QSettings(str(Path(tempfile.mkdtemp()) / "skarmbild.ini"), QSettings.Format.IniFormat)
        window = MainWindow(ctx, as_of=args.as_of or today(), masked=args.masked, fixed_date=args.as_of is not None,
                            read_only=ctx.read_only, settings=scratch)
        code = _screenshot(app, window, Path(args.screenshot))
        if lock is not None:
            lock.release()
        return code
    shell.attach(ctx, read_only=ctx.read_only, lock=lock)
    code = app.exec()
    ctx.close()
    if lock is not None:
        lock.release()
    return code


def _screenshot(app: QApplication, window: MainWindow, path: Path) -> int:
    window.resize(1400, 860)
    window.show_page("board")
    window.show()
    result = {"code": 1}

    def grab() -> None:
        app.processEvents()
        result["code"] = 0 if window.grab().save(str(path)) else 1
        window.close()
        app.quit()

    QTimer.singleShot(300, grab)
    app.exec()
    window.ctx.close()
    return result["code"]
