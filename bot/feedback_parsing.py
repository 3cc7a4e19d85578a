"""Tell an announced opinion ("tôi muốn góp ý về chỉ tiêu thu nhập") from a given one
("góp ý: nên nâng chỉ tiêu bác sĩ lên 12"), and find what it is about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu.message_rules import PERSON, Opinion, opinion
from index.text import fold

# Words around an announcement that carry nothing: "ok, …", "dạ …", "… chút nhé".
_LEADING = (
    r"(?:(?:ok|oke|okie|da|vang|u|um|vay|the|thi|a|ad oi|bot oi|ban oi|chao ad|chao ban|ad|admin"
    r"|thoi|hom nay|bay gio|gio|nhan tien|nhan dip)"
    r"[ ,.!]+)*"
)
_TRAILING = re.compile(
    r"(?:\s+(?:chut|chut xiu|xiu|ti|mot chut|mot ti|nhe|nha|a|voi|duoc khong|duoc ko|dc ko|"
    r"dc khong|dc k|dc hok|dc hong|duoc hong|duoc chu|nhe ad|nha ad|ad|bot|ban|di|nay|voi a|"
    r"duoc|dc|ne|thoi|ah|nhen|nghen|nua|nho|o day|1 chut|1 xiu|1 ti)\b)+$"
)
# Folded: "(xin/cho) (tôi/em/mình) (muốn/xin/có/được) góp ý|ý kiến|kiến nghị|đề xuất (về/cho/với)",
# and the chat forms: "để mik góp 1 ý", "e còn 1 ý nữa", "tôi có vài điều muốn góp ý về …",
# "tui mún góp ý chút".
_ANNOUNCEMENT = re.compile(
    rf"^\s*{_LEADING}(?:(?:{PERSON}|xin|cho|a|anh|chi|xin phep|cho phep|muon|mun|co|duoc|dc|can|se"
    r"|dang|gui|nho|dang ky|muon gui|muon dong gop|de|gio|them|cung"
    # "mình muốn nêu ý kiến", "bày tỏ ý kiến", "xin phát biểu ý kiến"
    r"|neu|bay to|phat bieu|trinh bay|dua ra|noi)\s+)*"
    r"(?:(?:mot|vai|it|chut|mot chut|may|mot so|\d+)\s+)*"
    r"(?:(?:dieu|chuyen|van de|cho)\s+(?:muon\s+)?)?"
    r"(?:gop y|gop (?:them )?(?:(?:vai|chut|mot|\d+) )?y(?: kien)?|dong gop y kien|dong gop|y kien|kien nghi|de xuat"
    r"|phan anh|gop y kien|(?<=mot |vai )y|(?<=\d )y)"
    r"(?:\s+(?:ve|cho|voi|doi voi|lien quan den|vao|ve van de))?\s*(?P<rest>.*)$"
)
# "có chỗ mình chưa đồng ý (trong báo cáo)", "có mấy điểm tôi thấy chưa hợp lý": disagreement
# announced, its content still to come.
_DISAGREEMENT = re.compile(
    rf"^\s*{_LEADING}(?:co|thay co) (?:(?:mot|vai|may|it|\d+) )?(?:cho|diem|phan|noi dung|van de)"
    rf"(?: (?:ma|nay))?(?: {PERSON})?(?: (?:thay|cam thay))?"
    r" (?:chua|khong|ko|k) (?:dong y|dong tinh|hop ly|on|hai long)"
    r"(?:\s+(?:trong|o|ve|voi|cua))?\s*(?P<rest>.*)$"
)
# What turns the rest of a message into an opinion rather than a topic ("… là nên tăng …").
_OPINION_MARKERS = re.compile(
    r"\b(?:nen|can(?! bo| cu)|phai|de nghi|hay|khong dong y|dong y|chua hop ly|qua thap"
    r"|qua cao)\b"
)
# ... or that starts with what should be done ("kiến nghị làm thêm trạm bơm ...").
_PROPOSED_ACTION = re.compile(
    r"^(?:lam|xay(?: dung)?|tang|giam|bo sung|dau tu|ho tro|mo rong|mo them|nang|sua|"
    r"dieu chinh|uu tien|cat giam|them)\b"
)
# Where the last clause starts: after a greeting or a self-introduction.
_LAST_CLAUSE = re.compile(r"[,.;!]\s*(?=[^,.;!]*[^,.;!\s][^,.;!]*[.!?]*\s*$)")
_ABOUT = re.compile(r"\b(?:ve|cho|voi|doi voi|lien quan den|vao)\s*$")
_PROPOSAL_WORDS = 4
_LONG_REST_WORDS = 15


def _proposes(rest: str, before: str) -> bool:
    """ "kiến nghị làm thêm trạm bơm ở Long Mỹ" proposes; "góp ý về giảm nghèo" names a topic."""
    return (
        _PROPOSED_ACTION.match(rest) is not None
        and len(rest.split()) >= _PROPOSAL_WORDS
        and _ABOUT.search(before) is None
    )


@dataclass(frozen=True)
class FeedbackParse:
    topic: str
    has_opinion: bool


def parse_feedback(message: str) -> FeedbackParse:
    """``has_opinion`` is False for an announcement whose remainder is only a topic."""
    text = message.strip()
    folded = fold(text)
    match = _ANNOUNCEMENT.match(folded) or _DISAGREEMENT.match(folded)
    last = _LAST_CLAUSE.search(folded)
    if match is None and last and opinion(text[: last.start()]) is Opinion.NONE:
        # "chào ad, tôi là giáo viên về hưu, tôi có ý kiến về chỉ tiêu giáo dục"
        match = _ANNOUNCEMENT.match(folded[last.end() :])
    if match is None or ":" in folded:
        return FeedbackParse(topic="", has_opinion=bool(text))
    raw = match.group("rest")
    offset = len(folded) - len(raw) + len(raw) - len(raw.lstrip(" .,!?"))
    rest = _TRAILING.sub("", " " + raw.strip(" .,!?")).strip(" .,!?")
    has_opinion = bool(rest) and (
        _OPINION_MARKERS.search(rest) is not None
        or opinion(rest) is Opinion.STRONG
        or _proposes(rest, folded[: len(folded) - len(raw)])
        or len(rest.split()) > _LONG_REST_WORDS
    )
    if has_opinion:
        return FeedbackParse(topic="", has_opinion=True)
    # The topic in the citizen's own spelling: same length in folded and original text.
    return FeedbackParse(topic=text[offset : offset + len(rest)], has_opinion=False)


def announces(message: str) -> bool:
    """'tôi muốn góp ý', 'ok, tôi có ý kiến', 'cho em góp ý chút': the opinion is still to come."""
    return bool(message.strip()) and not parse_feedback(message).has_opinion


_SELF_IDENTIFIED = re.compile(
    r"\b(?:toi|em|minh|chau|chung toi)\s+(?:la|lam)\s+(?:mot\s+)?"
    r"(?P<group>doan vien|hoi vien|nguoi dan|cong dan)\b"
)
GROUPS = {
    "doan vien": "đoàn viên",
    "hoi vien": "hội viên",
    "nguoi dan": "người dân",
    "cong dan": "người dân",
}


def self_identified_group(message: str) -> str | None:
    """'... tôi là đoàn viên' -> 'đoàn viên'; None when the citizen does not say."""
    match = _SELF_IDENTIFIED.search(fold(message))
    return GROUPS[match.group("group")] if match else None


def canonical_group(value: str | None) -> str | None:
    """A group entity as one of the three canonical names, or None if it is not one of them."""
    return GROUPS.get(fold(value).strip()) if value else None
