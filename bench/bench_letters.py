"""100 demands (compose + render) beside ReportLab writing 100 plain one-page documents with the same
font (issue 5; target: within 3×). Run: python -m bench.bench_letters"""
from __future__ import annotations

import statistics
import time
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.documents import compose, render
from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.domain.action import DocumentKind
from tests.documents.cases import letter_context

COUNT = 100
RUNS = 5
LINES = [f"Rad {n}: Vi har inte fått full betalning av årsavgiften för lägenhet 1203 – 4 850,00 kr." for n in range(40)]


def plain_page() -> bytes:
    """A one-page text document in the letters' own fonts (regular and bold, both embedded)."""
    out = BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1, initialFontName=REGULAR)
    canvas.setFont(BOLD, 14)
    canvas.drawString(56, 780, "Inkassokrav")
    canvas.setFont(REGULAR, 10)
    y = 750
    for line in LINES:
        canvas.drawString(56, y, line)
        y -= 14
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def batch(make) -> float:
    """CPU seconds for COUNT documents: process time, so other work on a shared machine counts less."""
    start = time.process_time()
    for _ in range(COUNT):
        make()
    return time.process_time() - start


def main() -> None:
    register_fonts()
    ctx = letter_context("bostadsratt", DocumentKind.DEMAND)
    pages = len(render(compose(DocumentKind.DEMAND, ctx)).split(b"/Type /Page\n")) - 1
    plain_page()  # warm both paths once
    demand, plain = [], []
    for _ in range(RUNS):  # alternate the two, so a busy machine slows both alike
        demand.append(batch(lambda: render(compose(DocumentKind.DEMAND, ctx))))
        plain.append(batch(plain_page))
    demand_best, demand_median = min(demand), statistics.median(demand)
    plain_best, plain_median = min(plain), statistics.median(plain)
    print(f"{COUNT} demands (compose + render, {pages} pages each): best {demand_best:.3f} s, median {demand_median:.3f} s CPU")
    print(f"{COUNT} plain one-page documents, same font:       best {plain_best:.3f} s, median {plain_median:.3f} s CPU")
    ratio = demand_best / plain_best
    print(f"ratio {ratio:.2f}× (target ≤ 3×): {'ok' if ratio <= 3 else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
