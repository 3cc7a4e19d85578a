"""Understand a citizen's message once, before retrieving.

Citizens write the way people chat: a greeting and who they are before the question ("chào
ad, mình là giáo viên ở Long Mỹ, ... cho mình hỏi ..."), shorthand ("bn", "ko", "dc"), no
diacritics, typos, "báo cáo có nói gì về X không". ``QueryParser.parse`` turns such a message
into one ``Query`` that the retriever, the answerability model and the quoting all read:
the question part alone, and its folded words with abbreviations and shorthand written out
(``knowledge/lexicon.yaml``) and typos mended against the knowledge's own vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from index.period import single_years, without_time_phrases
from index.text import ORDINALS, clean_question, fold, has_diacritics, tokens

LEXICON_FILE = "lexicon.yaml"
RELATED_GROUP = "related"
# Query.item_number of "cái cuối (cùng)": the last item of the list quoted.
LAST_ITEM = -1
ASPECTS_GROUP = "aspects"
OTHER_PLACES_GROUP = "other_places"
OWN_PLACES_GROUP = "own_places"
# Before a place, words that make it where someone goes or is, not what the question is about.
_GOING_TO = frozenset({"len", "o", "ve", "xuong", "den", "toi", "vo", "vao", "di", "tu", "tai"})

# Where the question starts in a longer message: "cho mình hỏi", "xin hỏi", "em muốn hỏi là".
_ASK = re.compile(
    r"(?:\b(?:(?:cho|xin|muon|can|ad cho|ban cho)\s+)+"
    r"(?:(?:toi|minh|em|con|chau|tui|anh|chi|co|chu|bac|e|mik|mk|t)\s+)?"
    r"(?:(?:muon|xin|can|duoc|dc)\s+)?hoi"
    # "…, hỏi chút: …": a bare "hỏi chút" opening a clause
    r"|(?:^|(?<=[,.:;!?]))\s*hoi(?=\s+(?:chut|xiu|ti)\b)"
    # "muốn biết …", "ad cho biết …"; not "cần biết để về nói lại"
    r"|\b(?:muon|cho)\s+(?:(?:toi|minh|em|con|chau|tui|e|mik)\s+)?biet)"
    # not "hội viên", "hội nông dân", "đại hội", "xã hội": the word hỏi, not hội
    r"(?!\s+(?:vien|dong|nghi|nhap|nong dan|phu nu|cuu chien binh|lien hiep|chu thap|doanh nhan))"
    r"(?:\s+(?:chut|xiu|nhe|nha|ad|admin|a)\b)*(?:\s+(?:la|ve|rang)\b)?\s*[:,.]?\s*"
)
# Greetings and addresses at the start of a sentence: "dạ", "chào ad", "ad ơi", "alo". Words
# that are also content words ("chỉ", "đa", "bạn") count only in their greeting forms.
_ADDRESSEE = r"(?:ad|admin|ban|bot|anh|chi|em|co|chu|bac|moi nguoi|ca nha)"
_GREETING = re.compile(
    rf"^(?:(?:(?:xin chao|chao|kinh chao|hello|hi|alo)(?:\s+{_ADDRESSEE})?"
    rf"|{_ADDRESSEE}\s+oi|ad|admin"
    r"|(?:da|vang)(?=\s*[,.!]|\s+(?:cho|em|con|chau|toi|minh|thua|vang|da)\b))"
    r"\b[\s,.!:-]*)+"
)
# "báo cáo có nói gì về X không": the question is X.
_DOES_IT_SAY = re.compile(
    r"^(?:trong\s+)?(?:bao cao|van kien|bc)?\s*(?:(?:co|da|tinh co)\s+)?"
    r"(?:noi|de cap|nhac|neu|viet|dua ra)(?:\s+(?:toi|den|gi|j|ve|nhieu))*"
    # "… về chuyện / vấn đề thiếu giáo viên": the topic is what follows.
    r"(?:\s+(?:chuyen(?! doi)|van de))?\s+(?P<x>.+?)"
    r"(?:\s+(?:khong|ko|k|hong|chua|a|ad|vay|nhi|the nao|ra sao|sao))*\s*[?.!]*$"
)
# "… mấy năm nay tỉnh làm gì, báo cáo có nói hok": the same, asked after the question.
_DOES_IT_SAY_AFTER = re.compile(
    r"[\s,.;]+(?:trong\s+)?(?:bao cao|van kien|bc)\s+(?:(?:co|da|tinh co)\s+)?"
    r"(?:noi|de cap|nhac|neu|viet|dua ra|nhan)(?:\s+(?:toi|den|ve|la))*"
    r"(?:\s+(?:chuyen|van de|viec|dieu|cai))?(?:\s+(?:nay|do|nay khong))?"
    r"(?:\s+(?:gi|j|khong|ko|k|hong|hok|chua|a|ad|vay|nhi))*\s*[?.!]*$"
)
# "…, báo cáo có nói …", "… thì bc có đề cập …": the report named after a topic.
_REPORT_AFTER_TOPIC = re.compile(r"(?:\s*[,;]|\s+thi)\s+(?=(?:trong\s+)?(?:bao cao|van kien|bc)\s)")
# The asker speaking of themself ("trường em", "xã mình"): the clause tells, it does not ask.
_FIRST_PERSON = re.compile(r"\b(?:e|em|tui|mik|chau|minh(?! bach))\b")
# What "báo cáo có nói …" is followed by when it names no topic of its own.
_NAMES_NOTHING = re.compile(
    r"(?:(?:(?:chuyen|van de|viec|dieu|cai)(?:\s+(?:nay|do))?|nay|do)\s*$"
    r"|(?:khong|ko|k|hok|hong|chua)\b)"
)
# "huyện nào", "kể tên các KCN", "2 KCN tên là gì", "hợp tác với nước nào": asks to name places;
# "… nào không" only asks whether there are any, and "phong trào … tên là gì" names no place.
_PLACE = (
    r"(?:huyen|xa|thi xa|thanh pho|khu cong nghiep|khu cn|kcn|cum cong nghiep|benh vien"
    r"|(?<!thi )truong|diem du lich|diem tham quan|diem den|khu du lich|nuoc|quoc gia)"
)
_WHICH_PLACE = re.compile(
    rf"(?<!\bco )(?<!\bthem )\b{_PLACE} nao\b(?! (?:khong|ko|k|hok|hong|chua)\b)"
    rf"|\b(?:ke ten|ten)(?: (?:cac|nhung|\d+|hai|ba))? {_PLACE}\b"
    rf"|\b{_PLACE}\b(?: \w+){{0,4}} ten (?:la )?(?:gi|j)\b"
)
# "khai mạc ngày nào", "hạn chót ngày mấy", "tháng mấy", "mấy giờ mở cửa": asks for a day, a
# month or an hour.
_WHICH_DAY = re.compile(r"\b(?:ngay|thang) (?:nao|may)\b|\bhom nao\b|\b(?:may|bao nhieu) gio\b")
# "bao giờ xong", "chừng nào áp dụng"; not "lúc nào cũng quá tải" (always).
# "nguyên nhân của những hạn chế là gì": asks for the causes of something.
_CAUSE = re.compile(r"\bnguyen nhan\b")
_WHEN = re.compile(r"\b(?:khi nao|bao gio|chung nao|luc nao|thoi diem nao)\b(?! cung)")
_SENTENCES = re.compile(r"(?<=[.!?\n])\s+|\n+")
# A clause that tells who is asking: "em là GV ở Long Mỹ, …", "nhà mình ở Phụng Hiệp, …", "ba
# em là thương binh", "e mở tiệm tạp hóa nhỏ, …".
_INTRODUCTION = re.compile(
    r"^(?:(?:vo chong|nha|ba|bo|me|cha|ong|vo|chong|con|anh|chi)\s+)?(?:toi|minh|mik|em|e|con|chau|tui|tao)\s+"
    r"(?:la|dang|lam|o|song|hoc|ten|moi|vua|que|buon ban|ban|trong|nuoi|nha|mo|kinh doanh"
    r"|chan nuoi)\b"
)
_CLAUSES = re.compile(r"(?<=[,;])\s*")
_QUESTION_SIGNAL = re.compile(
    r"\?|\b(?:bao nhieu|bn|la gi|gi|j|nhu the nao|ntn|the nao|ra sao|sao|may|nao|o dau|"
    r"khi nao|ai|co khong|khong a)\b"
    # "… chưa?" asks at the end; "mà chưa có việc" tells
    r"|\bchua(?:\s+(?:a|ad|vay|z|v|nhi|ha))?\s*[?.!]*$"
    # "có … không" in chat: "báo cáo có nhận là còn hạn chế ko"
    r"|\bco\b.*\b(?:khong|ko|k|kh|hok|hong)\b"
)
# Closing particles: "ạ", "nha", "vậy" (v, z; not "cho vay").
_TRAILING = re.compile(
    r"(?:\s+(?:a|ad|nha|nhe|nhi|vay ta|ha|oi|voi|admin|nghen|ne|v|z|(?<!cho )vay))+"
    r"\s*([?.!]*)$"
)


@dataclass(frozen=True)
class Lexicon:
    """``knowledge/lexicon.yaml``: words written out in place (abbreviations, chat shorthand),
    and everyday phrases read as the report's own words for the same thing ("nghiện hút" -> "ma
    túy"); the dense model sees both. And the phrases that ask for one aspect of the report
    ("yếu kém", "tồn tại" ask for its "hạn chế"), keyed by that aspect's heading word. And the
    places the report never names ("Sóc Trăng", "Cần Thơ") and the province's own, folded."""

    expansions: dict[str, str] = field(default_factory=dict)
    related: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    aspects: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    other_places: list[str] = field(default_factory=list)
    own_places: list[str] = field(default_factory=list)


