"""Stages of a case (the board's columns) and the side states shown as badges (PROCESS.md)."""
from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    NY = "ny"
    INKASSOKRAV = "inkassokrav"
    BEDOMNING = "bedomning"
    ANSOKAN = "ansokan"
    DELGIVNING = "delgivning"
    ATERVINNINGSFRIST = "atervinningsfrist"
    BESLUT = "beslut"
    VERKSTALLIGHET = "verkstallighet"
    EFTERBEVAKNING = "efterbevakning"
    AVSLUTAD = "avslutad"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]

    @property
    def order(self) -> int:
        return list(Stage).index(self)


_STAGE_LABELS = {
    Stage.NY: "Ny",
    Stage.INKASSOKRAV: "Inkassokrav",
    Stage.BEDOMNING: "Bedömning",
    Stage.ANSOKAN: "Ansökan",
    Stage.DELGIVNING: "Delgivning",
    Stage.ATERVINNINGSFRIST: "Återvinningsfrist",
    Stage.BESLUT: "Beslut",
    Stage.VERKSTALLIGHET: "Verkställighet",
    Stage.EFTERBEVAKNING: "Efterbevakning",
    Stage.AVSLUTAD: "Avslutad",
}


class SideState(StrEnum):
    BESTRIDD = "bestridd"  # open grounded objection: stop, investigate, reply
    AMORTERINGSPLAN = "amorteringsplan"  # an active payment plan that is kept
    TVIST = "tvist"  # contested at Kronofogden, goes to the district court

    @property
    def label(self) -> str:
        return {"bestridd": "Bestridd", "amorteringsplan": "Amorteringsplan", "tvist": "Tvist"}[self.value]
