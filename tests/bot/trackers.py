"""Trackers and a dispatcher for running rasa_sdk actions in-process, shared by the action
tests: a real ``Tracker`` as the action server builds it, a real ``CollectingDispatcher``."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def tracker(
    text: str,
    channel: str = "rest",
    intent: str = "ask_report",
    confidence: float = 1.0,
    after: str | None = None,
    *,
    entities=(),
    metadata: dict | None = None,
    sender_id: str = "citizen-7",
    **slots,
) -> Tracker:
    """The tracker after the citizen said ``text``; ``after``: the action the bot ran before."""
    before = [{"event": "action", "name": after}] if after else []
    return Tracker(
        sender_id=sender_id,
        slots=slots,
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": list(entities),
            "metadata": metadata or {},
        },
        events=[*before, {"event": "user", "text": text, "input_channel": channel}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(action, current: Tracker) -> tuple[list[dict], list[dict]]:
    """The events the action returned and the messages it sent."""
    dispatcher = CollectingDispatcher()
    return asyncio.run(action.run(dispatcher, current, {})), dispatcher.messages
