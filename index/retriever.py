"""Hybrid retrieval: dense (FAISS, e5) and lexical (BM25 and word-pair coverage on folded text).

Each signal is standardised over the corpus for this question (z-scores) and the fused score is
their weighted sum. Weighted score fusion beat reciprocal-rank fusion on our question sets, and
the weights were chosen on eval/calibration.yaml (docs/retrieval.md has the figures). A passage
whose period (results 2015-2020 or targets 2020-2025) matches the question's tense gains
``period_weight``; one that contradicts it comes after every other passage."""

from __future__ import annotations

from dataclasses import dataclass

import faiss
import numpy as np

from index.chunking import Chunk
from index.diacritics import DiacriticRestorer
from index.lexical import LexicalRanker, years_named
from index.period import chunk_periods, question_period
from index.query import Lexicon, Query, QueryParser, load_lexicon
from index.store import IndexData
from index.text import fold
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
        self.sentence_rows = np.repeat(
            np.arange(len(data.chunks)), [len(c.sentences) for c in data.chunks]
        )

    def parse(self, message: str) -> Query:
        return self.parser.parse(message)

    def dense_question(self, query: Query) -> str:
        """The form of the question the dense model embeds: as typed when it has diacritics
        (abbreviations written out), else its mended words with diacritics restored."""
        if not query.accented:
            return self.restorer.restore_words(list(query.words))
        text = self.restorer.expand_abbreviations(query.text, self.parser.expansions)
        related = self.parser.related_words(query.text)
        return f"{text} ({self.restorer.restore_words(related)})" if related else text

    def dense_scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Per chunk, the better of the chunk's cosine and its best sentence's cosine."""
        chunk = _all_scores(self.data.chunk_index, query_vector)
        sentence = _all_scores(self.data.sentence_index, query_vector)
        best_sentence = np.full(len(chunk), -1.0, dtype=np.float32)
        np.maximum.at(best_sentence, self.sentence_rows, sentence)
        return np.maximum(chunk, best_sentence)

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
        period = question_period(query.words, query.text, self.periods.boundary)
        fused += self.period_weight * period * self.periods.of_chunks
        # A passage of the other period than the question states is never quoted before one of
        # its own.
        fused = np.where(period * self.periods.of_chunks < 0, fused - _OTHER_PERIOD_PENALTY, fused)
        for phrases, under_heading in self.aspects:
            if any(_has_phrase(query.words, phrase) for phrase in phrases):
                fused += self.aspect_weight * under_heading
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