def load_lexicon(knowledge_dir: Path) -> Lexicon:
    path = knowledge_dir / LEXICON_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise FileNotFoundError(f"cannot read the lexicon {path}: {error}") from error
    lexicon = Lexicon()
    for name, group in raw.items():
        if not isinstance(group, dict):
            raise ValueError(f"{path}: every group must map words to their written-out form")
        for key, value in group.items():
            if name == ASPECTS_GROUP:
                phrases = value if isinstance(value, list) else [value]
                lexicon.aspects[fold(str(key))] = tuple(
                    tuple(fold(str(p)).split()) for p in phrases
                )
            elif name == OTHER_PLACES_GROUP:
                lexicon.other_places.append(fold(str(key)))
            elif name == OWN_PLACES_GROUP:
                lexicon.own_places.append(fold(str(key)))
            elif name == RELATED_GROUP:
                lexicon.related[tuple(fold(str(key)).split())] = tuple(fold(str(value)).split())
            else:
                lexicon.expansions[fold(str(key))] = fold(str(value or ""))
    return lexicon


def _cut(original: str, folded: str, start: int) -> str:
    """The original text from the folded text's ``start`` (NFC text folds letter for letter)."""
    return original[start:] if len(original) == len(folded) else folded[start:]


def question_part(message: str) -> str:
    """The question in a message, without greetings, self-introductions and context."""
    text = message.strip()
    folded = fold(text)
    # The last "cho mình hỏi" with something after it starts the question.
    for match in reversed(list(_ASK.finditer(folded))):
        rest = _cut(text, folded, match.end()).strip()
        if len(tokens(rest)) >= 2:
            text = rest
            break
    # Of several sentences, the ones that ask; the others tell who is asking and why.
    sentences = [s for s in _SENTENCES.split(text) if s.strip()]
    asking = [s for s in sentences if _QUESTION_SIGNAL.search(fold(s))]
    if len(sentences) > 1 and asking:
        text = " ".join(asking)
    folded = fold(text)
    greeting = _GREETING.match(folded)
    if greeting and len(tokens(folded[greeting.end() :])) >= 2:
        text, folded = _cut(text, folded, greeting.end()), folded[greeting.end() :]
    text, folded = _without_introductions(text, folded)
    said = _DOES_IT_SAY.match(folded)
    if said and len(tokens(said.group("x"))) >= 1:
        text = _cut(text, folded, said.start("x"))[: said.end("x") - said.start("x")]
    else:
        text = _said_inside(text, folded)
    folded = fold(text)
    said_after = _DOES_IT_SAY_AFTER.search(folded)
    if said_after and len(tokens(folded[: said_after.start()])) >= 2:
        text, folded = text[: said_after.start()], folded[: said_after.start()]
    trailing = _TRAILING.search(folded)
    if trailing and trailing.start() > 0:
        text = text[: trailing.start()] + trailing.group(1)
    return text.strip(" ,:;-")


