"""Tell a citizen the status of their own opinion, by its reference number."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import sync_to_async
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import services
from bot.actions.replies import reply
from bot.feedback_store import REFERENCE_PATTERN, StoreUnavailable

logger = logging.getLogger(__name__)


def asked_reference(tracker: Tracker) -> str | None:
    """The reference in the message (entity first, the text as a fallback), upper-cased."""
    entity = next(tracker.get_latest_entity_values("reference"), None)
    found = REFERENCE_PATTERN.search(entity or tracker.latest_message.get("text") or "")
    return found.group(0).upper() if found else None


class ActionLookupOpinion(Action):
    def name(self) -> str:
        return "action_lookup_opinion"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        reference = asked_reference(tracker)
        if reference is None:
            text = "Bạn vui lòng gửi kèm mã số góp ý, ví dụ: “tra cứu GY-000123”."
            reply(dispatcher, tracker, text, "lookup_unknown")
            return []
        store = services.feedback_store()
        try:
            status = await sync_to_async(store.status_for)(reference, tracker.sender_id)
        except StoreUnavailable:
            logger.exception("could not look up %s", reference)
            text = "Xin lỗi, hiện chưa tra cứu được. Bạn vui lòng thử lại sau ít phút."
            reply(dispatcher, tracker, text, "error")
            return []
        if status is None:  # unknown, or someone else's: no detail either way
            text = (
                f"Không tìm thấy góp ý mã số {reference} do bạn gửi từ cuộc trò chuyện này. "
                "Bạn vui lòng kiểm tra lại mã số."
            )
            reply(dispatcher, tracker, text, "lookup_unknown", reference=reference)
            return []
        text = f"Góp ý mã số {reference} của bạn hiện ở trạng thái: {status}."
        reply(dispatcher, tracker, text, "lookup", reference=reference, status=status)
        return []
