"""Split a long reply into messages a platform accepts (Telegram 4,096 characters, Messenger and
Zalo 2,000), so that a citizen never sees a word or a quotation cut in half.

Cuts are tried in order of preference: between paragraphs, between sentences outside quotation
marks, between sentences inside one, between words; a single word longer than the limit is the
only thing ever cut mid-word. Every cut is at whitespace, so the parts joined with that
whitespace give back the text.
"""

from __future__ import annotations

import re

OPENING_QUOTES = "“«‘"
CLOSING_QUOTES = "”»’"
# Whitespace after a sentence end (optionally followed by closing quotes or brackets).
_SENTENCE_END = re.compile(r"(?<=[.!?…;:])[”»’\")\]]*\s+")
_WHITESPACE = re.compile(r"\s+")


def _quote_depth(text: str) -> int:
    """How many quotations are open at the end of ``text`` (curly quotes and straight ones)."""
    depth = 0
    for char in text:
        if char in OPENING_QUOTES:
            depth += 1
        elif char in CLOSING_QUOTES:
            depth = max(0, depth - 1)
    return depth + text.count('"') % 2


def _end_of(sentence_end: re.Match[str]) -> int:
    """Where the sentence ends: after its closing quotes, before the whitespace."""
    return sentence_end.start() + len(sentence_end.group().rstrip())


def _best_cut(text: str, limit: int) -> tuple[int, int]:
    """(end of this part, start of the next) for the best cut within the first ``limit`` chars."""
    window = text[: limit + 1]
    paragraph = window.rfind("\n\n")
    if paragraph > 0 and _quote_depth(window[:paragraph]) == 0:
        return paragraph, paragraph + 2
    sentence_ends = [m for m in _SENTENCE_END.finditer(window) if m.start() > 0]
    outside = [m for m in sentence_ends if _quote_depth(window[: _end_of(m)]) == 0]
    for candidates in (outside, sentence_ends):
        if candidates:
            return _end_of(candidates[-1]), candidates[-1].end()
    spaces = [m for m in _WHITESPACE.finditer(window) if m.start() > 0]
    if spaces:
        return spaces[-1].start(), spaces[-1].end()
    return limit, limit


def split_message(text: str, limit: int) -> list[str]:
    """``text`` as parts of at most ``limit`` characters, cut at the best boundary available."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        end, start = _best_cut(rest, limit)
        parts.append(rest[:end].rstrip())
        rest = rest[start:].lstrip()
    if rest:
        parts.append(rest)
    return parts