def _said_inside(text: str, folded: str) -> str:
    """ "tranh chấp trong xóm thì báo cáo có nói đến hòa giải ko": the topic before, and X."""
    for inside in _REPORT_AFTER_TOPIC.finditer(folded):
        said = _DOES_IT_SAY.match(folded[inside.end() :])
        if not said:
            continue
        topic = text[: inside.start()].strip(" ,;")
        if _NAMES_NOTHING.match(said.group("x")):
            # "…, báo cáo có nói tới chuyện này k", "… thì báo cáo có nói gì ko, tuần trước …"
            return topic
        start = inside.end() + said.start("x")
        x = _cut(text, folded, start)[: said.end("x") - said.start("x")]
        if _FIRST_PERSON.search(folded[: inside.start()]) and len(tokens(said.group("x"))) >= 2:
            # "trường e thiếu gv trầm trọng, bc có nói về chuyện thiếu giáo viên ko": what
            # happens to the asker is context; X is the question.
            return x
        return f"{topic} {x}"
    return text


def _without_introductions(text: str, folded: str) -> tuple[str, str]:
    """The message less its leading and trailing clauses that only say who is asking ("em là
    GV ở Long Mỹ, …", "…, e đang thất nghiệp nè")."""
    bounds = [0, *(clause.end() for clause in _CLAUSES.finditer(folded)), len(folded)]
    clauses = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    if not clauses:
        return text, folded

    def tells_who(span: tuple[int, int]) -> bool:
        told = folded[span[0] : span[1]].strip(" ,;")
        return bool(_INTRODUCTION.match(told)) and not _QUESTION_SIGNAL.search(told)

    while len(clauses) > 1 and tells_who(clauses[0]):
        clauses.pop(0)
    while len(clauses) > 1 and tells_who(clauses[-1]):
        clauses.pop()
    start, end = clauses[0][0], clauses[-1][1]
    if (start, end) != (0, len(folded)) and len(tokens(folded[start:end])) >= 2:
        kept = _cut(text, folded, start)[: end - start]
        return kept.rstrip(" ,;"), folded[start:end].rstrip(" ,;")
    return text, folded


