"""Tell an announced opinion ("tôi muốn góp ý về chỉ tiêu thu nhập") from a given one
("góp ý: nên nâng chỉ tiêu bác sĩ lên 12"), and find what it is about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text import fold

# Folded: "(xin/cho) (tôi/em/mình) (muốn/xin/có/được) góp ý|ý kiến|kiến nghị|đề xuất (về/cho/với)".
_ANNOUNCEMENT = re.compile(
    r"^\s*(?:(?:xin|cho|toi|em|minh|chau|chung toi|xin phep)\s+)*"
    r"(?:(?:muon|xin|co|duoc|can|se|dang|gui)\s+)*(?:mot\s+|vai\s+|it\s+)*"
    r"(?:gop y|y kien|kien nghi|de xuat)"
    r"(?:\s+(?:ve|cho|voi|doi voi|lien quan den|vao))?\s*(?P<rest>.*)$"
)
# What turns the rest of a message into an opinion rather than a topic ("… là nên tăng …").
_OPINION_MARKERS = re.compile(
    r"\b(?:nen|can|phai|de nghi|hay|khong dong y|dong y|chua hop ly|qua thap|qua cao)\b"
)
_LONG_REST_WORDS = 15


@dataclass(frozen=True)
class FeedbackParse:
    topic: str
    has_opinion: bool


def parse_feedback(message: str) -> FeedbackParse:
    """``has_opinion`` is False for an announcement whose remainder is only a topic."""
    text = message.strip()
    folded = fold(text)
    match = _ANNOUNCEMENT.match(folded)
    if match is None or ":" in folded:
        return FeedbackParse(topic="", has_opinion=bool(text))
    rest = match.group("rest").strip(" .,!?")
    has_opinion = bool(rest) and (
        _OPINION_MARKERS.search(rest) is not None or len(rest.split()) > _LONG_REST_WORDS
    )
    # The topic in the citizen's own spelling: same length in folded and original text.
    start = len(folded) - len(match.group("rest"))
    topic = text[start:].strip(" .,!?") if not has_opinion else ""
    return FeedbackParse(topic=topic, has_opinion=has_opinion)


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
