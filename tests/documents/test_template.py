"""Letter templates: sections, conditions, escaping, and a missing field failing loudly."""
from __future__ import annotations

import dataclasses

import pytest

from app.documents import LetterTexts, MissingField, TemplateError, compose, render
from app.documents.description import Para, ParaStyle
from app.documents.resources import resources_dir
from app.documents.template import fill, parse
from app.domain.action import DocumentKind as K
from tests.documents.cases import flat, letter_context, pdf_text

SOURCE = """# a comment
[title]
Brev till $name

[text]
Hej $name,
du är skyldig **$amount**.\\
Ny rad.

Andra stycket.
[box if urgent]
Bråttom!
[bullets unless urgent]
- ett
- två
  fortsätter
[block table]
"""


def test_sections_conditions_and_markup():
    sections = parse(SOURCE, "prov")
    values = {"name": "Anna & <Bo>", "amount": "1 234,50 kr"}
    title, blocks = fill(sections, "prov", values, {"urgent": False}, {"table": lambda: (Para("T"),)})
    assert title == "Brev till Anna & <Bo>"
    assert blocks == (
        Para("Hej Anna &amp; &lt;Bo&gt;, du är skyldig <b>1 234,50 kr</b>.<br/>Ny rad."),
        Para("Andra stycket."),
        Para("ett", ParaStyle.BULLET),
        Para("två fortsätter", ParaStyle.BULLET),
        Para("T"),
    )
    _, urgent = fill(sections, "prov", values, {"urgent": True}, {"table": lambda: ()})
    assert Para("Bråttom!", ParaStyle.BOX) in urgent


def test_a_value_cannot_inject_markup_or_bold():
    sections = parse("[title]\nT\n[text]\n$x", "prov")
    _, blocks = fill(sections, "prov", {"x": "**fet** <b>x</b> &amp;"}, {}, {})
    assert blocks[0].markup == "&#42;&#42;fet&#42;&#42; &lt;b&gt;x&lt;/b&gt; &amp;amp;"


@pytest.mark.parametrize(
    "source, message",
    [
        ("[text]\nx", r"saknar \[title\]"),
        ("x\n[title]\nT", "text före första sektionen"),
        ("[title]\nT\n[poem]\nx", r"okänd sektion \[poem\]"),
        ("[title]\nT\n[block]\n", "behöver ett namn"),
        ("[title]\nT\n[text iff x]\n", "okänd sektionsrad"),
        ("[title]\nT\n[text if nosuchflag]\nx", "okänt villkor"),
        ("[title]\nT\n[block nosuchblock]\n", "okänt block"),
        ("[title]\nT\n[text]\nkostar 5 $", "Mallen prov"),
    ],
)
def test_malformed_templates_are_refused(source, message):
    with pytest.raises(TemplateError, match=message):
        fill(parse(source, "prov"), "prov", {}, {}, {})


def test_every_shipped_template_parses_and_exists_for_every_kind():
    names = {p.stem for p in (resources_dir() / "templates").glob("*.txt")}
    assert names == {kind.value for kind in K}
    for name in names:
        parse((resources_dir() / "templates" / f"{name}.txt").read_text(encoding="utf-8"), name)


def test_a_missing_field_fails_loudly_naming_it():
    ctx = letter_context("bostadsratt", K.DEMAND)
    no_deadline = dataclasses.replace(ctx, dates=dataclasses.replace(ctx.dates, payment_deadline=None))
    with pytest.raises(MissingField, match="dates.payment_deadline"):
        compose(K.DEMAND, no_deadline)
    no_email = dataclasses.replace(ctx, creditor=dataclasses.replace(ctx.creditor, email=""))
    with pytest.raises(MissingField, match="creditor.email"):
        compose(K.DEMAND, no_email)


def test_a_template_may_not_ask_for_the_personnummer_in_a_letter_to_the_debtor():
    ctx = letter_context("bostadsratt", K.DEMAND)
    sneaky = dataclasses.replace(ctx, texts=LetterTexts(templates=(("demand", "[title]\nKrav\n[text]\n$debtor_personnummer"),)))
    with pytest.raises(MissingField, match="personnumret visas bara"):
        compose(K.DEMAND, sneaky)


def test_the_user_may_replace_a_template_and_add_a_note():
    ctx = letter_context("bostadsratt", K.DEMAND)
    own = "[title]\nInkassokrav från $association_name\n[box]\nBetala **$total** senast $payment_deadline.\n[block amounts]\n[block note]\n[block signature]"
    changed = dataclasses.replace(ctx, texts=LetterTexts(templates=(("demand", own),), note="Vi har nya öppettider & <telefon>."))
    text = flat(pdf_text(render(compose(K.DEMAND, changed))))
    assert "Inkassokrav från Brf Solrosen" in text
    assert "Betala 13 852,09 kr senast 10 mars 2026." in text
    assert "Vi har nya öppettider & <telefon>." in text


def test_names_with_markup_characters_print_as_written():
    ctx = letter_context("bostadsratt", K.DEMAND)
    odd = dataclasses.replace(ctx.creditor, name="Brf Sol & Vind <Östra>")
    text = flat(pdf_text(render(compose(K.DEMAND, dataclasses.replace(ctx, creditor=odd)))))
    assert "Borgenär är Brf Sol & Vind <Östra>, organisationsnummer" in text
