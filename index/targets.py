"""The targets the report puts up for comment: the numbered paragraphs "(1) …" of a section
whose heading names targets ("chỉ tiêu")."""

from __future__ import annotations

import re

from index.knowledge import Paragraph
from index.text import fold

_NUMBERED = re.compile(r"^\((\d+)\)\s*")


def targets_for_comment(paragraphs: list[Paragraph]) -> list[str]:
    """Numbered target items in order, without their numbers."""
    found: dict[int, str] = {}
    for paragraph in paragraphs:
        match = _NUMBERED.match(paragraph.text)
        if match and paragraph.section and "chi tieu" in fold(paragraph.section[-1]):
            found.setdefault(int(match.group(1)), paragraph.text[match.end() :])
    return [found[n] for n in sorted(found)]
