"""Fixtures for the letter tests: every applicable document of the three demo cases, rendered once."""
from __future__ import annotations

import pytest

from app.domain.action import DocumentKind
from tests.documents.cases import all_cases, letter_context


@pytest.fixture(scope="session")
def rendered() -> dict[tuple[str, DocumentKind], bytes]:
    """Every applicable document of every case, rendered once per test session."""
    from app.documents import render_document

    return {(name, kind): render_document(kind, letter_context(name, kind)) for name, kind in all_cases()}
