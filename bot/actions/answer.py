"""Answer from the report, and the help message."""

from __future__ import annotations

from typing import Any

from asgiref.sync import sync_to_async
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import services
from bot.actions.replies import channel_of, reply
from index.answer import Reply


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        previous = tracker.get_slot("last_question")
        answer = services.assistant().ask(tracker.latest_message.get("text") or "", previous)
        return await self.send(dispatcher, tracker, answer)

    async def send(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, answer: Reply
    ) -> list[dict[str, Any]]:
        """Reply with an answer already made, and remember what it was about: a follow-up is
        read with the last answer, so a fallback in between ("giá vàng hôm nay?") leaves it."""
        sources = [s.to_dict() for s in answer.sources]
        reply(dispatcher, tracker, answer.text, answer.kind, sources)
        if answer.kind == "fallback":  # for maintainers: what the report does not answer
            asked = tracker.latest_message.get("text") or ""
            await sync_to_async(services.feedback_store().record_unanswered)(
                asked, channel_of(tracker)
            )
        if answer.kind != "answer":
            return []
        top = answer.sources[0]
        about = {
            "question": answer.question,
            "section": top.section,
            "chunk_id": top.chunk_id,
            "passage": answer.quote,
        }
        return [SlotSet("last_question", answer.question), SlotSet("last_answer", about)]


class ActionHelp(Action):
    def name(self) -> str:
        return "action_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        targets = services.assistant().targets
        listed = "\n".join(f"({n}) {t}" for n, t in enumerate(targets, start=1))
        text = (
            "Tôi có thể:\n"
            "• trả lời câu hỏi về Báo cáo chính trị (trích nguyên văn và nêu mục của báo cáo), "
            "ví dụ: “Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?”;\n"
            "• ghi nhận góp ý của bạn về báo cáo hoặc về một chỉ tiêu, ví dụ: "
            "“Góp ý: nên nâng chỉ tiêu bác sĩ lên 12 người trên 10.000 dân”.\n\n"
            f"Báo cáo đề nghị góp ý {len(targets)} chỉ tiêu sau:\n{listed}"
        )
        reply(dispatcher, tracker, text, "help")
        return []
