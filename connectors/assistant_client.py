"""What every channel adapter shares: one async client of the assistant's REST contract, and the
buttons each kind of reply gets.

The assistant answers ``POST /webhooks/rest/webhook`` with text messages followed by
``{"custom": {"kind", "sources", ...}}``. Adapters send the platform's name in the metadata, so
that the store records the real channel, and namespace sender ids per platform
("telegram:<user id>"), so that conversations of different platforms never mix.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

import httpx

logger = logging.getLogger(__name__)

UNAVAILABLE_TEXT = "Xin lỗi, hiện tôi chưa thể trả lời. Bạn vui lòng thử lại sau ít phút."
NOT_TEXT_TEXT = (
    "Xin lỗi, tôi chỉ đọc được tin nhắn chữ. Bạn vui lòng gõ câu hỏi hoặc góp ý của mình nhé."
)


def intent_payload(intent: str, **entities: str) -> str:
    """A message that Rasa reads as this intent, without NLU: ``/rate_answer{"vote": "up"}``."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


@dataclass(frozen=True)
class Button:
    title: str
    payload: str  # sent back to the assistant as the citizen's message


RATE_UP = Button("👍", intent_payload("rate_answer", vote="up"))
RATE_DOWN = Button("👎", intent_payload("rate_answer", vote="down"))
FEEDBACK_ON_ANSWER = Button("Góp ý về mục này", intent_payload("feedback_on_answer"))
# "Bạn muốn gửi nội dung này như một góp ý phải không?" (a reply with "confirm": true).
CONFIRM_YES = Button("Đúng, gửi góp ý", intent_payload("affirm"))
CONFIRM_NO = Button("Không", intent_payload("deny"))
START = intent_payload("greet")
HELP = intent_payload("help")
# Plain words, not an intent payload: the feedback form would keep "/give_feedback" as the opinion.
GIVE_FEEDBACK = "Tôi muốn góp ý"
BUTTONS_BY_KIND: dict[str, tuple[Button, ...]] = {
    "answer": (RATE_UP, RATE_DOWN, FEEDBACK_ON_ANSWER),
}


@dataclass(frozen=True)
class AssistantReply:
    text: str
    kind: str
    sources: list[dict] = field(default_factory=list)
    reference: str | None = None
    confirm: bool = False  # the assistant asks whether the message was an opinion

    @property
    def buttons(self) -> tuple[Button, ...]:
        if self.confirm:
            return (CONFIRM_YES, CONFIRM_NO)
        return BUTTONS_BY_KIND.get(self.kind, ())

    @property
    def section(self) -> str | None:
        return self.sources[0]["section"] if self.sources else None


def read_reply(messages: list[dict]) -> AssistantReply:
    """The REST channel's messages as one reply; no messages at all reads as kind "error"."""
    text = "\n\n".join(m["text"] for m in messages if m.get("text"))
    custom = next((m["custom"] for m in messages if isinstance(m.get("custom"), dict)), {})
    if not text:
        return AssistantReply(UNAVAILABLE_TEXT, "error")
    return AssistantReply(
        text,
        custom.get("kind", "none"),
        custom.get("sources", []),
        custom.get("reference"),
        custom.get("confirm") is True,
    )


class AssistantClient:
    """Async client of the REST channel; one per adapter process, closed with ``aclose()``."""

    def __init__(self, base_url: str, channel: str, timeout: float = 60.0) -> None:
        self.channel = channel
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"), timeout=timeout, trust_env=False
        )

    async def send(self, user_id: str, text: str) -> AssistantReply:
        """The assistant's reply to ``text`` from this platform's user; polite when it is down."""
        payload = {
            "sender": f"{self.channel}:{user_id}",
            "message": text,
            "metadata": {"channel": self.channel},
        }
        try:
            response = await self._http.post("/webhooks/rest/webhook", json=payload)
            response.raise_for_status()
            return read_reply(response.json())
        except (httpx.HTTPError, ValueError) as error:
            logger.warning("the assistant did not answer (%s): is the Rasa server up?", error)
            return AssistantReply(UNAVAILABLE_TEXT, "error")

    async def aclose(self) -> None:
        await self._http.aclose()
