"""The buttons under an answer: 👍 / 👎 stored beside the opinions, and "Góp ý về mục này",
which opens the feedback form about the answer's section.

Both act on the conversation's last answer (the ``last_answer`` slot set by ``action_answer``).
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import sync_to_async
from django.db import DatabaseError, InterfaceError
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import services
from bot.actions.replies import channel_of, reply
from bot.feedback_store import Rating

logger = logging.getLogger(__name__)

VOTES = {"up": 1, "down": -1}
NOTHING_TO_RATE = (
    "Bạn chưa hỏi câu nào để đánh giá. Bạn hãy đặt câu hỏi về Báo cáo chính trị trước nhé."
)


def _last_answer(tracker: Tracker) -> dict | None:
    about = tracker.get_slot("last_answer")
    return about if isinstance(about, dict) and about.get("section") else None


class ActionRateAnswer(Action):
    def name(self) -> str:
        return "action_rate_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        vote = VOTES.get(str(next(tracker.get_latest_entity_values("vote"), "")).lower())
        about = _last_answer(tracker)
        if about is None or vote is None:
            reply(dispatcher, tracker, NOTHING_TO_RATE, "help")
            return []
        rating = Rating(
            vote=vote,
            question=about.get("question") or "",
            section=about["section"],
            passage=about.get("passage") or "",
            channel=channel_of(tracker),
            sender_id=tracker.sender_id,
        )
        try:
            await sync_to_async(services.feedback_store().save_rating)(rating)
        except (DatabaseError, InterfaceError):
            logger.exception("could not store a rating from %s", tracker.sender_id)
            reply(
                dispatcher,
                tracker,
                "Xin lỗi, hệ thống chưa lưu được đánh giá của bạn. Bạn vui lòng thử lại sau.",
                "error",
            )
            return []
        thanks = "Cảm ơn bạn đã đánh giá câu trả lời!"
        if vote < 0:
            thanks += " Bạn có thể bấm “Góp ý về mục này” để nói rõ điều chưa đúng hoặc còn thiếu."
        reply(dispatcher, tracker, thanks, "rating_saved")
        return []


class ActionFeedbackOnAnswer(Action):
    """Open the feedback form about the last answer's section (the form then asks the opinion)."""

    def name(self) -> str:
        return "action_feedback_on_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        about = _last_answer(tracker)
        section = about["section"] if about else None
        return [
            SlotSet("feedback_text", None),
            SlotSet("feedback_topic", section),
            SlotSet("feedback_section", section),
        ]
