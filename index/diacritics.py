"""Put diacritics back on a question typed without them, using the knowledge's own words.

The dense model understands "tỷ lệ hộ nghèo" far better than "ty le ho ngheo". Every run of one
to three words in the knowledge is remembered by its folded form; each word of a folded question
takes its accents from the longest remembered run around it. Words the knowledge never uses stay
as typed.
"""

from __future__ import annotations

import re
from collections import Counter

from index.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_RUN = 3
# Question words citizens use but a report rarely contains; they outrank the report's own forms.
QUESTION_WORDS = (
    "bao nhiêu",
    "là gì",
    "gì",
    "như thế nào",
    "thế nào",
    "mấy",
    "nào",
    "những gì",
    "ở đâu",
    "khi nào",
    "tại sao",
    "vì sao",
    "không",
    "được",
    "có",
    "hiện nay",
    "bây giờ",
    "hỏi",
    "cho biết",
    "tỉnh mình",
    "của tỉnh",
    "hậu giang",
)
_QUESTION_WORD_WEIGHT = 1000


class DiacriticRestorer:
    def __init__(self, texts: list[str]) -> None:
        counts: Counter[tuple[str, str]] = Counter()
        for text in texts:
            words = [w.lower() for w in _WORD.findall(text)]
            for size in range(1, _MAX_RUN + 1):
                for start in range(len(words) - size + 1):
                    run = " ".join(words[start : start + size])
                    counts[(fold(run), run)] += 1
        for phrase in QUESTION_WORDS:
            counts[(fold(phrase), phrase)] += _QUESTION_WORD_WEIGHT
        best: dict[str, tuple[int, str]] = {}
        for (folded, run), count in counts.items():
            if folded not in best or count > best[folded][0]:
                best[folded] = (count, run)
        self.forms = best

    def expand_abbreviations(self, text: str, expansions: dict[str, str]) -> str:
        """Text typed with diacritics keeps its words; abbreviations typed without diacritics
        ("NTM", "bn") are written out with them ("nông thôn mới", "bao nhiêu")."""

        def expand(match: re.Match[str]) -> str:
            word = match.group()
            plain = word.replace("đ", "d").replace("Đ", "D")
            expansion = expansions.get(plain.lower())
            if expansion is None or fold(plain) != plain.lower():
                return word
            return self.restore_words(expansion.split()) if expansion else ""

        return _WORD.sub(expand, text)

    def restore_words(self, words: list[str]) -> str:
        """Folded words with diacritics restored: each word takes its form from the longest
        known run that covers it (the most frequent one among runs of that length), so "quoc gia
        hien nay" keeps "quốc gia" together whatever the word before it. Words the knowledge never
        uses stay as typed."""
        restored = []
        for i, word in enumerate(words):
            choice = (0, 0, word)  # (run length, count, form of this word)
            for size in range(1, _MAX_RUN + 1):
                for start in range(max(0, i - size + 1), min(i, len(words) - size) + 1):
                    known = self.forms.get(" ".join(words[start : start + size]))
                    if known:
                        count, run = known
                        choice = max(choice, (size, count, run.split()[i - start]))
            restored.append(choice[2])
        return " ".join(restored)

    def restore_unmarked_runs(self, text: str) -> str:
        """Text typed with diacritics, with each run of two or more words typed without them
        restored: "doi ngoai nhiệm kỳ qua" (a follow-up typed plainly, read with a question typed
        with marks) becomes "đối ngoại nhiệm kỳ qua". A lone plain word stays as typed: "tai"
        of "tai nạn" is spelt so."""
        matches = list(_WORD.finditer(text))
        plain = [fold(m.group()) == m.group().lower() for m in matches]
        in_runs = [
            plain[i] and ((i > 0 and plain[i - 1]) or (i + 1 < len(plain) and plain[i + 1]))
            for i in range(len(matches))
        ]
        if not any(in_runs):
            # Most questions typed with marks have no such run: nothing to restore.
            return text
        restored = self.restore_words([fold(m.group()) for m in matches]).split()
        pieces, at = [], 0
        for match, word, in_run in zip(matches, restored, in_runs, strict=True):
            if in_run:
                pieces.append(text[at : match.start()] + word)
                at = match.end()
        return "".join(pieces) + text[at:]
