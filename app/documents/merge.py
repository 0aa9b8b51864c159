"""One PDF for printing: the documents of a batch run, in order, each keeping its own pages."""
from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from pypdf import PdfReader, PdfWriter


def merge(pdfs: Sequence[bytes]) -> bytes:
    """The pages of every PDF in `pdfs`, in order, in one file (fonts and page numbers unchanged)."""
    if not pdfs:
        raise ValueError("nothing to merge")
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(BytesIO(pdf)))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
