"""Split knowledge paragraphs into retrieval chunks: windows of whole sentences.

A chunk never crosses a section. A short paragraph that announces what follows (ending with
':') is joined to the next one, so "phương châm là:" stays with the motto it introduces, and the
items of one bulleted list are read as one paragraph, so "the three breakthroughs" stay together.
Chunk ids hash the document, section and text, so they are stable across rebuilds and only
change when the text does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from index.knowledge import Paragraph, section_label
from index.text import split_sentences


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc: str
    section: tuple[str, ...]
    text: str
    sentences: tuple[str, ...]

    @property
    def section_path(self) -> str:
        """Readable section path, e.g. 'Phần thứ nhất > I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC'."""
        return " > ".join(section_label(title) for title in self.section) or "chung"

    def embedding_text(self) -> str:
        """What the dense model sees: the full heading path gives the passage its topic and
        period (Phần thứ nhất is 2015-2020, Phần thứ hai 2020-2025)."""
        return " > ".join((*self.section, self.text)) if self.section else self.text

    def lexical_text(self) -> str:
        """What the lexical ranker sees: the whole heading path and the text."""
        return " ".join((*self.section, self.text))


def _merge_lead_ins_and_lists(paragraphs: list[Paragraph]) -> list[Paragraph]:
    merged: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = merged[-1] if merged else None
        same_section = previous is not None and previous.section == paragraph.section
        if same_section and (
            previous.text.endswith(":") or (previous.list_item and paragraph.list_item)
        ):
            merged[-1] = Paragraph(
                previous.doc,
                previous.section,
                f"{previous.text} {paragraph.text}",
                previous.line,
                paragraph.list_item,
            )
        else:
            merged.append(paragraph)
    return merged


def _windows(sentences: list[str], size: int, overlap: int, max_chars: int) -> list[list[str]]:
    if len(sentences) <= size and sum(map(len, sentences)) <= max_chars:
        return [sentences]
    step = max(1, size - overlap)
    windows: list[list[str]] = []
    for start in range(0, len(sentences), step):
        window = sentences[start : start + size]
        while len(window) > 1 and sum(map(len, window)) > max_chars:
            window = window[:-1]
        windows.append(window)
        if start + size >= len(sentences):
            break
    return windows


def chunk_id(doc: str, section: tuple[str, ...], text: str) -> str:
    digest = hashlib.sha1("\x1f".join((doc, *section, text)).encode("utf-8")).hexdigest()
    return f"{doc}-{digest[:12]}"


def chunk_paragraphs(
    paragraphs: list[Paragraph], size: int = 3, overlap: int = 1, max_chars: int = 1200
) -> list[Chunk]:
    """Sentence windows of at most ``size`` sentences, ``overlap`` shared between neighbours."""
    if size < 1 or not 0 <= overlap < size:
        raise ValueError(
            f"chunk size must be >= 1 and 0 <= overlap < size; got size={size}, overlap={overlap}"
        )
    chunks: list[Chunk] = []
    for paragraph in _merge_lead_ins_and_lists(paragraphs):
        sentences = split_sentences(paragraph.text)
        for window in _windows(sentences, size, overlap, max_chars):
            text = " ".join(window)
            chunks.append(
                Chunk(
                    chunk_id(paragraph.doc, paragraph.section, text),
                    paragraph.doc,
                    paragraph.section,
                    text,
                    tuple(window),
                )
            )
    return chunks
