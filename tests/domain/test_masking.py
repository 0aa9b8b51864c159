"""Initials for the masked board and report: the same everywhere."""
from app.domain.masking import initials


def test_initials():
    assert initials("Tolvan Tolvansson") == "T.T."
    assert initials("Anna-Karin af Klint") == "A.K.A.K."
    assert initials("") == "–"
