"""Kinds of tenure (upplåtelseform) and the legal differences between them (PROCESS.md, per kind)."""
from __future__ import annotations

from enum import StrEnum


class Tenure(StrEnum):
    BOSTADSRATT = "bostadsratt"  # BRL 7 kap.
    HYRESRATT = "hyresratt"  # JB 12 kap., a home
    LOKAL = "lokal"  # premises
    OVRIGT = "ovrigt"  # parking, storage …: no eviction track

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def has_eviction_track(self) -> bool:
        return self is not Tenure.OVRIGT

    @property
    def is_home(self) -> bool:
        return self in (Tenure.BOSTADSRATT, Tenure.HYRESRATT)

    @property
    def needs_social_notice(self) -> bool:
        # JB 12:44 / BRL 7:23: notice to socialnämnden for homes only
        return self.is_home

    @property
    def recovery_weeks(self) -> int | None:
        # JB 12:44, BRL 7:23: 3 weeks for a home, 2 for premises
        if self.is_home:
            return 3
        if self is Tenure.LOKAL:
            return 2
        return None

    @property
    def is_lease(self) -> bool:
        """A lease under JB 12 kap. (hyresrätt or premises): 12:61 applies after moving out."""
        return self in (Tenure.HYRESRATT, Tenure.LOKAL)


_LABELS = {
    Tenure.BOSTADSRATT: "Bostadsrätt",
    Tenure.HYRESRATT: "Hyresrätt",
    Tenure.LOKAL: "Lokal",
    Tenure.OVRIGT: "Övrigt",
}


class ClaimKind(StrEnum):
    AVGIFT = "avgift"  # årsavgift/månadsavgift in a bostadsrättsförening
    HYRA = "hyra"
    OVRIGT = "ovrigt"

    @property
    def label(self) -> str:
        return {"avgift": "Årsavgift", "hyra": "Hyra", "ovrigt": "Övrig avgift"}[self.value]
