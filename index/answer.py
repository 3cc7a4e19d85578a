"""Turn a retrieval into what the citizen reads: a verbatim quote of the report with its section,
or a polite fallback that says the report does not cover the question."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import faiss
import numpy as np

from index.chunking import Chunk
from index.lexical import LexicalRanker
from index.query import LAST_ITEM
from index.retriever import Hit, Retrieval

SENTENCE_WEIGHT_LEXICAL = 0.5
# A digit that starts a number, not one of a name ("Covid-19").
_DIGIT = re.compile(r"(?<![\w-])\d")
_UNIT_END = re.compile(r"(?<=[.;:!?\n])\s+")
# A passage up to this length is quoted whole ("các nhiệm vụ đột phá là gì?"; "khó khăn những
# năm tới" is named in a passage's first sentence and listed in its third). Most passages are far
# shorter (median 239 characters); 1200 (the chunk limit) beat 600, 800 and 1000 on the tuning
# sets (docs/retrieval.md).
WHOLE_PASSAGE_CHARS = 1200


@dataclass(frozen=True)
class Source:
    doc: str
    section: str
    chunk_id: str
    score: float
    text: str

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "section": self.section,
            "chunk_id": self.chunk_id,
            "score": round(self.score, 6),
            "text": self.text,
        }


@dataclass(frozen=True)
class Reply:
    kind: str  # "answer" | "fallback"
    text: str
    sources: list[Source] = field(default_factory=list)
    quote: str = ""
    question: str = ""  # the question answered, follow-ups read with the one before

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "text": self.text,
            "sources": [s.to_dict() for s in self.sources],
        }


def sources_of(retrieval: Retrieval) -> list[Source]:
    return [
        Source(h.chunk.doc, h.chunk.section_path, h.chunk.chunk_id, h.score, h.chunk.text)
        for h in retrieval.hits
    ]


def quote_for(retrieval: Retrieval, hit: Hit, sentence_index: faiss.Index, first_row: int) -> str:
    """The sentence of the passage closest to the question, by meaning and by words, with the
    sentence after it: answers often run on ("...thuận lợi..." then the figures). The item the
    question names ("thứ hai", "chỉ tiêu số 7") is quoted alone; otherwise a list is quoted whole,
    one item a line, unless its last item fits best. Quoting the best item alone was measured
    and lost answers: the lead-in ("Có 18 chỉ tiêu chủ yếu") and the items score too close for
    the choice to be trusted (docs/retrieval.md)."""
    chunk = hit.chunk
    number = retrieval.query.item_number
    if chunk.is_list and number == LAST_ITEM:
        number = max(chunk.item_numbers)
    if chunk.is_list and number in chunk.item_numbers:
        return chunk.sentences[chunk.item_numbers.index(number)]
    if chunk.is_list and number is None and len(chunk.text) <= WHOLE_PASSAGE_CHARS:
        return quote_at_length(chunk)
    vectors = sentence_index.reconstruct_n(first_row, len(chunk.sentences))
    words, _ = LexicalRanker(chunk.unit_texts()).coverage(retrieval.query.content_words)
    scores = vectors @ retrieval.query_vector + SENTENCE_WEIGHT_LEXICAL * words
    best = int(np.argmax(scores))
    if chunk.is_list and best + 1 < len(chunk.sentences) and chunk.item_numbers[best + 1]:
        return quote_at_length(chunk)
    # The last sentence is quoted with the one before it: two sentences either way.
    start = max(0, min(best, len(chunk.sentences) - 2))
    return " ".join(chunk.sentences[start : start + 2])


def widened(chunk: Chunk, quote: str) -> str:
    """A short passage read whole rather than two of its sentences ("khó khăn" is named in its
    first sentence and listed in its third); a list keeps the item or items chosen."""
    return chunk.text if len(chunk.text) <= WHOLE_PASSAGE_CHARS and not chunk.is_list else quote


def figure_units(text: str) -> list[str]:
    """The sentences and list items of a quote that give a number (the report writes its
    figures in digits)."""
    return [unit for unit in _UNIT_END.split(text) if _DIGIT.search(unit)]


def quote_at_length(chunk: Chunk) -> str:
    """The whole passage, for "cụ thể hơn": a list one item a line."""
    return "\n".join(
        f"- {unit}" if number else unit
        for unit, number in zip(
            chunk.sentences, chunk.item_numbers or (0,) * len(chunk.sentences), strict=True
        )
    )


def passages_to_quote(hits: list[Hit], margin: float, same_section_margin: float) -> list[Hit]:
    """The top passage, and the runner-up when it scores within ``margin`` and stands in
    another section: "bao nhiêu xã đạt chuẩn nông thôn mới" then shows both the 2020 result
    and the 2025 target instead of guessing which one was meant. A runner-up of the same
    section is quoted within ``same_section_margin``: "nhiệm kỳ tới thì sao" about the
    environment is told by two paragraphs of its section, not only the one scoring best."""
    first, second = hits[0], hits[1] if len(hits) > 1 else None
    if second is None:
        return [first]
    gap = first.score - second.score
    same_section = second.chunk.section == first.chunk.section
    if gap < (same_section_margin if same_section else margin):
        return [first, second]
    return [first]


def answer_text(quotes: list[tuple[str, str]]) -> str:
    """Quotes with their section paths: [(quote, section_path), ...]."""
    (quote, section), *more = quotes
    text = f"Theo báo cáo, mục «{section}»:\n“{quote}”"
    for quote, next_section in more:
        # One line break, not a blank line: Rasa's REST channel splits replies at blank lines.
        where = (
            "Cũng trong mục này" if next_section == section else f"Mục «{next_section}» cũng nêu"
        )
        text += f"\n{where}:\n“{quote}”"
    return text


def _describe(title: str) -> str:
    """'Phần thứ hai: PHƯƠNG HƯỚNG, NHIỆM VỤ' -> 'Phần thứ hai (phương hướng, nhiệm vụ)'."""
    label, _, rest = title.partition(": ")
    return f"{label} ({rest.lower()})" if rest else title


def fallback_text(outline: list[str]) -> str:
    """Say plainly that the report does not cover it, suggest what it does (the top-level
    sections of the knowledge), invite an opinion."""
    covered = "; ".join(_describe(title) for title in outline)
    return (
        "Xin lỗi, báo cáo không đề cập đến nội dung này nên tôi không thể trả lời. "
        f"Báo cáo gồm: {covered}. "
        "Bạn có thể hỏi về các nội dung đó (ví dụ: tỷ lệ hộ nghèo, nông thôn mới, "
        "các chỉ tiêu nhiệm kỳ 2020 - 2025), hoặc gửi ý kiến góp ý của mình về báo cáo."
    )


EMPTY_QUESTION_TEXT = (
    "Bạn chưa nhập câu hỏi. Hãy hỏi tôi về nội dung báo cáo chính trị, ví dụ: "
    "“Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?”, hoặc gửi góp ý của bạn."
)

NEEDS_CONTEXT_TEXT = (
    "Bạn muốn hỏi tiếp về nội dung nào của báo cáo? Hãy hỏi đầy đủ hơn, ví dụ: "
    "“Tỷ lệ hộ nghèo năm 2025 là bao nhiêu?”."
)
