"""How one kind of document is made: its recipient, what it may show, its extra values and blocks."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.documents.context import LetterContext
from app.documents.description import Block
from app.documents.values import Values

BlockMaker = Callable[[], tuple[Block, ...]]


@dataclass
class Parts:
    """What a template is filled from: values, conditions and code-built blocks (mutable while composing)."""

    ctx: LetterContext
    document: str  # the document's Swedish name, used in error messages
    values: Values
    flags: dict[str, bool] = field(default_factory=dict)
    blocks: dict[str, BlockMaker] = field(default_factory=dict)

    def block(self, name: str, maker: BlockMaker) -> None:
        self.blocks[name] = maker


def _nothing(ctx: LetterContext) -> tuple[str, ...]:
    return ()


def _no_prepare(parts: Parts) -> None:
    return None


def _no_reason(ctx: LetterContext) -> str | None:
    return None


def _no_reference(ctx: LetterContext) -> str:
    return ""


@dataclass(frozen=True)
class Spec:
    recipient: Callable[[LetterContext], tuple[str, ...]]  # address block lines; () = internal document
    ocr: bool = False  # print the OCR number among the reference lines
    identifies: bool = False  # may show the personnummer (Kronofogden, social services, service)
    prepare: Callable[[Parts], None] = _no_prepare  # adds the kind's own values, flags and blocks
    attachments: Callable[[LetterContext], tuple[str, ...]] = _nothing
    copies: Callable[[LetterContext], tuple[str, ...]] = _nothing
    their_reference: Callable[[LetterContext], str] = _no_reference
    refuse: Callable[[LetterContext], str | None] = _no_reason  # why this kind cannot be made, if so
    template: str = ""  # defaults to the DocumentKind value
