"""Read an elliptical turn together with the question it follows.

"còn năm 2025?", "thế còn cấp huyện", "vậy còn y tế thì sao", "cái thứ hai", "có hạn chế gì
không", "cụ thể hơn": citizens continue a conversation without repeating it. A follow-up takes
the previous (resolved) question and swaps in what the new turn changes: a phrase of the same
kind (a year or term, a level of government, a sector, an insurance, town or country, a list
item) replaces the old one, anything else is added; a turn that names no topic of its own
("có hạn chế gì không") takes the previous question's topic. A complete question starts afresh;
when a turn could be either, both readings are returned and the assistant keeps the one the
report answers more surely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.period import FUTURE_WORDS, PAST_WORDS, question_period
from index.text import QUESTION_WORDS, fold, tokens

# Phrases of one kind replace each other (folded regexes).
_YEAR = r"(?:19|20)\d{2}"
PHRASE_KINDS: dict[str, str] = {
    "time": (
        rf"(?:(?:tinh\s+)?(?:den|toi|tu|trong|vao)\s+)?(?:nam\s+|giai doan\s+|nhiem ky\s+)?{_YEAR}"
        rf"(?:\s*[-–]\s*{_YEAR})?"
        r"|nhiem ky (?:toi|qua|truoc|moi|nay|sau|vua qua)|giai doan (?:toi|truoc|qua)"
        r"|(?:5|nam) nam (?:toi|qua|truoc)|qua 5 nam|hien nay|hien gio|hien tai|bay gio|sap toi|toi day"
        r"|thoi gian (?:toi|qua|vua qua)|nam toi|moi nam|hang nam|binh quan (?:moi )?nam"
    ),
    "level": r"(?:cap|don vi cap)\s+(?:xa|huyen|tinh)|(?:xa|huyen)(?!\s+hoi)",
    "insurance": r"bao hiem (?:xa hoi(?: bat buoc| tu nguyen)?|y te|that nghiep)",
    "area": r"thanh thi|nong thon(?! moi)|do thi",
    "item": (
        r"thu (?:nhat|hai|ba|tu|nam|sau|bay|tam|\d+)|so \d+|cuoi(?: cung)?"
        r"|(?<=cai |muc )dau tien|(?<=\by )dau tien"
    ),
    "numbered": r"(?:chi tieu|nhiem vu|giai phap|muc|noi dung) (?:so |thu )?\d+",
    "sector": (
        r"giao duc(?: dao tao| va dao tao)?|y te|van hoa|the thao|du lich|nong nghiep"
        r"|cong nghiep|thuong mai(?: dich vu)?|dich vu|xay dung dang|quoc phong|an ninh"
        r"|giam ngheo|viec lam|lao dong|moi truong|giao thong|khoa hoc cong nghe"
        r"|chuyen doi so|cai cach hanh chinh|doanh nghiep|dau tu|xuat khau|thu ngan sach"
        r"|do thi hoa|thuy san|chan nuoi|trong trot|nuoc sach|ho ngheo|dang vien|to chuc dang"
        r"|xay dung|doi ngoai|tu phap|mat tran(?: to quoc)?|doan the|tai nguyen(?: nuoc)?|dat dai"
        # some of the same written short, as citizens do ("còn khcn")
        r"|khcn|gddt|cchc|bvmt|xnk"
    ),
}
# Time phrases that give a rate, not a period: the previous question's year or term stays.
_FREQUENCY = re.compile(r"moi nam|hang nam|binh quan (?:moi )?nam")
_KINDS = {kind: re.compile(rf"\b(?:{pattern})\b") for kind, pattern in PHRASE_KINDS.items()}
_KIND_ANY = re.compile("|".join(p.pattern for p in _KINDS.values()))
# Words that only point at something said before ("cái thứ hai", "ý thứ ba", "mục đó").
_POINTERS = frozenset(
    ["cai", "y", "muc", "phan", "do", "kia", "nay", "con", "roi", "thi", "nua", "o", "ve"]
    + ["nganh", "mang", "linh", "vuc"]  # "còn ngành xây dựng", "mảng y tế"
    + ["r", "z", "v", "ak", "ah", "nhe", "nha", "ne", "ta", "di", "hon", "ma"]  # chat particles
)
# "mà" ("nhờ đâu mà đạt được"): no part of a topic (the other particles are question words).
_NOT_TOPIC = frozenset(["ma"])
# Pointers spelt with their marks are no part of a topic either ("tệ nạn xã hội thì sao"); without
# them they may be ("thi đua", "đô thị", "ma túy").
_SPELLED_POINTERS = frozenset(
    ["thì", "mà", "đó", "ở", "về", "còn", "rồi", "nữa", "cái", "hơn", "nhé", "nha", "nè"]
)
# Question words that fold like syllables of topics, with their spellings as question words
# ("xã hội", "cơ cấu", "thể thao", "bảo vệ", "nhu cầu", "đặc biệt" are not questions).
_QUESTION_SPELLINGS = {
    "hoi": {"hỏi"},
    "co": {"có"},
    "the": {"thế"},
    "bao": {"bao"},
    "nhu": {"như"},
    "biet": {"biết"},
    "may": {"mấy"},
    "cho": {"cho"},
    "hien": {"hiện"},
    "nay": {"nay", "này"},
    "vi": {"vì"},  # "đơn vị", "vị trí" are no "vì sao"
}
# Chat shorthand of question words: no topic to carry to the next turn ("có hạn chế gì ko").
_SHORTHAND = frozenset(
    ["ko", "k", "kh", "kg", "khg", "hok", "hem", "dc", "j", "ad", "admin", "ntn", "bn", "bnh"]
    + ["bnhieu", "nhiu", "zay", "oy", "lm", "bh", "bit"]
)
# The aspects a question asks about ("hạn chế", "chỉ tiêu"): a turn that names none of its own
# ("đạt mấy cái" after "nghị quyết đề ra bao nhiêu chỉ tiêu") keeps the previous one.
_ASPECT_WORDS = (
    r"han che|yeu kem|kho khan|thuan loi|nguyen nhan|ket qua|muc tieu|chi tieu|giai phap"
    r"|nhiem vu|phuong huong|dinh huong|ke hoach|ton tai|bat cap|diem yeu|khuyet diem|uu diem"
    r"|diem manh|the manh"
)
_ASPECT = re.compile(rf"\b(?:{_ASPECT_WORDS})\b")
# What any part of the report has; a turn of only these names no topic of its own.
_GENERIC = re.compile(
    rf"\b(?:{_ASPECT_WORDS}"
    r"|phan dau|dat|tang|giam|tinh|so voi|de ra|thuc hien|lam gi|tinh hinh|cu the|nhu the nao"
    r"|the nao|ra sao|bao nhieu|so lieu|bao cao|danh gia|cong tac|se|yeu|nho dau|do dau|vi sao"
    r"|tai sao|vi dau|ly do|noi bat|vuot|diem|lam sao(?: de)?|de dat(?: duoc| dc)?|uu tien"
    r"|nghi quyet|nq|giai quyet|khac phuc|phan tram|nang len|tang len|giam xuong)\b"
)
# Topics holding a syllable that folds like a question word ("tai nạn", "bộ máy", "khí hậu",
# "dược liệu") or a generic word ("tăng trưởng"): kept whole when a topic is carried to the next
# turn.
_COMPOUNDS = re.compile(
    r"\b(?:tai nan|tai chinh|tai san|nhan tai|bo may|nha may|may moc|khi hau|khi thai"
    r"|duoc lieu|khong gian|co so|co che|co cau|co hoi|bao ve|bao dam|nhu cau|lam nghiep"
    r"|vi tri|don vi|tang truong|cho (?:nong thon|dau moi))\b"
)
# "còn", "thế còn", "vậy còn ... thì sao": the marks of a turn that continues the last one;
# "còn" and "thì" mark it surely, "vậy", "thế" may start a question of its own.
_LEADING = re.compile(
    r"^(?:(?:the(?! thao)|vay|the thi|vay thi|con|con ve|con voi|va|roi|oke?|ok)\b[\s,]*)+"
)
_STRONG_LEADING = re.compile(r"^(?:(?:the|vay)\s+)?con\b")
# "thị" of "đô thị", "thành thị" folds like "thì": no mark of a follow-up.
_TRAILING = re.compile(
    r"[\s,]*(?:(?<!\bdo )(?<!\bthanh )thi|the|vay)?\s*"
    r"(?P<asked>sao|the nao|ra sao|nhu the nao|bao nhieu|la gi|(?<!lam )gi|nua)?"
    r"(?:\s+(?:a|ad|nhi|nha|vay|the|ha|khong|ko|k))*\s*[?.!]*$"
)
_COMPARES = re.compile(r"^(?:so (?:voi|vs|vo)|so sanh)\b")
_INNER_MARK = re.compile(r"\b(?:thi|the|vay) (?:sao|the nao|ra sao)\s*,\s*")
_ASKED_FOR = frozenset(["the nao", "ra sao", "nhu the nao", "bao nhieu", "la gi", "gi"])
_MORE_DETAIL = re.compile(
    r"^(?:noi |giai thich |trinh bay |neu )?(?:cu the|chi tiet|ro|ky|day du)(?: hon| them)?"
    r"|^(?:noi |cho biet |cho xem )?them(?: nua| chi tiet)?"
)
# A turn of at most this many words of its own (question words aside) is read as elliptical;
# up to MAX_FOLLOW_UP_WORDS, a marked one is read both ways.
ELLIPTICAL_WORDS = 2
MAX_FOLLOW_UP_WORDS = 5


@dataclass(frozen=True)
class Resolved:
    question: str  # what to retrieve for
    more_detail: bool = False  # "cụ thể hơn": the same question, quoted at greater length
    alternative: str | None = None  # the other reading of an ambiguous turn
    needs_context: bool = False  # an elliptical turn with no answer before it to follow
    own: str = ""  # what an ambiguous turn names itself, which its answer should hold


def _content_words(folded: str) -> list[str]:
    return [w for w in tokens(folded) if w not in QUESTION_WORDS | _POINTERS | _SHORTHAND]


def _own_words(folded: str) -> list[str]:
    """The words a turn names besides phrase kinds and what any part of the report has."""
    return _content_words(_GENERIC.sub(" ", _KIND_ANY.sub(" ", folded)))


def resolve(message: str, previous: str | None) -> Resolved:
    """The question a turn asks, read with the previous (resolved) question when it is a
    follow-up; the message itself otherwise."""
    folded = fold(message).strip()
    leading = _LEADING.match(folded)
    core_start = leading.end() if leading else 0
    trailing = _TRAILING.search(folded, core_start)
    core_end = trailing.start() if trailing else len(folded)
    # "nhiệm kỳ trước thì sao, có đạt không": a "thì sao" inside the turn only marks it.
    inner = [m.span() for m in _INNER_MARK.finditer(folded, core_start, core_end)]
    core = _cut(folded, core_start, core_end, inner).strip(" ,")
    # ... and marks it a follow-up when what comes before it names no topic of its own.
    inner_follows = bool(inner) and not _own_words(folded[core_start : inner[0][0]])
    strong = bool(
        _STRONG_LEADING.match(folded) or inner_follows or re.search(r"\bthi\b", folded[core_end:])
    )
    marked = strong or leading is not None
    words = _content_words(core)
    more_detail = bool(_MORE_DETAIL.match(core)) and len(words) <= MAX_FOLLOW_UP_WORDS
    found = {kind: m for kind, p in _KINDS.items() if (m := p.search(core))}
    if "time" in found and _FREQUENCY.fullmatch(found["time"].group()):
        # "mỗi năm giảm được bao nhiêu" after "năm 2020": a rate, not another period.
        del found["time"]
    own_words = _own_words(core)
    if not previous:
        # "còn năm 2025?", "cái thứ hai", "cụ thể hơn" as a first message: about what?
        alone = (
            more_detail
            or (strong and len(words) <= ELLIPTICAL_WORDS)
            or (set(found) == {"item"} and not own_words)
        )
        return Resolved(message, needs_context=alone)
    original = message.strip()
    aligned = len(original) == len(folded)
    original_core = _cut(original, core_start, core_end, inner) if aligned else core
    if more_detail and not _own_words(_MORE_DETAIL.sub(" ", core)) and not found:
        return Resolved(previous, more_detail=True)
    if more_detail:
        # "cụ thể hơn về công an": the previous question, narrowed to what the turn names.
        return Resolved(_swap(previous, original_core, found))
    # What the turn asks for at its end ("bao nhiêu", "là gì"), kept when its topic is carried.
    asked = ""
    if aligned and trailing and trailing.group("asked") in _ASKED_FOR:
        asked = " " + original[trailing.start("asked") : trailing.end("asked")]
    if words and not own_words and not found:
        # "có hạn chế gì không", "so với chỉ tiêu đề ra thì sao": the previous topic, asked anew;
        # a turn with a tense of its own ("giải pháp ra sao") drops the previous year or term.
        tense = question_period(tokens(core), core)
        retensed = tense and tense != question_period(tokens(fold(previous)), previous)
        timeless = {"time"} if retensed else set()
        topic = _topic_of(previous, timeless, keep_aspect=not _ASPECT.search(core))
        return Resolved(f"{original_core.strip(' ?.!')} {topic}{asked}?")
    elliptical = strong and len(words) <= ELLIPTICAL_WORDS
    if set(found) == {"item"} and not own_words:
        # "cái thứ hai", "ý thứ ba cụ thể hơn", "cái cuối": only ever about the last answer.
        return Resolved(_swap(previous, original_core, found))
    swaps_area_only = strong and "sector" not in found
    if found.keys() & {"sector", "area"} and _GENERIC.search(core) and not swaps_area_only:
        # "công nghiệp có hạn chế gì", "nhiệm kỳ tới về đô thị làm gì": a sector and what is
        # asked about it is a question whole; "còn khu vực thành thị đặt bao nhiêu" after the
        # rural water target continues it, read both ways below.
        return Resolved(message)
    if found and not own_words:
        # "còn nhiệm kỳ tới?" swaps the term into the last question; "mục tiêu tới 2025?" asks
        # its own thing about the last question's topic.
        reading = (
            f"{original_core.strip(' ?.!')} {_topic_of(previous, set(found))}{asked}?"
            if _GENERIC.search(core)
            else _swap(previous, original_core, found)
        )
        return Resolved(reading)
    if marked and len(words) <= MAX_FOLLOW_UP_WORDS:
        reading = (
            _swap(previous, original_core, found)
            if found
            else f"{previous.rstrip(' ?.!')} {original_core.strip(' ?.!')}?"
        )
        # "còn chủ đề thì sao" after the motto: the last question narrowed, or a new topic in
        # place of its own; the reading whose passage holds the turn's words wins.
        if _COMPARES.match(core):
            # "so với nghị quyết thì sao": the last answer compared, not a new topic.
            return Resolved(reading)
        alone = original_core.strip(" ?.!") if elliptical else message
        return Resolved(reading, alternative=alone, own=original_core)
    if len(words) <= ELLIPTICAL_WORDS:
        # "lấp đầy được bao nhiêu rồi" after a question on industry: a topic too short to stand
        # alone may be about the last answer; read both ways.
        return Resolved(
            message,
            alternative=f"{previous.rstrip(' ?.!')} {original_core.strip(' ?.!')}?",
            own=original_core,
        )
    return Resolved(message)


def _cut(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """``text[start:end]`` less the given spans."""
    kept, at = [], start
    for span_start, span_end in spans:
        kept.append(text[at:span_start])
        at = span_end
    return " ".join(part.strip() for part in [*kept, text[at:end]] if part.strip())


def _topic_of(question: str, without: set[str] = frozenset(), keep_aspect: bool = False) -> str:
    """What a question was about: its words less generic and question words, and less the
    phrases of the kinds in ``without`` (which the new turn names itself); with
    ``keep_aspect``, its aspect ("chỉ tiêu", "hạn chế") stays."""
    folded = fold(question)
    dropped = _covered(folded, [_GENERIC, *(_KINDS[kind] for kind in without)])
    if keep_aspect:
        aspect = _covered(folded, [_ASPECT])
        dropped = [d and not a for d, a in zip(dropped, aspect, strict=True)]
    # Words of a named phrase ("bảo hiểm y tế") stay whole, question words or not.
    named = _covered(
        folded, [_COMPOUNDS, *(p for kind, p in _KINDS.items() if kind not in without)]
    )
    return " ".join(
        word
        for start, word, folded_word in _words(question, folded)
        if named[start] or not (dropped[start] or _asks(word, folded_word))
    )


def _frame_of(question: str) -> str:
    """A question less its topic: its time, level, generic and question words."""
    folded = fold(question)
    frame = _covered(folded, [_GENERIC, _KINDS["time"], _KINDS["level"]])
    return " ".join(
        word
        for start, word, folded_word in _words(question, folded)
        if frame[start] or _asks(word, folded_word)
    )


def _covered(folded: str, patterns: list[re.Pattern[str]]) -> list[bool]:
    """Per character of ``folded``, whether one of the patterns matches over it."""
    covered = [False] * len(folded)
    for pattern in patterns:
        for match in pattern.finditer(folded):
            covered[match.start() : match.end()] = [True] * (match.end() - match.start())
    return covered


def _words(text: str, folded: str) -> list[tuple[int, str, str]]:
    """Each word's start, as written (when folding kept the length) and folded."""
    source = text if len(folded) == len(text) else folded
    return [
        (w.start(), source[w.start() : w.end()], w.group()) for w in re.finditer(r"\w+", folded)
    ]


