"""Which period a question asks about, and which period a passage reports on.

The report has two halves: results of the past term (headings end "2015 - 2020") and targets
of the new one ("2020 - 2025"). Both share their vocabulary ("tỷ lệ xã đạt chuẩn nông thôn mới"
is a result in one and a target in the other), so the tense of the question decides. A passage's
period comes from the last year range in its section path: the latest range in the knowledge is
the future (+1), earlier ranges the past (-1). A question's comes from tense words.
"""

from __future__ import annotations

import re

import numpy as np

from index.chunking import Chunk
from index.text import query_tokens

_YEAR_RANGE = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")

# Folded phrases that point to what has been done, and to what is planned.
PAST_WORDS = (
    "da",
    "dat duoc",
    "ket qua",
    "nhiem ky qua",
    "nhiem ky truoc",
    "vua qua",
    "hien nay",
    "hien co",
    "roi",
    "2015",
    "nam 2020",
    "nam qua",
    "trong nhiem ky",
    "thuc hien duoc",
    "han che",
)
FUTURE_WORDS = (
    "muc tieu",
    "phan dau",
    "se",
    "sap toi",
    "toi day",
    "nhiem ky moi",
    "nhiem ky toi",
    "giai doan toi",
    "2025",
    "2021",
    "2030",
    "2050",
    "dinh huong",
    "giai phap",
    "phuong huong",
    "can lam gi",
    "tu nay",
)


def _range_end(section: tuple[str, ...]) -> int | None:
    end = None
    for title in section:
        ranges = _YEAR_RANGE.findall(title)
        if ranges:
            end = int(ranges[-1][1])
    return end


def chunk_periods(chunks: list[Chunk]) -> np.ndarray:
    """+1 for passages on the latest period, -1 for earlier ones, 0 where no heading says."""
    ends = [_range_end(c.section) for c in chunks]
    latest = max((e for e in ends if e is not None), default=None)
    return np.array(
        [0.0 if e is None else (1.0 if e == latest else -1.0) for e in ends], dtype=np.float32
    )


def question_period(question: str) -> int:
    """+1 if the question asks about plans, -1 about results, 0 if it does not say."""
    text = f" {' '.join(query_tokens(question))} "
    past = sum(f" {w} " in text for w in PAST_WORDS)
    future = sum(f" {w} " in text for w in FUTURE_WORDS)
    return int(np.sign(future - past))
