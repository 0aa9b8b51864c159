"""Letter templates: a small sectioned text format, filled so that a missing field fails loudly.

A template is UTF-8 text. `#` lines are comments. A line `[kind]`, `[kind name]`, `[kind if flag]`
or `[kind name unless flag]` starts a section; kinds are title, heading, text, box, small, bullets
and block (a table or form built in code, by name). In text, a blank line separates paragraphs, a
line ending in `\\` breaks the line, `**x**` is bold and `$name` / `${name}` is a value. Values
and template text are XML-escaped before they reach ReportLab; only the bold markup survives.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from string import Template

from app.documents.description import Block, Para, ParaStyle, strip_markup
from app.documents.resources import template_path

TEXT_KINDS = {"title", "heading", "text", "box", "small", "bullets"}
_HEADER = re.compile(r"^\[(?P<kind>[a-z]+)(?: (?P<name>[a-z_-]+))?(?: (?P<op>if|unless) (?P<flag>[a-z_]+))?\]\s*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)


class DocumentError(ValueError):
    """A document cannot be produced as asked (Swedish message for the user)."""


class TemplateError(DocumentError):
    """A template is malformed or names a value or block that does not exist."""


class MissingField(DocumentError):
    """A value the document needs is empty in the letter context."""


@dataclass(frozen=True)
class Section:
    kind: str
    name: str
    flag: str | None
    negate: bool
    body: str
    line: int


def escape(text: str) -> str:
    """XML-escape a value; `*` too, so a value can never turn text bold."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*", "&#42;")


def _escape_template(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse(source: str, name: str) -> tuple[Section, ...]:
    sections: list[Section] = []
    current: dict | None = None
    body: list[str] = []
    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header is None and line.startswith("[") and line.rstrip().endswith("]"):
            raise TemplateError(f"Mallen {name}, rad {number}: okänd sektionsrad {line!r}.")
        if header is None:
            if current is None:
                if line.strip():
                    raise TemplateError(f"Mallen {name}, rad {number}: text före första sektionen.")
                continue
            body.append(line)
            continue
        if current is not None:
            sections.append(Section(body="\n".join(body).strip(), **current))
        kind = header["kind"]
        if kind not in TEXT_KINDS and kind != "block":
            raise TemplateError(f"Mallen {name}, rad {number}: okänd sektion [{kind}].")
        if kind == "block" and not header["name"]:
            raise TemplateError(f"Mallen {name}, rad {number}: [block] behöver ett namn.")
        current = {
            "kind": kind,
            "name": header["name"] or "",
            "flag": header["flag"],
            "negate": header["op"] == "unless",
            "line": number,
        }
        body = []
    if current is not None:
        sections.append(Section(body="\n".join(body).strip(), **current))
    if not any(s.kind == "title" for s in sections):
        raise TemplateError(f"Mallen {name} saknar [title].")
    return tuple(sections)


@lru_cache(maxsize=64)
def _shipped(name: str) -> tuple[Section, ...]:
    path = template_path(name)
    if not path.is_file():
        raise TemplateError(f"Mallen {name} finns inte ({path}).")
    return parse(path.read_text(encoding="utf-8"), name)


def load(name: str, override: str | None = None) -> tuple[Section, ...]:
    """The shipped template `name`, or the user's replacement text for it."""
    return parse(override, name) if override is not None else _shipped(name)


class _Escaped:
    def __init__(self, values: Mapping[str, str]):
        self.values = values

    def __getitem__(self, key: str) -> str:
        return escape(self.values[key])


def fill_text(text: str, values: Mapping[str, str], where: str) -> str:
    """Escaped markup for one piece of template text, every `$name` replaced."""
    try:
        filled = Template(_escape_template(text)).substitute(_Escaped(values))
    except DocumentError:
        raise
    except ValueError as error:  # a lone `$` or bad placeholder syntax
        raise TemplateError(f"{where}: {error}") from error
    return _BOLD.sub(r"<b>\1</b>", filled)


def _paragraphs(body: str) -> list[str]:
    paragraphs, current = [], []
    for line in body.splitlines() + [""]:
        if line.strip():
            current.append(line.strip())
            continue
        if current:
            paragraphs.append(_join(current))
            current = []
    return paragraphs


def _join(lines: list[str]) -> str:
    """Lines of one paragraph joined by spaces; a line ending in a backslash breaks the line."""
    out = ""
    for line in lines:
        out += line[:-1].rstrip() + "\n" if line.endswith("\\") else line + " "
    return out.strip()


def _bullets(body: str) -> list[str]:
    items: list[str] = []
    for line in body.splitlines():
        if line.strip().startswith("- "):
            items.append(line.strip()[2:])
        elif line.strip() and items:
            items[-1] += " " + line.strip()
    return items


_STYLES = {
    "heading": ParaStyle.HEADING,
    "text": ParaStyle.BODY,
    "box": ParaStyle.BOX,
    "small": ParaStyle.SMALL,
    "bullets": ParaStyle.BULLET,
}


def fill(
    sections: tuple[Section, ...],
    name: str,
    values: Mapping[str, str],
    flags: Mapping[str, bool],
    blocks: Mapping[str, Callable[[], tuple[Block, ...]]],
) -> tuple[str, tuple[Block, ...]]:
    """The title (plain text) and the blocks of a filled template."""
    title = ""
    out: list[Block] = []
    for section in sections:
        where = f"Mallen {name}, rad {section.line}"
        if section.flag is not None:
            if section.flag not in flags:
                raise TemplateError(f"{where}: okänt villkor {section.flag!r}.")
            if flags[section.flag] == section.negate:
                continue
        if section.kind == "title":
            title = strip_markup(fill_text(section.body, values, where))
        elif section.kind == "block":
            if section.name not in blocks:
                raise TemplateError(f"{where}: okänt block {section.name!r}.")
            out.extend(blocks[section.name]())
        else:
            pieces = _bullets(section.body) if section.kind == "bullets" else _paragraphs(section.body)
            for piece in pieces:
                markup = fill_text(piece, values, where).replace("\n", "<br/>")
                out.append(Para(markup, _STYLES[section.kind]))
    return title, tuple(out)