def asks_which_place(text: str) -> bool:
    """Whether ``text`` asks to name places ("những huyện nào", "kể tên các KCN"), not whether
    there are any ("có thêm huyện nào không", "có xã nào đạt chuẩn chưa")."""
    return bool(_WHICH_PLACE.search(fold(text)))


def asks_which_day(text: str) -> bool:
    """Whether ``text`` asks for a day or month ("khai mạc ngày nào")."""
    return bool(_WHICH_DAY.search(fold(text)))


def asks_when(text: str) -> bool:
    """Whether ``text`` asks when something happens ("bao giờ xong")."""
    return bool(_WHEN.search(fold(text)))


def asks_cause(text: str) -> bool:
    """Whether ``text`` asks for the causes of something ("nguyên nhân do đâu")."""
    return bool(_CAUSE.search(fold(text)))


@dataclass(frozen=True)
class Query:
    message: str  # what the citizen typed, cleaned
    text: str  # the question part of it
    words: tuple[str, ...]  # folded, written out, typos mended
    accented: bool  # typed with diacritics
    other_place: str | None = None  # a place the report never names, asked about ("Sóc Trăng")

    @cached_property
    def content_words(self) -> list[str]:
        """``words`` less time phrases, which set the period and are matched by no ranker."""
        return without_time_phrases(self.words)

    @cached_property
    def asks_for_figure(self) -> bool:
        """Whether the question asks for a number ("bao nhiêu", "bn", "mấy phần trăm", "%")."""
        asks_how_many = ("bao", "nhieu") in set(zip(self.words, self.words[1:], strict=False))
        return asks_how_many or "%" in self.text or "phan tram" in fold(self.text)

    @cached_property
    def counted(self) -> str | None:
        """What a question counts ("giảm bao nhiêu vụ"), when it is a thing the report counts in
        whole numbers."""
        words = self.words
        for bao, nhieu, noun in zip(words, words[1:], words[2:], strict=False):
            if (bao, nhieu) == ("bao", "nhieu") and noun in _COUNTED:
                return noun
        return None

    @cached_property
    def asks_which_place(self) -> bool:
        return asks_which_place(self.text)

    @cached_property
    def asks_which_day(self) -> bool:
        return asks_which_day(self.text)

    @cached_property
    def asks_when(self) -> bool:
        return asks_when(self.text)

    @cached_property
    def asks_cause(self) -> bool:
        return asks_cause(self.text)

    @cached_property
    def years(self) -> list[int]:
        """The single years the question names ("năm 2017"); a term ("2015-2020") is not one."""
        return single_years(self.text)

    @cached_property
    def item_number(self) -> int | None:
        """The n-th item of a list the question names: "thứ hai", "thu 2", "chỉ tiêu số 7";
        LAST_ITEM for the last one ("cái cuối cùng")."""
        ordinals = {fold(word): number for number, word in ORDINALS.items()}
        for word, after in zip(self.words, (*self.words[1:], ""), strict=True):
            if word == "cuoi" and after != "nhiem":  # "cuối nhiệm kỳ" is the end of the term
                return LAST_ITEM
        for before, a, b in zip(("", *self.words), self.words, self.words[1:], strict=False):
            if (a, b) == ("dau", "tien") and before in ("cai", "y", "muc"):
                return 1  # "cái đầu tiên"
            if a == "thu" and b in ordinals:
                return ordinals[b]
            if a in ("thu", "so") and b.isdigit() and 0 < int(b) < 100:
                return int(b)
        return None


