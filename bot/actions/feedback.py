"""The feedback conversation: start (save at once if the opinion is sure, ask once if it is
not), ask for the opinion, check what the form receives, save; and the yes/no that follows."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import sync_to_async
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import services
from bot.actions.answer import ActionAnswer
from bot.actions.replies import channel_of, reply
from bot.feedback_parsing import canonical_group, parse_feedback, self_identified_group
from bot.feedback_store import Opinion, OpinionTooLong, StoreUnavailable, TooManyOpinions
from bot.nlu import message_rules
from bot.nlu.message_rules import asks, bare_no, bare_yes, opinion

logger = logging.getLogger(__name__)

GENERAL_SECTION = "chung"
FEEDBACK_SLOTS = (
    "feedback_text",
    "feedback_topic",
    "feedback_section",
    "respondent_group",
    "contact",
)
PENDING_SLOT = "pending_feedback"
# Below this DIET confidence an opinion is confirmed with the citizen before it is stored.
SURE_CONFIDENCE = 0.7
CONFIRM_QUESTION = "Bạn muốn gửi nội dung này như một góp ý phải không?"
CONFIRM_BUTTONS = [
    {"title": "Đúng, gửi góp ý", "payload": "/affirm"},
    {"title": "Không", "payload": "/deny"},
]
# The smallest opinion the form accepts: fewer words are a "ok" or a greeting, not an opinion.
MIN_OPINION_WORDS = 3


def is_sure(message: str, confidence: float) -> bool:
    """An opinion stored without asking: stated as one, and the classifier agrees firmly."""
    return opinion(message) is message_rules.Opinion.STRONG and confidence >= SURE_CONFIDENCE


class ActionStartFeedback(Action):
    """An announcement opens the form; a sure opinion is saved; any other is confirmed first."""

    def name(self) -> str:
        return "action_start_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        message = (tracker.latest_message.get("text") or "").strip()
        parsed = parse_feedback(message)
        if not parsed.has_opinion:
            return [
                SlotSet("feedback_topic", parsed.topic or None),
                SlotSet(PENDING_SLOT, None),
                FollowupAction("feedback_form"),
            ]
        confidence = (tracker.latest_message.get("intent") or {}).get("confidence") or 0.0
        if is_sure(message, confidence):
            return [SlotSet(PENDING_SLOT, None), *await save_opinion(dispatcher, tracker, message)]
        if opinion(message) is message_rules.Opinion.NONE:
            # Keywords the report answers ("mục tiêu tỷ lệ xã nông thôn mới đến 2025"), with no
            # proposal, view or judgement in them: a question, not an opinion to confirm.
            answer = services.assistant().ask(message, tracker.get_slot("last_question"))
            if answer.kind == "answer":
                return await ActionAnswer().send(dispatcher, tracker, answer)
        reply(
            dispatcher,
            tracker,
            CONFIRM_QUESTION,
            "feedback_prompt",
            buttons=CONFIRM_BUTTONS,
            confirm=True,
        )
        return [SlotSet(PENDING_SLOT, message)]


class ActionReplyYesNo(Action):
    """A yes or no: to the confirmation it saves or answers the pending message; after an
    answer it is acknowledged; a longer message read as yes/no is answered as a question."""

    def name(self) -> str:
        return "action_reply_yes_no"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        yes = (tracker.latest_message.get("intent") or {}).get("name") == "affirm"
        pending = tracker.get_slot(PENDING_SLOT)
        if pending and tracker.last_executed_action_has(ActionStartFeedback().name()):
            events = [SlotSet(PENDING_SLOT, None)]
            if yes:
                return events + await save_opinion(dispatcher, tracker, pending)
            if asks(pending):
                question = tracker.copy()
                question.latest_message = {**question.latest_message, "text": pending}
                return events + await ActionAnswer().run(dispatcher, question, domain)
            reply(
                dispatcher,
                tracker,
                "Dạ, tôi không ghi nhận nội dung này là góp ý. "
                "Bạn cần hỏi gì về báo cáo cứ nhắn cho tôi nhé.",
                "help",
            )
            return events
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/") or bare_yes(text) or bare_no(text):
            reply(
                dispatcher,
                tracker,
                "Dạ. Bạn cần hỏi thêm về báo cáo hoặc muốn góp ý điều gì cứ nhắn cho tôi nhé.",
                "thanks" if yes else "help",
            )
            return []
        # Answered here rather than by a follow-up action, so the rule ends by listening.
        return await ActionAnswer().run(dispatcher, tracker, domain)


class ActionNothingToCancel(Action):
    """ "thôi" with no opinion being given: a citizen winding up the chat ("vậy thôi nha ad",
    "thôi đi ngủ đây, pp") is told goodbye, anyone else that nothing was being given."""

    def name(self) -> str:
        return "action_nothing_to_cancel"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        closes = message_rules.winds_up(tracker.latest_message.get("text") or "")
        dispatcher.utter_message(response="utter_goodbye" if closes else "utter_nothing_to_cancel")
        return []


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


class ValidateFeedbackForm(FormValidationAction):
    """The form takes any text as the opinion; a "ok", small talk (thanks, a greeting,
    leave-taking) or a plain question is not one, so it is refused and the opinion asked for
    again. A question the report answers is answered first."""

    def name(self) -> str:
        return "validate_feedback_form"

    async def validate_feedback_text(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = str(slot_value or "").strip()
        if opinion(text) is not message_rules.Opinion.NONE:
            return {"feedback_text": text}
        if len(text.split()) < MIN_OPINION_WORDS or bare_yes(text) or bare_no(text):
            return {"feedback_text": None}
        if _small_talk(text):
            # "cảm ơn ad, mai mình góp sau nhé", "tạm biệt ad, hẹn gặp lại": no opinion in it.
            reply(
                dispatcher,
                tracker,
                "Dạ, tôi chưa nhận được ý kiến góp ý nào. Bạn hãy nhập ý kiến của mình, hoặc gõ "
                "“hủy” để thôi.",
                "feedback_prompt",
            )
            return {"feedback_text": None}
        if asks(text):
            # "à mà cho hỏi hộ nghèo năm 2020 còn bao nhiêu?" before giving the opinion: answered,
            # and the form, still open, asks for the opinion again.
            answer = services.assistant().ask(text, tracker.get_slot("last_question"))
            if answer.kind == "answer":
                remembered = await ActionAnswer().send(dispatcher, tracker, answer)
                return {"feedback_text": None, **{e["name"]: e["value"] for e in remembered}}
            reply(
                dispatcher,
                tracker,
                "Câu này giống một câu hỏi hơn là một góp ý nên tôi chưa ghi nhận. Bạn hãy gõ "
                "“hủy” rồi đặt câu hỏi, hoặc nhập ý kiến góp ý của mình.",
                "feedback_prompt",
            )
            return {"feedback_text": None}
        return {"feedback_text": text}


def _small_talk(text: str) -> bool:
    """Leave-taking, or short thanks or a short greeting, with no opinion in it. A longer one
    may go on to complain ("mình là nông dân, giá phân tăng mà lúa rẻ") and is kept."""
    short = len(text.split()) <= message_rules.SHORT_WORDS
    return (
        message_rules.winds_up(text)
        or message_rules.says_leave(text)
        or (short and (message_rules.gives_thanks(text) or message_rules.greets(text)))
    )


def _single(value: object) -> str | None:
    """A slot filled from several extractors can hold a list; keep its first value."""
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


class ActionSaveFeedback(Action):
    """Store the opinion the form collected."""

    def name(self) -> str:
        return "action_save_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = (tracker.get_slot("feedback_text") or "").strip()
        return await save_opinion(dispatcher, tracker, text)


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


async def save_opinion(
    dispatcher: CollectingDispatcher, tracker: Tracker, text: str
) -> list[dict[str, Any]]:
    """Store ``text`` as an opinion, linked to the report section it concerns (the one
    "Góp ý về mục này" pinned, else the one the retrieval core finds), then acknowledge it with
    its reference number, given only once it is kept; the feedback slots are reset."""
    topic = tracker.get_slot("feedback_topic")
    source = services.assistant().locate(" ".join(filter(None, (topic, text))))
    pinned = tracker.get_slot("feedback_section")
    record = Opinion(
        text=text,
        section=pinned or (source.section if source else GENERAL_SECTION),
        topic=topic,
        respondent_group=self_identified_group(text)
        or canonical_group(_single(tracker.get_slot("respondent_group"))),
        contact=_single(tracker.get_slot("contact")),
        channel=channel_of(tracker),
        sender_id=tracker.sender_id,
    )
    reset = [SlotSet(slot, None) for slot in FEEDBACK_SLOTS]
    store = services.feedback_store()
    try:
        reference = await sync_to_async(store.save)(record)
    except (OpinionTooLong, TooManyOpinions) as refused:
        reply(dispatcher, tracker, refusal(refused, store.max_chars), "feedback_refused")
        return reset
    except StoreUnavailable:
        logger.exception("could not store an opinion from %s", tracker.sender_id)
        reply(
            dispatcher,
            tracker,
            "Xin lỗi, hệ thống chưa lưu được góp ý của bạn. Bạn vui lòng gửi lại sau ít phút.",
            "error",
        )
        return reset
    where = f"mục «{record.section}»" if pinned or source else "nội dung chung của báo cáo"
    reply(
        dispatcher,
        tracker,
        f"Cảm ơn bạn đã góp ý! Ý kiến của bạn đã được ghi nhận với mã số {reference}, "
        f"liên quan đến {where}.",
        "feedback_saved",
        [source.to_dict()] if source else [],
        reference=reference,
    )
    return reset
