"""Which period a question asks about, and which period a passage reports on.

The report has two halves: results of the past term (headings end "2015 - 2020") and targets
of the new one ("2020 - 2025"). Both share their vocabulary ("tỷ lệ xã đạt chuẩn nông thôn mới"
is a result in one and a target in the other), so the tense of the question decides. A passage's
period comes from the last year range in its section path: the latest range in the knowledge is
the future (+1), earlier ranges the past (-1). A question's comes from tense words and years.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.chunking import Chunk

_YEAR_RANGE = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")
# A year or a term in a question: "2020", "2015-2020", "2015 2020", "2015 đến 2020".
_QUESTION_YEARS = re.compile(
    r"\b((?:19|20)\d{2})(?:\s*(?:[-–]|đến|den|tới|toi)?\s*((?:19|20)\d{2}))?\b", re.IGNORECASE
)

# Folded phrases that point to what has been done, and to what is planned.
PAST_WORDS = (
    "da",
    "dat duoc",
    "ket qua",
    "nhiem ky qua",
    "nhiem ky truoc",
    "giai doan truoc",
    "giai doan qua",
    "thoi gian qua",
    "truoc day",
    "vua qua",
    "hien nay",
    "hien co",
    "hien gio",
    "hien tai",
    "bay gio",
    "roi",
    "nam qua",
    "qua 5 nam",
    "duoc bao nhieu",
    "trong nhiem ky",
    "thuc hien duoc",
    "han che",
    # "có thành tích gì": achievements are results ("nâng cao thành tích" names its plan)
    "thanh tich gi",
    "thanh tich nao",
    "dat thanh tich",
    # "tội phạm tăng hay giảm": a trend is a result
    "tang hay giam",
    "giam hay tang",
)
FUTURE_WORDS = (
    "muc tieu",
    "phan dau",
    "se",
    "sap toi",
    "toi day",
    "nhiem ky moi",
    "nhiem ky toi",
    "nam toi",
    "thoi gian toi",
    "giai doan toi",
    "tuong lai",
    "dinh huong",
    "giai phap",
    "phuong huong",
    "can lam gi",
    "tu nay",
    # "khắc phục ra sao": how to overcome it is the plan
    "khac phuc",
)


# "bao nhiêu xã đạt chuẩn", "đạt mấy huyện": a count of what was achieved, a result (the
# targets share the words, and a question about them names its plan: "mục tiêu", "đến 2025").
_COUNT_ACHIEVED = re.compile(
    r"\b(?:bao nhieu|may) (?:xa|huyen|don vi)\b.*\bdat\b|\bdat (?:bao nhieu|may) (?:xa|huyen)\b"
)


@dataclass(frozen=True)
class Periods:
    """Per passage, +1 for the latest period, -1 for earlier ones, 0 where no heading says; and
    the year the latest period starts (2020 for 2020 - 2025)."""

    of_chunks: np.ndarray
    boundary: int | None


def chunk_periods(chunks: list[Chunk]) -> Periods:
    ranges = [_range(c.section) for c in chunks]
    latest = max((r for r in ranges if r is not None), default=None, key=lambda r: r[1])
    of_chunks = np.array(
        [0.0 if r is None else (1.0 if r[1] == latest[1] else -1.0) for r in ranges],
        dtype=np.float32,
    )
    return Periods(of_chunks, latest[0] if latest else None)


def _range(section: tuple[str, ...]) -> tuple[int, int] | None:
    """The last year range of a heading path, e.g. (2015, 2020)."""
    found = None
    for title in section:
        ranges = _YEAR_RANGE.findall(title)
        if ranges:
            found = (int(ranges[-1][0]), int(ranges[-1][1]))
    return found


def single_years(text: str) -> list[int]:
    """The years a question names on their own ("năm 2017"), not as a term ("2015 - 2020")."""
    return [int(start) for start, end in _QUESTION_YEARS.findall(text) if not end]


def reports_year(chunk: Chunk, year: int) -> bool:
    """Whether a passage can give a figure for ``year``: it names the year, or the year ends the
    term its heading states (the report's results are those of 2020, its targets those of 2025).
    """
    term = _range(chunk.section)
    return str(year) in chunk.text or (term is not None and term[1] == year)


def question_period(words: Sequence[str], text: str, boundary: int | None = None) -> int:
    """+1 if the question (its ``Query.words`` and text) asks about plans, -1 about results, 0 if it does not say.

    Tense words count, and so do years: a year range counts by its end, and a year after
    ``boundary`` (the start of the latest period) is the future, up to it the past.
    """
    spaced = f" {' '.join(words)} "
    past = sum(f" {w} " in spaced for w in PAST_WORDS)
    future = sum(f" {w} " in spaced for w in FUTURE_WORDS)
    if boundary is not None:
        for start, end in _QUESTION_YEARS.findall(text):
            year = int(end or start)
            if year > boundary:
                future += 1
            else:
                past += 1
    if past == future == 0 and _COUNT_ACHIEVED.search(spaced):
        return -1
    return int(np.sign(future - past))


# Phrases that only say when ("nhiệm kỳ qua", "5 năm tới"): they set the period and would
# otherwise match every passage that repeats them ("trong nhiệm kỳ qua, ...").
_TIME_PHRASES = (
    ("nhiem", "ky", "qua"), ("nhiem", "ky", "toi"), ("nhiem", "ky", "truoc"),
    ("nhiem", "ky", "moi"), ("nhiem", "ky", "vua", "qua"), ("nam", "qua"), ("nam", "toi"),
    ("giai", "doan", "toi"), ("giai", "doan", "truoc"), ("giai", "doan", "qua"),
    ("thoi", "gian", "toi"), ("thoi", "gian", "qua"), ("truoc", "day"), ("tuong", "lai"),
    ("sap", "toi", "day"), ("sap", "toi"), ("toi", "day"), ("vua", "qua"), ("qua", "5", "nam"),
)  # fmt: skip


def without_time_phrases(words: Sequence[str]) -> list[str]:
    """The question's words less its time phrases, for the lexical rankers."""
    kept: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((p for p in _TIME_PHRASES if tuple(words[i : i + len(p)]) == p), None)
        i += len(phrase) if phrase else 1
        if not phrase:
            kept.append(words[i - 1])
    return kept
