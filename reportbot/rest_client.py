"""Talk to the assistant through Rasa's REST channel, as a web client does."""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Callable

from index.answer import Reply, Source


class RestClient:
    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.webhook = base_url.rstrip("/") + "/webhooks/rest/webhook"
        self.timeout = timeout

    def send(self, sender: str, message: str) -> list[dict]:
        request = urllib.request.Request(
            self.webhook,
            data=json.dumps({"sender": sender, "message": message}).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read().decode("utf-8"))

    def ask(self, message: str) -> Reply:
        """One message in a fresh conversation, read back as a Reply (text, kind, sources)."""
        return self.conversation()(message)

    def conversation(self) -> Callable[[str], Reply]:
        """A conversation of its own (a fresh sender id): say(message) -> Reply."""
        sender = f"eval-{uuid.uuid4().hex}"
        return lambda message: as_reply(self.send(sender, message))


def as_reply(messages: list[dict]) -> Reply:
    text = "\n".join(m["text"] for m in messages if m.get("text"))
    custom = next((m["custom"] for m in messages if isinstance(m.get("custom"), dict)), {})
    sources = [
        Source(s["doc"], s["section"], s["chunk_id"], float(s["score"]), s.get("text", ""))
        for s in custom.get("sources", [])
    ]
    return Reply(custom.get("kind", "none"), text, sources)
