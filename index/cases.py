"""Question sets in the format of ``../shared/eval/dev.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

KINDS = ("answer", "fallback", "feedback", "greet", "goodbye", "thanks")


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    expect: str
    answer_contains: tuple[str, ...] = ()


def load_cases(path: Path) -> list[Case]:
    """Read and validate a case file; errors name the case to fix."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FileNotFoundError(f"cannot read case file {path}: {error}") from error
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a YAML list of cases like ../shared/eval/dev.yaml")
    cases = []
    for position, item in enumerate(raw, start=1):
        where = f"{path}: case {position} ({item.get('id') if isinstance(item, dict) else item!r})"
        if not isinstance(item, dict) or not {"id", "question", "expect"} <= item.keys():
            raise ValueError(f"{where}: every case needs id, question and expect")
        if item["expect"] not in KINDS:
            raise ValueError(f"{where}: expect must be one of {', '.join(KINDS)}")
        gold = item.get("answer_contains") or []
        if item["expect"] == "answer" and not gold:
            raise ValueError(f"{where}: an answer case needs answer_contains")
        cases.append(Case(str(item["id"]), str(item["question"]), item["expect"], tuple(gold)))
    return cases
