"""The composition root's application: Qt's own dialogs and menus speak Swedish."""
from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit, QMessageBox

from ui.app import _application


def test_qt_s_own_buttons_read_swedish(qapp):
    _application()  # the program's application set-up on pytest-qt's instance
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
    assert sorted(b.text().replace("&", "") for b in box.buttons()) == ["Avbryt", "Ja", "Nej"]
    # 'Nytt ärende …' asks for the unit number in a QInputDialog: its buttons come from Qt
    dialog = QInputDialog()
    dialog.show()
    texts = {b.text().replace("&", "") for b in dialog.findChild(QDialogButtonBox).buttons()}
    dialog.close()
    assert "Avbryt" in texts and "Cancel" not in texts


def test_a_text_field_s_context_menu_reads_swedish(qapp):
    _application()
    field = QLineEdit()
    menu = field.createStandardContextMenu()
    texts = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
    assert texts[:2] == ["Ångra", "Gör om"] and "Kopiera" in texts and "Klistra in" in texts


def test_an_unexpected_error_in_the_gui_is_logged_and_told_in_swedish(qapp, messages, caplog):
    from ui.app import report_unexpected

    try:
        {}["saknas"]
    except KeyError as error:
        report_unexpected(type(error), error, error.__traceback__)
    assert messages.refused == [("Ett oväntat fel inträffade.", (
        "Något gick fel i programmet (KeyError). Det du just gjorde kan ha avbrutits; det som redan var sparat "
        "finns kvar. Se loggfilen för detaljer.",))]
    record = next(r for r in caplog.records if r.name == "ui.app")
    assert record.exc_info[0] is KeyError  # the traceback goes to the log file, not to the treasurer
