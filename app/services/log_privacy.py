"""Keeping personal data out of the log file: every line, traceback included, is redacted before it is
written – personnummer and samordningsnummer (with or without century and dash) become a placeholder.

Names cannot be recognised in free text, so the program never logs them in the first place; this is
the safety net for numbers that slip into an exception message.
"""
from __future__ import annotations

import logging
import re

PLACEHOLDER = "[personnummer]"
# YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDDNNNN … (10 or 12 digits, month 01-12, day 01-31 or +60 for samordningsnummer)
_PERSONAL_NUMBER = re.compile(
    r"(?<![0-9])(?:(?:18|19|20)[0-9]{2}|[0-9]{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])[-+ ]?[0-9]{4}(?![0-9])"
)


def redact(text: str) -> str:
    return _PERSONAL_NUMBER.sub(PLACEHOLDER, text)


class RedactingFormatter(logging.Formatter):
    """A formatter whose whole output – message, arguments and traceback – passes through `redact`."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