# Things the report counts in whole numbers ("51/51 xã", "3 tiêu chí"), by their first word: a
# question counting one ("giảm bao nhiêu vụ") asks for that count. Not after "mấy": "ô nhiễm ở
# mấy khu công nghiệp" is about "the" parks, counting none.
_COUNTED = frozenset(
    ["vu", "truong", "xa", "huyen", "benh", "bac", "giuong", "doanh", "hop", "khu", "cum"]
    + ["cong", "du", "km", "hecta", "cau", "tuyen", "diem", "san"]
)

# "bn" is "bao nhiêu" and also "bạn" (you): after the particle that closes a question ("... là
# gì vậy bn", "... không bn") or before "ơi" it only addresses the bot.
_CLOSING_PARTICLES = frozenset(
    ["vay", "v", "z", "ko", "k", "khong", "hok", "a", "nhe", "nha", "ha"]
)


def _addresses(words: list[str], at: int) -> bool:
    """Whether the word at ``at`` is a "bn" that means "bạn"."""
    if words[at] != "bn":
        return False
    before = words[at - 1] if at else ""
    after = words[at + 1] if at + 1 < len(words) else ""
    return after == "oi" or (
        before in _CLOSING_PARTICLES and after in ("", "oi", "a", "nhe", "nha")
    )


