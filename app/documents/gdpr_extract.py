"""The register extract as a PDF (dataskyddsförordningen art. 15): renders the same document the JSON
extract holds – every section, every row – in the house fonts and styles. Byte-identical for equal input."""
from __future__ import annotations

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.documents.fonts import REGULAR
from app.documents.formatting import amount, household, orgnr, personnummer
from app.documents.styles import LIGHT, RULE, styles
from app.documents.template import escape
from app.domain.event import method_label
from app.domain.tenure import ClaimKind

_PERSON_FIELDS = (("personnummer", "Personnummer"), ("name", "Namn"), ("address", "Adress"), ("postcode", "Postnummer"),
                  ("city", "Ort"), ("email", "E-post"), ("phone", "Telefon"), ("registered_at", "Registrerad"))
_ROLES = {"holder": "innehavare", "cohabitant": "sambo/medboende"}


def _text(value: object) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value)


def _claim_kind(value: str) -> str:
    try:
        return ClaimKind(value).label
    except ValueError:
        return value


def _p(text: object, style: str = "cell") -> Paragraph:
    return Paragraph(escape(_text(text)), styles(True)[style])


def _table(headers: list[str], rows: list[list[object]], widths: list[float]) -> Table:
    data = [[_p(h, "cell_bold") for h in headers]] + [[_p(cell) for cell in row] for row in rows]
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT), ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else ReportLab sets an unembedded Helvetica for each cell
    ]))
    return table


def _section(story: list, title: str, headers: list[str], rows: list[list[object]], widths: list[float]) -> None:
    story.append(Paragraph(escape(title), styles(True)["heading"]))
    if rows:
        story.append(_table(headers, rows, widths))
    else:
        story.append(Paragraph("Inga uppgifter.", styles(True)["small"]))


def _money(ore: object) -> str:
    return amount(ore) if isinstance(ore, int) else _text(ore)


def _person(story: list, document: dict) -> None:
    person = document["person"]
    rows = []
    for key, label in _PERSON_FIELDS:
        value = person.get(key)
        if key == "personnummer" and value:
            value = personnummer(value)
        rows.append([label, value])
    _section(story, "Personuppgifter", ["Uppgift", "Värde"], rows, [40, 130])
    _section(story, "Boende", ["Objekt", "Adress", "Roll", "Inflyttad", "Utflyttad"],
             [[o["unit"], f"{o['address']} {o['city']}".strip(), _ROLES.get(o["role"], o["role"]), o["moved_in"], o["moved_out"]]
              for o in document["occupancies"]], [20, 70, 30, 25, 25])


def _case(story: list, case: dict) -> None:
    story.append(Paragraph(escape(f"Ärende {case['case_id']} – objekt {case['unit']}"), styles(True)["title"]))
    story.append(Paragraph(escape(
        f"OCR {case['ocr']}, öppnat {case['opened_on']}, läge: {_text(case['stage_label'])}. "
        f"Hushåll: {household(case['household_adults'], case['household_children'])}. Anteckning: {_text(case['note'])}"
    ), styles(True)["body"]))
    _section(story, "Avier", ["Avi", "Slag", "Period", "Förfallodag", "Belopp"],
             [[c["avi_number"], _claim_kind(c["kind"]), f"{c['period_from']} – {c['period_to']}", c["due_date"], _money(c["amount_ore"])]
              for c in case["claims"]], [30, 22, 50, 28, 40])
    _section(story, "Händelser", ["Datum", "Händelse", "Sätt", "Anteckning", "Registrerad av"],
             [[e["occurred_on"], e["label"] + (f" (ångrar {e['reverses']})" if e["reverses"] else ""), method_label(e["method"]), e["note"],
               f"{e['recorded_by']}, {e['recorded_at']}"] for e in case["events"]], [22, 48, 22, 40, 38])
    _section(story, "Inbetalningar", ["Betald", "Belopp", "Referens", "Källa", "Betalare", "Anteckning"],
             [[p["order_date"], _money(p["amount_ore"]), p["reference"], p["source"], p["payer_name"], p["note"]]
              for p in case["payments"]], [22, 28, 30, 18, 35, 37])
    _section(story, "Avgifter", ["Datum", "Avgift", "Belopp"],
             [[f["charged_on"], f["label"] + (f" (ångrar {f['reverses']})" if f["reverses"] else ""), _money(f["amount_ore"])]
              for f in case["fees"]], [25, 105, 40])
    _section(story, "Brev och handlingar", ["Handling", "Version", "Datum", "Skickad", "Sätt"],
             [[d["label"], d["version"], d["letter_date"], d["sent_on"], method_label(d["sent_method"])] for d in case["documents"]],
             [70, 18, 27, 27, 28])
    _section(story, "Riskbedömningar (beslutsstöd, inget automatiserat beslut)", ["Datum", "Poäng", "Nivå", "Faktorer"],
             [[s["scored_on"], s["score"], s["band"], "; ".join(_factor(f) for f in s["factors"])] for s in case["scores"]],
             [22, 15, 15, 118])


def _factor(factor: object) -> str:
    if isinstance(factor, dict):
        if factor.get("text"):
            return str(factor["text"])
        return f"{factor.get('code', '')} ({factor.get('points')} p)"
    return str(factor)


def render_extract(document: dict) -> bytes:
    """PDF bytes of a register extract (`app.services.gdpr.extract` builds the document)."""
    sheet = styles(True)
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=document["title"], author=document["controller"].get("name", ""),
                            invariant=1, initialFontName=REGULAR, initialFontSize=10, initialLeading=12)
    controller = document["controller"]
    story: list = [
        Paragraph(escape(document["title"]), sheet["title"]),
        Paragraph(escape(f"Personuppgiftsansvarig: {controller.get('name', '')}, org.nr {orgnr(controller.get('orgnr', ''))}, "
                         f"{controller.get('address', '')}, {controller.get('postcode', '')} {controller.get('city', '')}. "
                         f"Uppgifterna gäller per {document['as_of']}."), sheet["body"]),
    ]
    _person(story, document)
    for case in document["cases"]:
        _case(story, case)
    _section(story, "Avier som inte ingår i något ärende", ["Avi", "Period", "Förfallodag", "Belopp"],
             [[c["avi_number"], f"{c['period_from']} – {c['period_to']}", c["due_date"], _money(c["amount_ore"])]
              for c in document["claims_outside_cases"]], [35, 60, 35, 40])
    _section(story, "Inbetalningar i ditt namn som inte hör till något ärende", ["Betald", "Belopp", "Referens", "Anteckning"],
             [[p["order_date"], _money(p["amount_ore"]), p["reference"], p["note"]] for p in document["unmatched_payments"]],
             [25, 35, 50, 60])
    story.append(Spacer(1, 4 * mm))
    for title, key in (("Ändamål och rättslig grund", "purposes"), ("Mottagare", "recipients"),
                       ("Hur länge uppgifterna sparas", "retention"), ("Dina rättigheter", "rights")):
        story.append(Paragraph(escape(title), sheet["heading"]))
        story.append(Paragraph(escape(document[key]), sheet["body"]))
    doc.build(story)
    return buffer.getvalue()
