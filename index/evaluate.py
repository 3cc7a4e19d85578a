"""Grade the assistant on a case file: retrieval hits, answer accuracy and fallbacks.

A hit is a gold string found, after NFC, lower-casing and whitespace collapsing, in a retrieved
passage; answer accuracy looks for it in the text the citizen reads.
"""

from __future__ import annotations

from collections.abc import Callable

from index.answer import Reply
from index.cases import Case, Conversation
from index.text import collapse

Ask = Callable[[str], Reply]
# Opens a conversation of its own (one sender id) and returns how to say something in it.
OpenConversation = Callable[[], Ask]


def first_hit_rank(case: Case, passages: list[str]) -> int | None:
    """1-based rank of the first passage containing a gold string, or None."""
    gold = [collapse(g) for g in case.answer_contains]
    for rank, passage in enumerate(passages, start=1):
        text = collapse(passage)
        if any(g in text for g in gold):
            return rank
    return None


def contains_gold(case: Case, text: str) -> bool:
    collapsed = collapse(text)
    return any(collapse(g) in collapsed for g in case.answer_contains)


# The reply kinds that show the bot recognised what the citizen wanted.
INTENT_KINDS = {
    "feedback": ("feedback_prompt", "feedback_saved"),
    "greet": ("greet",),
    "thanks": ("thanks",),
    "goodbye": ("goodbye",),
}


def evaluate(ask: Ask, cases: list[Case], with_intents: bool = False) -> dict:
    """The metrics of the issue's JSON: answer, fallback, intents, skipped, failures.

    ``with_intents`` grades feedback, greet, thanks and goodbye cases by the kind of reply (only
    the whole assistant, reached through Rasa, can produce them); otherwise they are skipped.
    """
    answer = {"n": 0, "hit_at_1": 0.0, "hit_at_3": 0.0, "mrr": 0.0}
    answered_right = refused = 0
    fallback_n = fallback_right = skipped = 0
    intents: dict[str, list[int]] = {}
    failures: list[dict] = []
    for case in cases:
        if case.expect in INTENT_KINDS:
            if not with_intents:
                skipped += 1
                continue
            reply = ask(case.question)
            right = reply.kind in INTENT_KINDS[case.expect]
            intents.setdefault(case.expect, []).append(int(right))
            if not right:
                failures.append(_failure(case, f"replied {reply.kind}: {reply.text[:160]}"))
            continue
        reply = ask(case.question)
        if case.expect == "fallback":
            fallback_n += 1
            if reply.kind == "fallback":
                fallback_right += 1
            else:
                failures.append(_failure(case, f"answered instead of fallback: {reply.text[:160]}"))
            continue
        answer["n"] += 1
        rank = first_hit_rank(case, [s.text for s in reply.sources])
        if rank is not None:
            answer["hit_at_1"] += rank == 1
            answer["hit_at_3"] += rank <= 3
            answer["mrr"] += 1.0 / rank
        if reply.kind == "fallback":
            refused += 1
            failures.append(_failure(case, f"refused (gold at retrieval rank {rank})"))
        elif contains_gold(case, reply.text):
            answered_right += 1
        else:
            failures.append(
                _failure(case, f"gold not in answer (retrieval rank {rank}): {reply.text[:200]}")
            )
    n = max(answer["n"], 1)
    return {
        "answer": {
            "n": answer["n"],
            "hit_at_1": round(answer["hit_at_1"] / n, 4),
            "hit_at_3": round(answer["hit_at_3"] / n, 4),
            "mrr": round(answer["mrr"] / n, 4),
            "answer_accuracy": round(answered_right / n, 4),
            "wrongly_refused": round(refused / n, 4),
        },
        "fallback": {
            "n": fallback_n,
            "accuracy": round(fallback_right / max(fallback_n, 1), 4),
        },
        "intents": _intent_summary(intents) if with_intents else None,
        "skipped": skipped,
        "failures": failures,
    }


def _intent_summary(intents: dict[str, list[int]]) -> dict:
    outcomes = [x for results in intents.values() for x in results]
    return {
        "n": len(outcomes),
        # None, not 0.0, when a set has no such case: nothing was got wrong.
        "accuracy": round(sum(outcomes) / len(outcomes), 4) if outcomes else None,
        "by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(intents.items())},
    }


def _failure(case: Case, why: str) -> dict:
    return {"id": case.id, "question": case.question, "why": why}


def turn_is_right(turn: Case, reply: Reply) -> bool:
    """The grading rule of dev-conversations.yaml's header."""
    if turn.expect == "answer":
        return reply.kind == "answer" and contains_gold(turn, reply.text)
    if turn.expect == "cancelled":
        return reply.kind != "feedback_saved"
    return reply.kind == turn.expect


def evaluate_conversations(
    open_conversation: OpenConversation, conversations: list[Conversation]
) -> dict:
    """Play each conversation turn by turn in a conversation of its own; a conversation passes
    when every turn is right."""
    passed = 0
    by_kind: dict[str, list[int]] = {}
    failures: list[dict] = []
    for conversation in conversations:
        say = open_conversation()
        all_right = True
        for number, turn in enumerate(conversation.turns, start=1):
            reply = say(turn.question)
            right = turn_is_right(turn, reply)
            by_kind.setdefault(turn.expect, []).append(int(right))
            if not right:
                all_right = False
                failures.append(
                    {
                        "id": f"{conversation.id}#{number}",
                        "question": turn.question,
                        "why": f"expected {turn.expect}, replied {reply.kind}: {reply.text[:160]}",
                    }
                )
        passed += all_right
    outcomes = [x for results in by_kind.values() for x in results]
    return {
        "conversations": {
            "n": len(conversations),
            "passed": passed,
            "turn_accuracy": round(sum(outcomes) / max(len(outcomes), 1), 4),
            "by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())},
        },
        "failures": failures,
    }
