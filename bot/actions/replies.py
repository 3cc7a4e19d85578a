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
