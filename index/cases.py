"""Question sets in the formats of ``../shared/eval/dev.yaml`` (single messages) and
``../shared/eval/dev-conversations.yaml`` (multi-turn conversations)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

# The C loader when PyYAML has it: the question sets are read on every index build.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = ("answer", "fallback", "feedback", "greet", "goodbye", "thanks")
TURN_KINDS = (
    "answer",
    "fallback",
    "feedback_prompt",
    "feedback_saved",
    "greet",
    "goodbye",
    "thanks",
    "help",
    "cancelled",
)


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    expect: str
    answer_contains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: tuple[Case, ...]  # each turn as a case: what the citizen says and what is expected


def _read_list(path: Path) -> list:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except OSError as error:
        raise FileNotFoundError(f"cannot read case file {path}: {error}") from error
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a YAML list of cases like ../shared/eval/dev.yaml")
    return raw


def _case(item: object, where: str, text_key: str, kinds: tuple[str, ...]) -> Case:
    if not isinstance(item, dict) or not {text_key, "expect"} <= item.keys():
        raise ValueError(f"{where}: needs {text_key} and expect")
    if item["expect"] not in kinds:
        raise ValueError(f"{where}: expect must be one of {', '.join(kinds)}")
    gold = item.get("answer_contains") or []
    if item["expect"] == "answer" and not gold:
        raise ValueError(f"{where}: an answer case needs answer_contains")
    return Case(str(item.get("id", "")), str(item[text_key]), item["expect"], tuple(gold))


def is_conversation_file(path: Path) -> bool:
    """Whether the file holds conversations (items with ``turns``) rather than single cases."""
    raw = _read_list(path)
    return bool(raw) and isinstance(raw[0], dict) and "turns" in raw[0]


def load_cases(path: Path) -> list[Case]:
    """Read and validate a case file; errors name the case to fix."""
    cases = []
    for position, item in enumerate(_read_list(path), start=1):
        where = f"{path}: case {position} ({item.get('id') if isinstance(item, dict) else item!r})"
        if not isinstance(item, dict) or "id" not in item:
            raise ValueError(f"{where}: every case needs id, question and expect")
        cases.append(_case(item, where, "question", KINDS))
    return cases


def load_conversations(path: Path) -> list[Conversation]:
    """Read and validate a conversation file; errors name the conversation and turn to fix."""
    conversations = []
    for position, item in enumerate(_read_list(path), start=1):
        name = item.get("id") if isinstance(item, dict) else item
        where = f"{path}: conversation {position} ({name!r})"
        if not isinstance(item, dict) or "id" not in item or not item.get("turns"):
            raise ValueError(f"{where}: every conversation needs id and a list of turns")
        turns = tuple(
            _case(turn, f"{where}, turn {n}", "say", TURN_KINDS)
            for n, turn in enumerate(item["turns"], start=1)
        )
        conversations.append(Conversation(str(item["id"]), turns))
    return conversations
