"""The start page's warning when the current half-year's referensränta is missing (räntelagen 9 §)."""
from __future__ import annotations

from datetime import date

from app.services import association, settings
from app.services.rates_warning import missing_current_rate


def test_missing_rate_is_named_with_the_stand_in_until_it_is_entered(tmp_path):
    info = association.AssociationInfo(name="Brf Räntan", orgnr="556036-0793", bankgiro="5050-1055")
    ctx = association.create(str(tmp_path / "r.sqlite"), info)
    # the shipped table ends with 2026-01-01 (2,00 %) on purpose
    assert missing_current_rate(ctx, date(2026, 6, 30)) is None
    warning = missing_current_rate(ctx, date(2026, 7, 1))
    assert warning is not None
    assert warning.startswith("Referensräntan för halvåret från 1 juli 2026 saknas (räntelagen 9 §).")
    assert "preliminärt med den senast kända referensräntan, 2,00 % (från 1 januari 2026)" in warning
    assert "Inställningar → Referensränta" in warning
    settings.set_value(ctx, "referensranta.2026-07-01", "1,50", date(2026, 7, 1))
    assert missing_current_rate(ctx, date(2026, 12, 31)) is None
    assert "från 1 januari 2027" in missing_current_rate(ctx, date(2027, 1, 1))
    ctx.close()
