"""Vietnamese text handling shared by indexing and querying.

Lexical matching works on *folded* text: lower case, diacritics removed, ``đ`` -> ``d``, so that
"ty le ho ngheo" matches "Tỷ lệ hộ nghèo". Abbreviations and chat shorthand are written out by
the query parser (index/query.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Folded words that only shape a question ("bao nhiêu", "là gì", "như thế nào"); they say nothing
# about which passage answers it, so coverage measures ignore them.
QUESTION_WORDS = frozenset(
    [
        "bao",
        "nhieu",
        "gi",
        "la",
        "nao",
        "the",
        "nhu",
        "may",
        "co",
        "khong",
        "duoc",
        "hien",
        "nay",
        "bay",
        "gio",
        "hoi",
        "cho",
        "biet",
        "ra",
        "sao",
        "vay",
        "a",
        "oi",
        "nhe",
        "ha",
        "ah",
        "nhung",
        "cac",
        "cua",
        "nhi",
        "dau",
        "khi",
        "tai",
        "vi",
        "sao",
        "lam",
        "ve",
        "roi",  # "được mấy xã rồi": a particle (its tense is read from Query.words)
        # The province and the congress every question is about; passages rarely repeat them.
        "hau",
        "giang",
        "xiv",
    ]
)

# How Vietnamese names the n-th item: "thứ nhất", "thứ hai", "thứ tư", ...
ORDINALS = {1: "nhất", 2: "hai", 3: "ba", 4: "tư", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám"}

# Folded grammatical words ("các", "những", "của", "là", "về", "và"): a word pair holding one
# ("các nhiệm") names no topic, so pair coverage leaves it out.
FUNCTION_WORDS = frozenset(["cac", "nhung", "cua", "la", "ve", "va"])

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,/][0-9]+)*")
_SENTENCE_END = re.compile(r"[.!?…][”\"*)]*\s+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\ufeff]")
_TAG = re.compile(r"<[^>]{0,200}>")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case without diacritics: 'Tỷ lệ Đảng viên' -> 'ty le dang vien'."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


def clean_question(text: str, max_chars: int = 1000) -> str:
    """What a user typed, made safe to process: NFC, no control characters or HTML tags,
    single spaces, at most ``max_chars`` characters."""
    text = _TAG.sub(" ", nfc(text))
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()[:max_chars]


def tokens(text: str) -> list[str]:
    """Folded word tokens; numbers keep their separators ('1.044', '3,1', '32/51')."""
    return _TOKEN.findall(fold(text))


def with_bigrams(words: list[str]) -> list[str]:
    """Unigrams plus adjacent pairs: Vietnamese words are mostly two syllables."""
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph at sentence ends followed by an upper-case letter, a digit or a quote."""
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        parts.append(paragraph[start : end.end()])
        start = end.end()
    parts.append(paragraph[start:])
    sentences: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if sentences and not (part[0].isupper() or part[0].isdigit() or part[0] in '“"(-'):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return sentences


def collapse(text: str) -> str:
    """NFC, lower case, single spaces: how gold strings are matched."""
    return _SPACES.sub(" ", nfc(text).lower()).strip()


_WORD_OR_GAP = re.compile(r"(\w+)|(\W+)")


def soften_capitals(text: str) -> str:
    """Runs of three or more upper-case words in lower case, for the dense model: e5 reads
    'KẾT QUẢ ĐẠT ĐƯỢC' poorly, 'kết quả đạt được' well. Lone acronyms (GRDP, XIV) stay."""
    parts = [m.group() for m in _WORD_OR_GAP.finditer(text)]
    capital = [p.isupper() and len(p) > 1 and not p.isdigit() for p in parts]
    out, i = [], 0
    while i < len(parts):
        if not capital[i]:
            out.append(parts[i])
            i += 1
            continue
        j, words = i, 0
        while j < len(parts) and (
            capital[j] or (not parts[j].strip(" ,;:-–") and j + 1 < len(parts))
        ):
            words += capital[j]
            j += 1
        run = "".join(parts[i:j])
        out.append(run.lower() if words >= 3 else run)
        i = j
    return "".join(out)