def _asks(word: str, folded: str) -> bool:
    """Whether a word of a question only asks; "hội" of "xã hội" or "thể" of "thể thao" fold
    to question words ("hỏi", "thế") but are spelt otherwise."""
    if word.lower() in _SPELLED_POINTERS:
        return True
    if folded not in QUESTION_WORDS | _SHORTHAND | _NOT_TOPIC:
        return False
    spellings = _QUESTION_SPELLINGS.get(folded)
    return word == folded or spellings is None or word.lower() in spellings


def _swap(previous: str, core: str, found: dict[str, re.Match[str]]) -> str:
    """The previous question with each phrase kind the turn names replaced, the rest added.
    A new time phrase also drops the previous question's tense words ("kết quả", "mục tiêu")."""
    text = previous
    leftover = core
    for kind, match in found.items():
        phrase = core[match.start() : match.end()]
        leftover = leftover.replace(phrase, " ")
        old = _KINDS[kind].search(fold(text))
        if old:
            text = text[: old.start()] + "\x00" + text[old.end() :]
        elif kind in ("sector", "insurance"):
            # "vậy còn y tế?" after a question on schools, "bảo hiểm y tế thì sao" after the
            # doctors' target: the new sector or insurance replaces the topic.
            text = f"{_frame_of(text)} \x00"
        else:
            text = f"{text.rstrip(' ?.!')} \x00"
        if kind == "time":
            text = _without_tense_words(text)
        text = text.replace("\x00", phrase)
    # What the turn adds besides the phrases it swaps in, less generic words ("cụ thể hơn").
    folded = fold(leftover)
    generic = {i for m in _GENERIC.finditer(folded) for i in range(m.start(), m.end())}
    extra = " ".join(
        word.group()
        for word, folded_word in zip(
            re.finditer(r"\S+", leftover), re.finditer(r"\S+", folded), strict=False
        )
        if folded_word.start() not in generic and _content_words(folded_word.group())
    ).strip(" ,?.!")
    return " ".join(filter(None, [text.rstrip(" ?.!"), extra])) + "?"


_CLOSING_ROI = re.compile(r"\s+(?:r|roi)(?=\W*$)")


def _without_tense_words(text: str) -> str:
    """The question without its tense words, which a new time phrase overrides."""
    folded = fold(text)
    for word in sorted(PAST_WORDS + FUTURE_WORDS, key=len, reverse=True):
        if word in ("da", "se", "roi"):
            continue
        for match in reversed(list(re.finditer(rf"\b{word}\b", folded))):
            text = text[: match.start()] + text[match.end() :]
            folded = folded[: match.start()] + folded[match.end() :]
    # A closing "rồi" ("được bao nhiêu xã rồi") marks the past the new time phrase replaces.
    closing = _CLOSING_ROI.search(folded)
    if closing:
        text = text[: closing.start()] + text[closing.end() :]
    return re.sub(r"\s+", " ", text).strip()
