"""Send a reply; on the REST channel add the machine-readable {"kind", "sources"} message."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

REST_CHANNEL = "rest"
MAX_CHANNEL_CHARS = 50  # the store's channel column


def channel_of(tracker: Tracker) -> str:
    """The platform the citizen wrote on: adapters (Telegram, Messenger, Zalo) reach the assistant
    through the REST channel and name themselves in the message's metadata."""
    metadata = tracker.latest_message.get("metadata") or {}
    named = metadata.get("channel") if isinstance(metadata, dict) else None
    if isinstance(named, str) and 0 < len(named) <= MAX_CHANNEL_CHARS:
        return named
    return tracker.get_latest_input_channel() or "unknown"


def reply(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    text: str,
    kind: str,
    sources: list[dict] | None = None,
    buttons: list[dict] | None = None,
    **extra: object,
) -> None:
    """``buttons`` ({"title", "payload"}) go with the text on every channel, and are repeated in
    the REST custom message so a web client can draw them."""
    dispatcher.utter_message(text=text, buttons=buttons or [])
    if tracker.get_latest_input_channel() == REST_CHANNEL:
        more = {"buttons": buttons} if buttons else {}
        dispatcher.utter_message(
            json_message={"kind": kind, "sources": sources or [], **more, **extra}
        )
