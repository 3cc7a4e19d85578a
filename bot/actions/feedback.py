"""The feedback conversation: start (save at once if the opinion is there), ask, save."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import sync_to_async
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import services
from bot.actions.replies import channel_of, reply
from bot.feedback_parsing import canonical_group, parse_feedback, self_identified_group
from bot.feedback_store import Opinion, OpinionTooLong, StoreUnavailable, TooManyOpinions

logger = logging.getLogger(__name__)

GENERAL_SECTION = "chung"
FEEDBACK_SLOTS = (
    "feedback_text",
    "feedback_topic",
    "feedback_section",
    "respondent_group",
    "contact",
)


class ActionStartFeedback(Action):
    """Keep the message as the opinion when it holds one; otherwise remember its topic."""

    def name(self) -> str:
        return "action_start_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        message = (tracker.latest_message.get("text") or "").strip()
        parsed = parse_feedback(message)
        events = [SlotSet("feedback_topic", parsed.topic or None)]
        if parsed.has_opinion:
            events.append(SlotSet("feedback_text", message))
        return events


class ActionAskFeedbackText(Action):
    def name(self) -> str:
        return "action_ask_feedback_text"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        topic = tracker.get_slot("feedback_topic")
        about = f" về “{topic}”" if topic else ""
        reply(
            dispatcher,
            tracker,
            f"Mời bạn nhập ý kiến góp ý của mình{about}. Nếu muốn, bạn có thể cho biết bạn là "
            "đoàn viên, hội viên hay người dân, và để lại số điện thoại hoặc email. "
            "Gõ “hủy” để thôi.",
            "feedback_prompt",
        )
        return []


def _single(value: object) -> str | None:
    """A slot filled from several extractors can hold a list; keep its first value."""
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


def refusal(refused: Exception, max_chars: int) -> str:
    """The polite reply when an opinion is past the length or the hourly limit."""
    if isinstance(refused, OpinionTooLong):
        limit = f"{max_chars:,}".replace(",", ".")  # 4.000, as Vietnamese writes it
        return (
            f"Xin lỗi, góp ý của bạn dài hơn {limit} ký tự nên chưa được ghi nhận. "
            "Bạn vui lòng rút gọn hoặc chia thành vài góp ý ngắn hơn rồi gửi lại."
        )
    return (
        "Cảm ơn bạn đã nhiệt tình góp ý! Bạn đã gửi nhiều góp ý trong một giờ qua; "
        "bạn vui lòng gửi tiếp sau ít phút nữa."
    )


class ActionSaveFeedback(Action):
    """Store the opinion, linked to the report section it concerns, then acknowledge it."""

    def name(self) -> str:
        return "action_save_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = (tracker.get_slot("feedback_text") or "").strip()
        topic = tracker.get_slot("feedback_topic")
        source = services.assistant().locate(" ".join(filter(None, (topic, text))))
        pinned = tracker.get_slot("feedback_section")  # "Góp ý về mục này" names the section
        opinion = Opinion(
            text=text,
            section=pinned or (source.section if source else GENERAL_SECTION),
            topic=topic,
            respondent_group=self_identified_group(text)
            or canonical_group(_single(tracker.get_slot("respondent_group"))),
            contact=_single(tracker.get_slot("contact")),
            channel=channel_of(tracker),
            sender_id=tracker.sender_id,
        )
        store = services.feedback_store()
        try:
            reference = await sync_to_async(store.save)(opinion)
        except (OpinionTooLong, TooManyOpinions) as refused:
            reply(dispatcher, tracker, refusal(refused, store.max_chars), "feedback_refused")
            return [SlotSet(slot, None) for slot in FEEDBACK_SLOTS]
        except StoreUnavailable:
            logger.exception("could not store an opinion from %s", tracker.sender_id)
            reply(
                dispatcher,
                tracker,
                "Xin lỗi, hệ thống chưa lưu được góp ý của bạn. Bạn vui lòng gửi lại sau ít phút.",
                "error",
            )
            return [SlotSet(slot, None) for slot in FEEDBACK_SLOTS]
        where = f"mục «{opinion.section}»" if pinned or source else "nội dung chung của báo cáo"
        reply(
            dispatcher,
            tracker,
            f"Cảm ơn bạn đã góp ý! Ý kiến của bạn đã được ghi nhận với mã số {reference}, "
            f"liên quan đến {where}.",
            "feedback_saved",
            [source.to_dict()] if source else [],
            reference=reference,
        )
        return [SlotSet(slot, None) for slot in FEEDBACK_SLOTS]
