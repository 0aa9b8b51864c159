"""Masking people for projection and the masked board report: initials only (data minimisation)."""
from __future__ import annotations


def initials(name: str) -> str:
    """'Tolvan Tolvansson' -> 'T.T.'; a double name counts as two ('Anna-Karin Ek' -> 'A.K.E.')."""
    return "".join(part[0].upper() + "." for part in name.replace("-", " ").split() if part) or "–"
