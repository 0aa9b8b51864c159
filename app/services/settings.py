"""Settings: process offsets (never below the legal minimums), fee amounts (never above the caps),
reference rates, the treasurer's name and the backup folder."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.facts import LEGAL_MINIMUMS, AllocationOrder, FeeKind, ProcessSettings
from app.domain.money import kronor_text, parse_kronor
from app.domain.problem import Problem, Refused
from app.domain.rates import half_year_start
from app.domain.rules import Rules
from app.persistence.models import Association, FeeCapRow, ReferenceRateRow, Setting
from app.services import legal_data
from app.services.context import AppContext

PROCESS_PREFIX = "process."
FEE_PREFIX = "fee."
RATE_PREFIX = "referensranta."

PROCESS_LABELS = {
    "payment_days": "Betalningstid i inkassokravet (dagar)",
    "score_day": "Riskbedömning, dag efter kravet",
    "file_day": "Ansökan till Kronofogden, dag efter kravet",
    "inform_day": "Information till gäldenären, dag efter kravet",
    "service_day": "Uppföljning av delgivning, dag efter kravet",
    "objection_reply_days": "Svar på bestridande inom (dagar)",
    "rescore_months": "Ny riskbedömning i efterbevakning (månader)",
    "limitation_reminder_days": "Preskriptionspåminnelse (dagar före)",
    "pledgee_notify_day": "Underrättelse till panthavare, dag efter kravet",
}
OTHER_KEYS = {
    "process.allocation_order": "Avräkningsordning (kapital-ranta-avgifter eller avgifter-ranta-kapital)",
    "reminder_fee_agreed": "Påminnelseavgift avtalad (ja/nej)",
    "treasurer_name": "Handläggarens namn",
    "backup_folder": "Mapp för säkerhetskopior",
    "letter_note": "Eget stycke före underskriften i breven",
    "service_name": "Stämningsman (namn)",
    "service_address": "Stämningsman (adress)",
}
TEXT_KEYS = ("treasurer_name", "backup_folder", "letter_note", "service_name", "service_address")


@dataclass(frozen=True)
class SettingRow:
    key: str
    value: str
    label: str


def _stored(session: Session) -> dict[str, str]:
    return dict(session.execute(sa.select(Setting.key, Setting.value)).all())


def process_settings(session: Session) -> ProcessSettings:
    stored = _stored(session)
    defaults = ProcessSettings()
    values: dict[str, object] = {}
    for name in PROCESS_LABELS:
        raw = stored.get(PROCESS_PREFIX + name)
        values[name] = int(raw) if raw is not None else getattr(defaults, name)
    order = stored.get("process.allocation_order")
    values["allocation_order"] = AllocationOrder(order) if order else defaults.allocation_order
    association = session.scalars(sa.select(Association)).first()
    values["reminder_fee_agreed"] = bool(association and association.reminder_fee_agreed)
    return dataclasses.replace(defaults, **values)


def rules(session: Session, as_of: date) -> Rules:
    return Rules(legal_data.calendar_around(as_of), legal_data.rate_table(session), process_settings(session))


def fee_cap(session: Session, kind: FeeKind, on: date) -> int | None:
    return session.scalar(
        sa.select(FeeCapRow.cap_ore)
        .where(FeeCapRow.kind == kind, FeeCapRow.valid_from <= on)
        .order_by(FeeCapRow.valid_from.desc())
        .limit(1)
    )


def fee_amount(session: Session, kind: FeeKind, on: date) -> int:
    """What the association charges for a fee: its own setting, never above the legal cap."""
    cap = fee_cap(session, kind, on) or 0
    raw = session.get(Setting, FEE_PREFIX + kind.value)
    return min(cap, int(raw.value)) if raw is not None else cap


@dataclass(frozen=True)
class FeeSetting:
    kind: FeeKind
    amount_ore: int  # what the association charges (never above the cap)
    cap_ore: int | None  # the legal cap on the day, None when the law sets none
    source: str  # where the cap comes from


def fee_settings(ctx: AppContext, as_of: date) -> list[FeeSetting]:
    """Each fee with what the association charges and the legal cap it may not exceed on as_of."""
    with ctx.reading() as session:
        rows = []
        for kind in FeeKind:
            cap_row = session.scalars(
                sa.select(FeeCapRow).where(FeeCapRow.kind == kind, FeeCapRow.valid_from <= as_of).order_by(FeeCapRow.valid_from.desc()).limit(1)
            ).first()
            rows.append(FeeSetting(kind, fee_amount(session, kind, as_of), cap_row.cap_ore if cap_row else None, cap_row.source if cap_row else ""))
        return rows


def show(ctx: AppContext, as_of: date) -> list[SettingRow]:
    with ctx.reading() as session:
        settings = process_settings(session)
        stored = _stored(session)
        rows = [SettingRow(PROCESS_PREFIX + n, str(getattr(settings, n)), label) for n, label in PROCESS_LABELS.items()]
        rows.append(SettingRow("process.allocation_order", settings.allocation_order.value, OTHER_KEYS["process.allocation_order"]))
        rows.append(SettingRow("reminder_fee_agreed", "ja" if settings.reminder_fee_agreed else "nej", OTHER_KEYS["reminder_fee_agreed"]))
        for key in TEXT_KEYS:
            rows.append(SettingRow(key, stored.get(key, ""), OTHER_KEYS[key]))
        for kind in FeeKind:
            amount = fee_amount(session, kind, as_of)
            rows.append(SettingRow(FEE_PREFIX + kind.value, str(amount), f"{kind.label} (öre; tak {kronor_text(fee_cap(session, kind, as_of) or 0)})"))
        for rate in session.scalars(sa.select(ReferenceRateRow).order_by(ReferenceRateRow.valid_from)):
            percent = Decimal(rate.hundredths) / 100
            rows.append(SettingRow(RATE_PREFIX + rate.valid_from.isoformat(), f"{percent:.2f}", f"Referensränta från {rate.valid_from.isoformat()} ({rate.source or 'angiven av användaren'})"))
        return rows


def set_value(ctx: AppContext, key: str, value: str, as_of: date) -> None:
    """Change one setting; a value outside the law is refused and nothing changes."""
    with ctx.transaction() as session:
        problem = _apply(session, key.strip(), value.strip(), as_of)
        if problem is not None:
            raise Refused(problem)


def set_values(ctx: AppContext, values: dict[str, str], as_of: date) -> None:
    """Change several settings in one transaction (a settings form): all of them, or none if any is refused."""
    with ctx.transaction() as session:
        problems = [p for key, value in values.items() if (p := _apply(session, key.strip(), value.strip(), as_of)) is not None]
        if problems:
            raise Refused(problems)


def _apply(session: Session, key: str, value: str, as_of: date) -> Problem | None:
    if key.startswith(PROCESS_PREFIX) and key[len(PROCESS_PREFIX):] in PROCESS_LABELS:
        return _apply_offset(session, key, value)
    if key == "process.allocation_order":
        if value not in {o.value for o in AllocationOrder}:
            return Problem("setting.choice", f"Ogiltigt värde för {key}: välj {' eller '.join(o.value for o in AllocationOrder)}.", key)
        return _store(session, key, value)
    if key == "reminder_fee_agreed":
        flag = _parse_bool(value)
        if flag is None:
            return Problem("setting.bool", "Ange ja eller nej för reminder_fee_agreed.", key)
        association = session.scalars(sa.select(Association)).first()
        if association is None:
            return Problem("association.missing", "Föreningen är inte upplagd ännu.", key)
        association.reminder_fee_agreed = flag
        return None
    if key in TEXT_KEYS:
        return _store(session, key, value)
    if key.startswith(FEE_PREFIX):
        return _apply_fee(session, key, value, as_of)
    if key.startswith(RATE_PREFIX):
        return _apply_rate(session, key, value)
    return Problem("setting.unknown", f"Okänd inställning: {key}. Se ”bostadsinkasso settings show”.", key)


def _apply_offset(session: Session, key: str, value: str) -> Problem | None:
    name = key[len(PROCESS_PREFIX):]
    # ASCII digits only ("²".isdigit() is true), and a bound: a huge offset would overflow every date after it
    if not (value.isascii() and value.isdigit()) or len(value) > 4:
        return Problem("setting.int", f"{PROCESS_LABELS[name]} måste vara ett heltal mellan 0 och 9999, inte ”{value}”.", key)
    minimum = LEGAL_MINIMUMS.get(name, 0)
    if int(value) < minimum:
        rule = " (inkassolagen 5 §: minst 8 dagar)" if name == "payment_days" else " (inkassolagen 6 §: inga rättsliga åtgärder före betalningstidens slut)" if name in ("file_day", "score_day", "inform_day", "service_day") else ""
        return Problem("setting.below_minimum", f"{PROCESS_LABELS[name]} får inte vara mindre än {minimum}{rule}.", key)
    return _store(session, key, str(int(value)))


def _apply_fee(session: Session, key: str, value: str, as_of: date) -> Problem | None:
    try:
        kind = FeeKind(key[len(FEE_PREFIX):])
    except ValueError:
        return Problem("setting.unknown", f"Okänd avgift: {key}.", key)
    amount = parse_kronor(value, key)
    if isinstance(amount, Problem):
        return amount
    cap = fee_cap(session, kind, as_of)
    if cap is None:
        return Problem("fee.no_cap", f"Inget lagstadgat tak finns för {kind.label}.", key)
    if amount < 0 or amount > cap:
        return Problem("fee.over_cap", f"{kind.label} får högst vara {kronor_text(cap)} (lag 1981:739 om ersättning för inkassokostnader m.m.). {kronor_text(amount)} nekas.", key)
    return _store(session, key, str(amount))


def _apply_rate(session: Session, key: str, value: str) -> Problem | None:
    try:
        valid_from = date.fromisoformat(key[len(RATE_PREFIX):])
    except ValueError:
        return Problem("rate.date", f"Ogiltigt datum i {key}: ange halvårets första dag, t.ex. referensranta.2026-07-01.", key)
    if valid_from != half_year_start(valid_from) or valid_from.day != 1:
        return Problem("rate.date", "Referensräntan gäller från 1 januari eller 1 juli (räntelagen 9 §).", key)
    try:
        percent = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return Problem("rate.value", f"Ogiltig räntesats: ”{value}”. Skriv t.ex. 2,00 (hela eller halva procentenheter).", key)
    if not percent.is_finite():  # NaN, sNaN and Infinity parse, but are no rate (sNaN even raises on use)
        return Problem("rate.value", f"Ogiltig räntesats: ”{value}”. Skriv t.ex. 2,00 (hela eller halva procentenheter).", key)
    if percent * 2 != (percent * 2).to_integral_value():
        return Problem("rate.rounding", "Referensräntan avrundas uppåt till närmaste halva procentenhet (räntelagen 9 §).", key)
    if not Decimal(-10) <= percent <= Decimal(30):
        return Problem("rate.range", f"Orimlig referensränta: {value} %.", key)
    row = session.get(ReferenceRateRow, valid_from)
    if row is None:
        session.add(ReferenceRateRow(valid_from=valid_from, hundredths=int(percent * 100), source="angiven av användaren", verified=False))
    else:
        row.hundredths, row.source = int(percent * 100), "ändrad av användaren"
    return None


def _store(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    return None


def _parse_bool(value: str) -> bool | None:
    return {"ja": True, "yes": True, "true": True, "1": True, "nej": False, "no": False, "false": False, "0": False}.get(value.lower())


def get_text(ctx: AppContext, key: str, default: str = "") -> str:
    with ctx.reading() as session:
        return _stored(session).get(key, default)
