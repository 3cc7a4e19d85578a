"""Hybrid retrieval: dense (FAISS, e5) and lexical (BM25 and word-pair coverage on folded text).

Each signal is standardised over the corpus for this question (z-scores) and the fused score is
their weighted sum. Weighted score fusion beat reciprocal-rank fusion on our question sets, and
the weights were chosen on eval/calibration.yaml (docs/retrieval.md has the figures). A passage
whose period (results 2015-2020 or targets 2020-2025) matches the question's tense gains
``period_weight``; one that contradicts it comes after every other passage."""

from __future__ import annotations

import re
from dataclasses import dataclass

import faiss
import numpy as np

from index.chunking import Chunk
from index.diacritics import DiacriticRestorer
from index.lexical import LexicalRanker, years_named
from index.period import chunk_periods, question_period
from index.query import LAST_ITEM, Lexicon, Query, QueryParser, load_lexicon
from index.store import IndexData
from index.text import ORDINALS, QUESTION_WORDS, fold, tokens
from reportbot.settings import Settings


@dataclass(frozen=True)
class Hit:
    index: int
    chunk: Chunk
    score: float
    dense: float
    lexical: float


@dataclass(frozen=True)
class Retrieval:
    query: Query
    query_vector: np.ndarray
    dense_scores: np.ndarray
    word_coverage: np.ndarray
    pair_coverage: np.ndarray
    hits: list[Hit]
    # Signals that the report may not answer the question at all.
    unknown_word_share: float  # share of the question's words the knowledge never uses
    unknown_year: bool  # the question names a year the top passage does not mention


# Larger than any spread of fused scores: ranks the other period's passages last.
_OTHER_PERIOD_PENALTY = 100.0
# Lifts the passage chosen by its heading just above the passage that scored best.
_PROMOTED = 1e-3
# How many of the best passages are looked at for a list holding the item a question names.
_LIST_RIVALS = 3
# A question asks for a section as a whole when its heading holds this share of the question's
# words (question words aside) and the question this share of the heading's words.
SECTION_WORDS_SHARE = 0.75
HEADING_WORDS_SHARE = 0.5


_HEADING_ORDINAL = re.compile(rf"\bthu ({'|'.join(fold(word) for word in ORDINALS.values())})$")


def heading_ordinal(section: tuple[str, ...]) -> int:
    """The ordinal a passage's heading ends with ("... nhiệm vụ đột phá thứ hai": 2), or 0."""
    match = _HEADING_ORDINAL.search(fold(section[-1]).strip()) if section else None
    if not match:
        return 0
    return next(n for n, word in ORDINALS.items() if fold(word) == match.group(1))


def heading_words(section: tuple[str, ...]) -> frozenset[str]:
    """The words of a passage's own heading, its number and question words aside."""
    if not section:
        return frozenset()
    words = tokens(fold(section[-1]))
    return frozenset(w for w in words if not w[0].isdigit() and w not in QUESTION_WORDS)


def heading_share(heading: frozenset[str], words: tuple[str, ...]) -> float:
    """The share of a heading's words the question holds."""
    return len(heading.intersection(words)) / len(heading) if heading else 0.0


def asks_for_section(
    content_words: list[str], heading: frozenset[str], path: frozenset[str]
) -> bool:
    """Whether a question names little but its passage's headings (``path``: its own and its
    parent's) and most of its own heading ("giải pháp cho đột phá thứ hai", "đánh giá chung thì
    có ưu điểm gì"): it asks for the section as a whole."""
    words = {w for w in content_words if w not in QUESTION_WORDS}
    if not words or not heading:
        return False
    return (
        len(words & path) / len(words) >= SECTION_WORDS_SHARE
        and len(words & heading) / len(heading) >= HEADING_WORDS_SHARE
    )


def _all_scores(index: faiss.Index, query_vector: np.ndarray) -> np.ndarray:
    """FAISS scores of every stored vector, in storage order."""
    scores, ids = index.search(query_vector.reshape(1, -1).astype(np.float32), index.ntotal)
    result = np.empty(index.ntotal, dtype=np.float32)
    result[ids[0]] = scores[0]
    return result


