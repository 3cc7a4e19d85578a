"""The question sets are sound: they parse, ids are unique, every gold string is in the
knowledge, and no question is in two sets (a set used for fitting must not leak into one we
report on)."""

from pathlib import Path

import pytest

from index.cases import Case, is_conversation_file, load_cases, load_conversations
from index.text import collapse
from reportbot.settings import PROJECT_ROOT

SETS = sorted((PROJECT_ROOT / "eval").glob("*.yaml"))
KNOWLEDGE = collapse(
    " ".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "knowledge").glob("*.md"))
)


def cases_of(path: Path) -> list[Case]:
    """A set's cases; a conversation file's turns, each under its conversation's id."""
    if not is_conversation_file(path):
        return load_cases(path)
    return [
        Case(f"{c.id}#{n}", t.question, t.expect, t.answer_contains)
        for c in load_conversations(path)
        for n, t in enumerate(c.turns, start=1)
    ]


def test_the_sets_are_there():
    assert {p.name for p in SETS} >= {"calibration.yaml", "own.yaml", "fresh.yaml"}


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_ids_are_unique_and_gold_strings_are_in_the_knowledge(path: Path):
    cases = cases_of(path)
    assert len({c.id for c in cases}) == len(cases)
    missing = [
        (c.id, gold)
        for c in cases
        if c.expect == "answer"
        for gold in c.answer_contains
        if collapse(gold) not in KNOWLEDGE
    ]
    assert not missing


def test_no_question_is_in_two_sets():
    seen: dict[str, str] = {}
    shared = []
    for path in SETS:
        if is_conversation_file(path):
            continue  # short turns ("cảm ơn", "còn năm 2025?") recur by nature
        for case in load_cases(path):
            key = collapse(case.question)
            if key in seen and seen[key] != path.name:
                shared.append((case.question, seen[key], path.name))
            seen.setdefault(key, path.name)
    assert not shared
