"""Read the knowledge folder: Markdown documents whose headings follow the report's structure.

Each ``*.md`` file is one document; its id is the file name without ``.md``. The first
``#`` heading is the document title (itself a paragraph, cited as "Tiêu đề"); deeper headings (``##`` to ``######``) form the section
path of the paragraphs below them. A heading written ``Label: Title`` is cited as ``Label``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from index.text import nfc

# How a document's title is cited when it is quoted.
TITLE_SECTION = "Tiêu đề"
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_EMPHASIS = re.compile(r"\*{1,2}([^*]+)\*{1,2}")
_BULLET = re.compile(r"^\s*[-*+]\s+")
# "(7) Tỷ lệ trẻ em ..." : an item of a numbered list, its number kept in the text.
_NUMBERED_ITEM = re.compile(r"^\s*\(\d{1,2}\)\s+")


@dataclass(frozen=True)
class Paragraph:
    doc: str
    section: tuple[str, ...]
    text: str
    line: int
    list_item: bool = False


@dataclass
class Section:
    """A heading and what stands directly below it (used by `index check`)."""

    level: int
    title: str
    line: int
    paragraphs: int = 0
    children: int = 0


@dataclass
class Document:
    doc_id: str
    path: Path
    title: str
    sha256: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def section_label(title: str) -> str:
    """How a heading is cited: 'Phần thứ nhất: KẾT QUẢ ...' -> 'Phần thứ nhất'."""
    label, _, rest = title.partition(": ")
    return label if rest else title


def plain_text(markdown: str) -> str:
    """Paragraph text without Markdown markup (emphasis, bullets, hard line breaks)."""
    text = _BULLET.sub("", markdown)
    text = _EMPHASIS.sub(r"\1", text)
    return re.sub(r"\s*\n\s*", " ", text).strip()


def parse_document(path: Path) -> Document:
    raw = path.read_bytes()
    lines = nfc(raw.decode("utf-8")).splitlines()
    doc = Document(path.stem, path, path.stem, hashlib.sha256(raw).hexdigest())
    stack: list[Section] = []
    block: list[str] = []
    block_line = 0

    def flush() -> None:
        if block:
            text = plain_text("\n".join(block))
            if text:
                section = tuple(s.title for s in stack)
                list_item = bool(_BULLET.match(block[0]) or _NUMBERED_ITEM.match(block[0]))
                doc.paragraphs.append(Paragraph(doc.doc_id, section, text, block_line, list_item))
                if stack:
                    stack[-1].paragraphs += 1
            block.clear()

    for number, line in enumerate(lines, start=1):
        heading = _HEADING.match(line)
        if heading:
            flush()
            level, title = len(heading.group(1)), plain_text(heading.group(2))
            if level == 1:
                # The title is text of the report too: "whose report is this, to which
                # congress" is answered by it.
                doc.title = title
                doc.paragraphs.append(Paragraph(doc.doc_id, (TITLE_SECTION,), title, number))
                continue
            while stack and stack[-1].level >= level:
                stack.pop()
            if stack:
                stack[-1].children += 1
            section = Section(level, title, number)
            doc.sections.append(section)
            stack.append(section)
        elif line.strip():
            if not block:
                block_line = number
            block.append(line)
        else:
            flush()
    flush()
    return doc


def load_documents(folder: Path) -> list[Document]:
    """All documents of the knowledge folder, in file-name order."""
    if not folder.is_dir():
        raise FileNotFoundError(
            f"knowledge folder {folder} does not exist: create it with one Markdown file per "
            "document, or set REPORTBOT_KNOWLEDGE_DIR"
        )
    paths = sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")
    if not paths:
        raise FileNotFoundError(f"no Markdown documents (*.md) in {folder}")
    return [parse_document(p) for p in paths]