def _standardised(scores: np.ndarray) -> np.ndarray:
    return (scores - scores.mean()) / (scores.std() + 1e-9)


class HybridRetriever:
    def __init__(
        self,
        data: IndexData,
        dense_weight: float = 1.0,
        lexical_weight: float = 0.25,
        pair_weight: float = 0.5,
        period_weight: float = 1.0,
        aspect_weight: float = 1.0,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.data = data
        self.weights = (dense_weight, lexical_weight, pair_weight)
        self.period_weight = period_weight
        self.aspect_weight = aspect_weight
        self.periods = chunk_periods(data.chunks)
        self.lexical = LexicalRanker([c.lexical_text() for c in data.chunks])
        self.restorer = DiacriticRestorer([c.lexical_text() for c in data.chunks])
        lexicon = lexicon or Lexicon()
        self.parser = QueryParser(lexicon, self.lexical.vocabulary)
        # Per aspect ("han che"), the phrases that ask for it and the passages under its heading.
        self.aspects = [
            (phrases, np.array([heading in fold(" ".join(c.section)) for c in data.chunks]))
            for heading, phrases in lexicon.aspects.items()
        ]
        # Per chunk, the words of its own heading, of that and its parent heading ("Đánh giá
        # chung > Ưu điểm"), and the ordinal its own heading ends with ("... đột phá thứ hai": 2),
        # or 0.
        self.heading_words = [heading_words(c.section) for c in data.chunks]
        self.path_words = [
            heading_words(c.section) | heading_words(c.section[:-1]) for c in data.chunks
        ]
        self.heading_ordinals = np.array([heading_ordinal(c.section) for c in data.chunks])
        # Per chunk, the first chunk of its section.
        first_of: dict[tuple[str, tuple[str, ...]], int] = {}
        self.section_openings = [
            first_of.setdefault((c.doc, c.section), i) for i, c in enumerate(data.chunks)
        ]
        # Per parent heading and ordinal, the first chunk of the numbered section ("Giải pháp thực
        # hiện các nhiệm vụ đột phá", 2 -> the first passage under "... đột phá thứ hai").
        self.numbered_sections: dict[tuple[tuple[str, ...], int], int] = {}
        for i, (chunk, ordinal) in enumerate(zip(data.chunks, self.heading_ordinals, strict=True)):
            if ordinal:
                self.numbered_sections.setdefault((chunk.section[:-1], int(ordinal)), i)
        self.sentence_rows = np.repeat(
            np.arange(len(data.chunks)), [len(c.sentences) for c in data.chunks]
        )

    def parse(self, message: str) -> Query:
        return self.parser.parse(message)

    def _numbered_passage(
        self, chunk: int, number: int | None, fused: np.ndarray, words: tuple[str, ...]
    ) -> int | None:
        """When ``chunk``'s heading is numbered ("... đột phá thứ nhất") and the question names
        another number, the passage that number points at: the opening of the sibling section so
        numbered, or a list near the top holding item ``number`` under a heading the question
        names at least as fully ("nhiệm vụ đột phá thứ hai" is the list's item, "giải pháp cho
        đột phá thứ hai" the section)."""
        own = self.heading_ordinals[chunk]
        if not own or number in (None, LAST_ITEM, own):
            return None
        sibling = self.numbered_sections.get((self.data.chunks[chunk].section[:-1], number))
        if sibling is None:
            return None
        named = heading_share(self.heading_words[sibling], words)
        lists = [
            i
            for i in np.argsort(-fused, kind="stable")[:_LIST_RIVALS]
            if self.data.chunks[i].is_list and number in self.data.chunks[i].item_numbers
        ]
        rival = next(
            (i for i in lists if heading_share(self.heading_words[i], words) >= named), None
        )
        return rival if rival is not None else self.section_openings[sibling]

    def dense_question(self, query: Query) -> str:
        """The form of the question the dense model embeds: as typed when it has diacritics
        (abbreviations written out), else its mended words with diacritics restored."""
        if not query.accented:
            return self.restorer.restore_words(list(query.words))
        text = self.restorer.restore_unmarked_runs(
            self.restorer.expand_abbreviations(query.text, self.parser.expansions)
        )
        related = self.parser.related_words(query.text)
        return f"{text} ({self.restorer.restore_words(related)})" if related else text

    def dense_scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Per chunk, the better of the chunk's cosine and its best sentence's cosine."""
        chunk = _all_scores(self.data.chunk_index, query_vector)
        sentence = _all_scores(self.data.sentence_index, query_vector)
        best_sentence = np.full(len(chunk), -1.0, dtype=np.float32)
        np.maximum.at(best_sentence, self.sentence_rows, sentence)
        return np.maximum(chunk, best_sentence)

    def period_asked(self, query: Query) -> int:
        """+1 if the question asks about the plans, -1 about the results, 0 if it does not say."""
        return question_period(query.words, query.text, self.periods.boundary)

    def apart_in_time(self, first: Hit, second: Hit) -> bool:
        """Whether one passage is of the results' period and the other of the plans'."""
        of_chunks = self.periods.of_chunks
        return bool(of_chunks[first.index] * of_chunks[second.index] < 0)

    def search(self, query: Query, query_vector: np.ndarray, top_k: int = 5) -> Retrieval:
        if top_k < 1:
            raise ValueError(f"top_k must be greater than 0. Currently, top_k is {top_k}")
        dense = self.dense_scores(query_vector)
        lexical = self.lexical.scores(query.content_words)
        words, pairs = self.lexical.coverage(query.content_words)
        fused = sum(
            weight * _standardised(scores)
            for weight, scores in zip(self.weights, (dense, lexical, pairs), strict=True)
        )
        period = self.period_asked(query)
        fused += self.period_weight * period * self.periods.of_chunks
        # A passage of the other period than the question states is never quoted before one of
        # its own.
        fused = np.where(period * self.periods.of_chunks < 0, fused - _OTHER_PERIOD_PENALTY, fused)
        for phrases, under_heading in self.aspects:
            if any(_has_phrase(query.words, phrase) for phrase in phrases):
                fused += self.aspect_weight * under_heading
        top = int(np.argmax(fused))
        numbered = self._numbered_passage(top, query.item_number, fused, query.words)
        # "giải pháp cho đột phá thứ hai": of sections numbered alike ("... thứ nhất", "... thứ
        # hai"), the one numbered as asked; a section asked for whole opens with its first passage
        # and reads on with its second.
        read_on = None
        if numbered is not None:
            top = numbered
        elif not self.data.chunks[top].is_list and asks_for_section(
            query.content_words, self.heading_words[top], self.path_words[top]
        ):
            top = self.section_openings[top]
            following = top + 1
            # (A section numbered like its siblings is one item of a list, which keeps its place.)
            if (
                not self.heading_ordinals[top]
                and following < len(self.data.chunks)
                and self.data.chunks[following].section == self.data.chunks[top].section
            ):
                read_on = following
        if fused[top] < fused.max() or read_on is not None:
            fused = fused.copy()
            highest = fused.max()
            fused[top] = highest + _PROMOTED
            if read_on is not None:
                fused[read_on] = highest + _PROMOTED / 2
        best = np.argsort(-fused, kind="stable")[:top_k]
        unknown_share = self.lexical.unknown_share(query.words)
        # "giảm nghèo đến 2030": a year the passage to quote does not mention is not answered
        # by it, even when the knowledge mentions that year elsewhere.
        best_text = fold(self.data.chunks[best[0]].lexical_text())
        unknown_year = any(year not in best_text for year in years_named(query.words))
        hits = [
            Hit(int(i), self.data.chunks[i], float(fused[i]), float(dense[i]), float(lexical[i]))
            for i in best
        ]
        return Retrieval(
            query,
            query_vector,
            dense,
            words,
            pairs,
            hits,
            unknown_share,
            unknown_year,
        )

    @classmethod
    def from_settings(cls, data: IndexData, settings: Settings) -> HybridRetriever:
        return cls(
            data,
            settings.dense_weight,
            settings.lexical_weight,
            settings.pair_weight,
            settings.period_weight,
            settings.aspect_weight,
            load_lexicon(settings.knowledge_dir),
        )


def _has_phrase(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return any(words[i : i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))
