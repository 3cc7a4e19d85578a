"""Split knowledge paragraphs into retrieval chunks: windows of whole sentences.

A chunk never crosses a section. A short paragraph that announces what follows (ending with
':') is joined to the next one, so "phương châm là:" stays with the motto it introduces. A
bulleted list is one chunk when it fits, each item one quotable unit, so "the three breakthroughs"
stay together and an item is quoted whole.
Chunk ids hash the document, section and text, so they are stable across rebuilds and only
change when the text does.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from index.knowledge import Paragraph, section_label
from index.text import ORDINALS, soften_capitals, split_sentences


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc: str
    section: tuple[str, ...]
    text: str
    sentences: tuple[str, ...]
    # Per sentence, its number in a bulleted list (1, 2, ...), or 0 outside lists.
    item_numbers: tuple[int, ...] = ()

    @property
    def is_list(self) -> bool:
        return any(self.item_numbers)

    def unit_texts(self) -> list[str]:
        """Each sentence as the models see it: a list item is named by its place in the list
        ("Nhiệm vụ đột phá thứ ba: Cải cách hành chính ..."), as citizens name it."""
        numbers = self.item_numbers or (0,) * len(self.sentences)
        subject = self.heading
        return [
            f"{subject} thứ {ORDINALS.get(n, n)}: {soften_capitals(s)}"
            if n and subject
            else soften_capitals(s)
            for s, n in zip(self.sentences, numbers, strict=True)
        ]

    @property
    def heading(self) -> str:
        """The passage's own heading without its numbering: 'Ưu điểm'."""
        return _subject(self.section[-1]) if self.section else ""

    @property
    def section_path(self) -> str:
        """Readable section path, e.g. 'Phần thứ nhất > I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC'."""
        return " > ".join(section_label(title) for title in self.section) or "chung"

    def embedding_text(self) -> str:
        """What the dense model sees: the full heading path gives the passage its topic and
        period (Phần thứ nhất is 2015-2020, Phần thứ hai 2020-2025)."""
        return " > ".join((*self.section, soften_capitals(self.text)))

    def lexical_text(self) -> str:
        """What the lexical ranker sees: the whole heading path and the text (list items
        named by their place)."""
        body = " ".join(self.unit_texts()) if self.is_list else self.text
        # A percentage answers "tỷ lệ … bao nhiêu" even where the text says "chiếm 62,7%".
        rate = ("tỷ lệ",) if "%" in body else ()
        return " ".join((*self.section, body, *rate))


_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)\.\s+")


def _subject(title: str) -> str:
    """'3. Nhiệm vụ đột phá' -> 'Nhiệm vụ đột phá': what the items of a list under it are."""
    return _NUMBERING.sub("", section_label(title))


@dataclass
class _Block:
    """Paragraphs read together, as quotable units: sentences, or the items of a list."""

    doc: str
    section: tuple[str, ...]
    units: list[str]
    item_numbers: list[int]

    @property
    def is_list(self) -> bool:
        return bool(self.item_numbers) and self.item_numbers[-1] > 0


def _blocks(paragraphs: list[Paragraph]) -> list[_Block]:
    blocks: list[_Block] = []
    for paragraph in paragraphs:
        previous = blocks[-1] if blocks else None
        joins = (
            previous is not None
            and previous.section == paragraph.section
            and (previous.units[-1].endswith(":") or (previous.is_list and paragraph.list_item))
        )
        if paragraph.list_item:
            number = previous.item_numbers[-1] + 1 if joins and previous.is_list else 1
            units, numbers = [paragraph.text], [number]
        else:
            units = split_sentences(paragraph.text)
            numbers = [0] * len(units)
        if joins:
            previous.units.extend(units)
            previous.item_numbers.extend(numbers)
        else:
            blocks.append(_Block(paragraph.doc, paragraph.section, units, numbers))
    return blocks


Unit = tuple[str, int]


def _length(units: list[Unit]) -> int:
    return sum(len(text) for text, _ in units)


def _windows(sentences: list[Unit], size: int, overlap: int, max_chars: int) -> list[list[Unit]]:
    if len(sentences) <= size and _length(sentences) <= max_chars:
        return [sentences]
    step = max(1, size - overlap)
    windows: list[list[Unit]] = []
    for start in range(0, len(sentences), step):
        window = sentences[start : start + size]
        while len(window) > 1 and _length(window) > max_chars:
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
    for block in _blocks(paragraphs):
        numbered = list(zip(block.units, block.item_numbers, strict=True))
        if block.is_list and sum(map(len, block.units)) <= max_chars:
            windows = [numbered]
        else:
            windows = _windows(numbered, size, overlap, max_chars)
        for window in windows:
            sentences = tuple(unit for unit, _ in window)
            text = " ".join(sentences)
            numbers = tuple(n for _, n in window)
            chunks.append(
                Chunk(
                    chunk_id(block.doc, block.section, text),
                    block.doc,
                    block.section,
                    text,
                    sentences,
                    numbers if any(numbers) else (),
                )
            )
    return chunks
