"""Chat-style variants of labelled questions, for fitting the answerability decision.

Citizens add a greeting and who they are, drop diacritics, write "bn", "ko", "dc", make typos.
Fitted on examiner-style questions alone, the decision took those marks for signs of an
off-topic message. Each labelled question gets one variant made the way citizens write,
with the same label, drawn with a fixed seed so builds are repeatable.
"""

from __future__ import annotations

import random
import re

from index.cases import Case
from index.text import fold

PREAMBLES = (
    "Chào ad, mình là nông dân ở Phụng Hiệp.",
    "Dạ cho em hỏi",
    "ad ơi cho mình hỏi,",
    "Tôi là giáo viên về hưu ở Vị Thanh, rất quan tâm tới tình hình tỉnh nhà. Xin hỏi",
    "Xin chào, tôi là đảng viên ở chi bộ ấp 4, xã Vị Thủy.",
    "Em là sinh viên năm 3, đang làm bài tập về tỉnh mình. Cho em hỏi:",
    "chao ban, minh lam cong nhan o KCN Tan Phu Thanh",
    "Dạ con chào cô chú. Con ở Long Mỹ ạ.",
    "Cho tôi hỏi với",
    "hello ad",
)
TRAILERS = ("", "", " ạ", " vậy ad", " nha", " z ad", " ko ạ")
SHORTHAND = {
    "bao nhiêu": "bn",
    "không": "ko",
    "được": "dc",
    " gì": " j",
    "như thế nào": "ntn",
    "vậy": "z",
    "rồi": "r",
    "nông thôn mới": "NTM",
    "doanh nghiệp": "DN",
    "bảo hiểm y tế": "BHYT",
    "khu công nghiệp": "KCN",
}
# Ways a question names the province. Off-topic calibration questions name it far more often
# ("dân số Hậu Giang") than answerable ones, so without these the neighbours read the name itself
# as a sign of an off-topic question ("thành tựu nổi bật của Hậu Giang nhiệm kỳ qua").
NAMINGS = (
    "Ở Hậu Giang, {lower}",
    "Tỉnh Hậu Giang {lower}",
    "{stem} của tỉnh Hậu Giang?",
    "{stem} ở Hậu Giang vậy?",
)
_WORD = re.compile(r"\w{5,}")
VARIANT_SUFFIX = "-chat"
NAMED_SUFFIX = "-named"


def _typo(text: str, rng: random.Random) -> str:
    """Swap two neighbouring letters of one longer word."""
    words = list(_WORD.finditer(text))
    if not words:
        return text
    word = rng.choice(words)
    i = rng.randrange(word.start(), word.end() - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def chat_variant(question: str, rng: random.Random) -> str:
    text = question.rstrip()
    for long, short in SHORTHAND.items():
        if long in text and rng.random() < 0.6:
            text = text.replace(long, short)
    if rng.random() < 0.5:
        text = f"{rng.choice(PREAMBLES)} {text[0].lower()}{text[1:]}"
    text = text.rstrip("?") + rng.choice(TRAILERS) + ("?" if rng.random() < 0.5 else "")
    if rng.random() < 0.3:
        text = _typo(text, rng)
    if rng.random() < 0.5:
        text = fold(text)
    return text


def chat_variants(cases: list[Case], seed: int = 13) -> list[Case]:
    rng = random.Random(seed)
    return [
        Case(f"{c.id}{VARIANT_SUFFIX}", chat_variant(c.question, rng), c.expect, c.answer_contains)
        for c in cases
    ]


def named_variants(cases: list[Case], seed: int = 17) -> list[Case]:
    """Each question that does not name the province, naming it (same label)."""
    rng = random.Random(seed)
    named = []
    for case in cases:
        if "hau giang" in fold(case.question):
            continue
        text = case.question.strip()
        form = rng.choice(NAMINGS)
        question = form.format(lower=text[0].lower() + text[1:], stem=text.rstrip(" ?"))
        named.append(Case(f"{case.id}{NAMED_SUFFIX}", question, case.expect, case.answer_contains))
    return named
