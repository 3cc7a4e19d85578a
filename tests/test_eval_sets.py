"""The question sets are sound: they parse, ids are unique, every gold string is in the
knowledge, and no question is in two sets (a set used for fitting must not leak into one we
report on). The same for the NLU held-out messages (tests/data/nlu-heldout.yml): none is a
training message of bot/data/nlu/ written again, and every trained intent is in them."""

import re
from pathlib import Path

import pytest
import yaml

from index.cases import Case, is_conversation_file, load_cases, load_conversations
from index.text import collapse, fold
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


NLU_TRAINING = sorted((PROJECT_ROOT / "bot" / "data" / "nlu").glob("*.yml"))
NLU_HELDOUT = PROJECT_ROOT / "tests" / "data" / "nlu-heldout.yml"
# "[GY-000123](reference)" or '[x]{"entity": ...}' -> the annotated text alone.
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def nlu_messages(path: Path) -> list[tuple[str, str]]:
    """(intent, message) for every example of a Rasa NLU YAML file."""
    messages = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        if "intent" not in item:
            continue  # regex, lookup and synonym blocks
        for line in item["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                messages.append((item["intent"], _ANNOTATION.sub(r"\1", line[2:].strip())))
    return messages


def nlu_key(message: str) -> str:
    """Lower case, no diacritics, no punctuation: 'Cám ơn bot!' and 'cam on bot' are one."""
    return " ".join(re.findall(r"[^\W_]+", fold(message)))


def test_no_heldout_nlu_message_is_a_training_message():
    training = {nlu_key(m): m for path in NLU_TRAINING for _, m in nlu_messages(path)}
    heldout = nlu_messages(NLU_HELDOUT)
    assert len(heldout) >= 150
    # Punctuation-only messages would all fold to "" (training has "???", ":)").
    assert all(nlu_key(m) for _, m in heldout)
    assert [(m, training[nlu_key(m)]) for _, m in heldout if nlu_key(m) in training] == []
    keys = [nlu_key(m) for _, m in heldout]
    assert len(set(keys)) == len(keys)


def test_heldout_nlu_messages_cover_every_trained_intent():
    trained = {intent for path in NLU_TRAINING for intent, _ in nlu_messages(path)}
    assert {intent for intent, _ in nlu_messages(NLU_HELDOUT)} == trained
