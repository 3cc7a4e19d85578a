"""Send a reply; on the REST channel add the machine-readable {"kind", "sources"} message."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

REST_CHANNEL = "rest"


def reply(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    text: str,
    kind: str,
    sources: list[dict] | None = None,
    **extra: object,
) -> None:
    dispatcher.utter_message(text=text)
    if tracker.get_latest_input_channel() == REST_CHANNEL:
        dispatcher.utter_message(json_message={"kind": kind, "sources": sources or [], **extra})
