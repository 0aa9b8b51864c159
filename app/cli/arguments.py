"""Argument types shared by the commands: values checked before any service sees them."""
from __future__ import annotations

import argparse

MAX_ID = 2**63 - 1  # the largest id a database column holds


def case_number(text: str) -> int:
    """A case number: a positive whole number that fits the database."""
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_ID:
        raise argparse.ArgumentTypeError(f"ogiltigt ärendenummer ”{text}”: ange ett positivt heltal")
    return int(text)