class QueryParser:
    def __init__(self, lexicon: Lexicon, vocabulary: Iterable[str] = ()) -> None:
        self.expansions = lexicon.expansions
        self.related = lexicon.related
        self._longest_phrase = max(map(len, self.related), default=0)
        names = "|".join(map(re.escape, sorted(lexicon.other_places, key=len, reverse=True)))
        self._other_place = re.compile(rf"(?:(\w+) )?\b({names})\b") if names else None
        own = "|".join(map(re.escape, sorted(lexicon.own_places, key=len, reverse=True)))
        self._own_place = re.compile(rf"\b(?:{own})\b") if own else None
        self.vocabulary = frozenset(vocabulary)
        # Deletion neighbourhoods: a word one letter short, long or wrong meets a known word.
        self._near: dict[str, set[str]] = {}
        for word in self.vocabulary:
            if len(word) >= _MIN_TYPO_LENGTH and word.isalpha():
                for variant in _deletions(word):
                    self._near.setdefault(variant, set()).add(word)

    def parse(self, message: str) -> Query:
        message = clean_question(message)
        text = question_part(message)
        words = tuple(self.words(text))
        return Query(message, text, words, has_diacritics(text), self.other_place(text))

    def names_own_place(self, text: str) -> bool:
        """Whether ``text`` names one of the province's places ("Ngã Bảy, Vị Thanh, Long Mỹ")."""
        return bool(self._own_place and self._own_place.search(fold(text)))

    def other_place(self, text: str) -> str | None:
        """The first place the report never names that ``text`` asks about, if any."""
        if self._other_place is None:
            return None
        plain = " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())
        for before, place in self._other_place.findall(plain):
            if before not in _GOING_TO:
                return place
        return None

    def words(self, text: str) -> list[str]:
        """Folded words, "thứ 2" as "thứ hai", abbreviations and shorthand written out, everyday
        phrases in the report's words, typos mended."""
        written: list[str] = []
        split = tokens(text.replace("-", " "))
        for at, token in enumerate(split):
            if _addresses(split, at):
                continue
            if _PLAIN_NUMBER.fullmatch(token):
                token = f"{int(token):,}".replace(",", ".")  # "10000" is written "10.000"
            if written and written[-1] == "thu" and token.isdigit() and int(token) in ORDINALS:
                token = fold(ORDINALS[int(token)])  # "thứ 2" is written "thứ hai" in the report
            expansion = self.expansions.get(token)
            written.extend([token] if expansion is None else expansion.split())
        result: list[str] = []
        i = 0
        while i < len(written):
            size, report_words = self._phrase_at(written, i)
            if size:
                result += report_words
                i += size
            else:
                result.append(self._mend(written[i]))
                i += 1
        return result

    def related_words(self, text: str) -> list[str]:
        """The report's words for the everyday phrases of ``text`` (for the dense model)."""
        written = [w for t in tokens(text) for w in self.expansions.get(t, t).split()]
        found: list[str] = []
        for i in range(len(written)):
            found += [w for w in self._phrase_at(written, i)[1] if w not in found]
        return found

    def _phrase_at(self, words: list[str], start: int) -> tuple[int, tuple[str, ...]]:
        """The longest everyday phrase starting at ``start``: (its length, the report's words)."""
        for size in range(min(self._longest_phrase, len(words) - start), 0, -1):
            report_words = self.related.get(tuple(words[start : start + size]))
            if report_words:
                return size, report_words
        return 0, ()

    def _mend(self, word: str) -> str:
        """A word the knowledge never uses, replaced by the one known word a typo away."""
        if not self.vocabulary or word in self.vocabulary or len(word) < _MIN_TYPO_LENGTH:
            return word
        if not word.isalpha():
            return word
        found = set(self._near.get(word, ()))
        for variant in _deletions(word):
            found |= self._near.get(variant, set())
            if variant in self.vocabulary:
                found.add(variant)
        return found.pop() if len(found) == 1 else word


_MIN_TYPO_LENGTH = 4
# Five or more digits without separators (years have four).
_PLAIN_NUMBER = re.compile(r"[1-9]\d{4,}")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}
