"""BM25 over folded syllables and syllable pairs.

Folding makes unaccented questions match; pairs ("ho_ngheo") keep the meaning of two-syllable
Vietnamese words that single syllables lose.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from index.text import FUNCTION_WORDS, QUESTION_WORDS, tokens, with_bigrams

_YEAR = re.compile(r"(?:19|20)\d{2}")


class LexicalRanker:
    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.doc_terms = [Counter(with_bigrams(tokens(t))) for t in texts]
        lengths = np.array([sum(c.values()) for c in self.doc_terms], dtype=np.float32)
        self.norm = k1 * (1 - b + b * lengths / max(float(lengths.mean()), 1.0))
        df: Counter[str] = Counter()
        for terms in self.doc_terms:
            df.update(terms.keys())
        n = len(texts)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        # Per term, the texts holding it and its BM25 weight in each (numpy: one add per term).
        postings: dict[str, list[tuple[int, int]]] = {}
        for i, terms in enumerate(self.doc_terms):
            for term, count in terms.items():
                postings.setdefault(term, []).append((i, count))
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, found in postings.items():
            ids = np.array([i for i, _ in found], dtype=np.int64)
            tf = np.array([count for _, count in found], dtype=np.float32)
            weights = self.idf[term] * tf * (k1 + 1) / (tf + self.norm[ids])
            self.postings[term] = (ids, weights.astype(np.float32))

    @property
    def vocabulary(self) -> list[str]:
        """Every folded word (not pair) the texts use."""
        return [t for t in self.idf if "_" not in t]

    def scores(self, words: Sequence[str]) -> np.ndarray:
        """BM25 score of every text for a question's words (``Query.words``)."""
        result = np.zeros(len(self.doc_terms), dtype=np.float32)
        for term in set(with_bigrams(list(words))) & self.postings.keys():
            ids, weights = self.postings[term]
            result[ids] += weights
        return result

    def coverage(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per text, the IDF-weighted share of the question's words and of its word pairs that
        the text contains.

        Words the corpus never uses weigh the most, so an off-topic question ('giá vàng hôm nay')
        covers little of any passage.
        """
        unknown_idf = math.log(1 + (len(self.doc_terms) + 0.5) / 0.5)
        pairs = {f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)}
        pairs = {
            p
            for p in pairs
            if not set(p.split("_")) <= QUESTION_WORDS and not set(p.split("_")) & FUNCTION_WORDS
        }
        words = [w for w in words if w not in QUESTION_WORDS]
        results = []
        for terms in (set(words), pairs):
            found = np.zeros(len(self.doc_terms), dtype=np.float32)
            total = sum(self.idf.get(t, unknown_idf) for t in terms)
            for term in terms & self.idf.keys():
                found[self.postings[term][0]] += self.idf[term]
            results.append(found / total if total else found)
        return results[0], results[1]

    def share_in(self, words: Sequence[str], text: str) -> float:
        """The IDF-weighted share of ``words`` (question words aside) that ``text`` holds."""
        words = [w for w in dict.fromkeys(words) if w not in QUESTION_WORDS]
        unknown_idf = math.log(1 + (len(self.doc_terms) + 0.5) / 0.5)
        weights = {w: self.idf.get(w, unknown_idf) for w in words}
        found = set(tokens(text))
        total = sum(weights.values())
        return sum(v for w, v in weights.items() if w in found) / total if total else 1.0

    def unknown_share(self, words: Sequence[str]) -> float:
        """The share of the question's words (question words aside) that no text uses
        ("giá vàng", "Bạc Liêu" are not in the report)."""
        words = [w for w in words if w not in QUESTION_WORDS]
        return sum(w not in self.idf for w in words) / max(len(words), 1)


def years_named(words: Sequence[str]) -> list[str]:
    return [w for w in words if _YEAR.fullmatch(w)]
