"""A Rasa NLU component that settles, from the words, what DIET cannot be trusted with.

"Mục tiêu tăng trưởng kinh tế là bao nhiêu?" shares its words with opinions about that target;
a classifier can call it `give_feedback`, and the bot would then store a question as an opinion.
The rules (bot/nlu/message_rules.py), applied after the intent classifiers and before
FallbackClassifier, in this order:

- the whole message drops an opinion ("thôi", "không góp ý nữa") → `cancel`;
- it takes leave, thanks included ("cảm ơn ad nha, chào tạm biệt") → `goodbye`;
- it asks to be given something ("cho tôi xin số hotline", even with "góp ý" in it) → `request`;
- an elliptical follow-up ("còn năm 2025?", "cái thứ hai là gì") read as a greeting, a yes/no,
  an opinion or chit-chat → `ask_report`, so the answer action reads it with the last answer;
- it is marked as an opinion ("Góp ý: …", "sao không …?", a stated judgement) →
  `give_feedback`;
- it asks what the bot does or how to use it ("chỉ mình cách gửi góp ý") → `help`;
- it announces an opinion ("ok, tôi có ý kiến", "cho mình góp ý được không") → `give_feedback`;
- thanks read as an opinion or as off-topic, with no opinion in it → `thanks`;
- an opinion worded as a question with no mark of an opinion → `ask_report`; so is a question
  classified as `help` that does not address the bot ("bạn", "hướng dẫn", "giúp"...);
- a proposal, view or judgement stated, asking nothing, that DIET read as a question or
  off-topic → `give_feedback` at a confidence low enough that the citizen is asked once.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.feedback_parsing import announces
from bot.nlu.message_rules import (
    Opinion,
    asks,
    asks_leave_to_ask,
    asks_permission,
    asks_what_the_bot_does,
    cancels,
    explicit_opinion,
    follows_up,
    gives_thanks,
    greets,
    greets_and_asks,
    greets_or_introduces,
    introduces,
    may_cancel,
    opinion,
    requests_something,
    says_it_asks,
    says_leave,
    small_talk_without_its_words,
    takes_leave,
)
from index.text import fold

FEEDBACK_INTENT = "give_feedback"
HELP_INTENT = "help"
QUESTION_INTENT = "ask_report"
REQUEST_INTENT = "request"
CANCEL_INTENT = "cancel"
RULED = {
    QUESTION_INTENT, FEEDBACK_INTENT, HELP_INTENT, REQUEST_INTENT, "out_of_scope", "greet",
    "goodbye", "thanks", "affirm", "deny", "inform", CANCEL_INTENT,
}  # fmt: skip
_SMALL_TALK = {"thanks", "goodbye", "affirm", "deny", "inform", "out_of_scope"}
NOT_A_FOLLOW_UP = {FEEDBACK_INTENT, "greet", "goodbye", "thanks", "affirm", "deny", "out_of_scope"}
# Confidence given to an intent a rule decided, so that FallbackClassifier keeps it.
RULE_CONFIDENCE = 0.95
# Confidence of an opinion the rules find where DIET saw a question: above FallbackClassifier's
# threshold (config.yml), below the one at which the feedback action stores an opinion without
# asking (SURE_CONFIDENCE in bot/actions/feedback.py), so the citizen is asked once.
UNSURE_CONFIDENCE = 0.6

# Words that address the bot itself or how to give an opinion: "bạn làm được gì", "tôi có thể
# góp ý những chỉ tiêu nào" ask for help, not about the report.
_ABOUT_THE_BOT = re.compile(
    r"\b(?:ban|bot|tro ly|huong dan|giup|su dung|cach dung|chatbot|gop y|y kien|kien nghi|"
    r"de xuat|phan anh)\b"
)
KEYWORDS_ONLY_WORDS = 6
# Words that address the bot: a question with one, read as off-topic, is chit-chat with it.
_TO_THE_BOT = re.compile(r"\b(?:bot|chatbot|ban|ad|admin)\b")


def reads_as_question(text: str) -> bool:
    """Worded as a question (or only a few keywords), and not stated as an opinion."""
    looks_asked = asks(text) or len(fold(text).split()) <= KEYWORDS_ONLY_WORDS
    return looks_asked and opinion(text) is not Opinion.STRONG


def asks_about_the_report(intent: str, text: str) -> bool:
    """Whether a message classified as ``intent`` is really a question for the report."""
    if intent == FEEDBACK_INTENT:
        return reads_as_question(text)
    if intent == HELP_INTENT:
        return reads_as_question(text) and not _ABOUT_THE_BOT.search(fold(text))
    if intent in _SMALL_TALK:
        # "nhà e trồng khóm … cho e hỏi khóm làm chuỗi giá trị dc chưa ad" read as thanks, and
        # "công ty nào bị phạt vì xả thải" with no word of thanks in it; a question read as
        # off-topic ("tội phạm giảm đc bao nhiêu %") is left to the report's answerability,
        # unless it is chit-chat with the bot ("bạn tên là gì", "ad bao nhiêu tuổi rồi").
        off_topic_question = intent == "out_of_scope" and not _TO_THE_BOT.search(fold(text))
        without_its_words = off_topic_question or small_talk_without_its_words(intent, text)
        asked = says_it_asks(text) or (without_its_words and asks(text))
        return asked and opinion(text) is Opinion.NONE
    return False


def unsure_opinion(intent: str, text: str) -> bool:
    """A proposal, view or judgement stated, asking nothing, that DIET read as a question or as
    off-topic ("mình làm nông dân, mong tỉnh hỗ trợ máy sấy lúa cho HTX"): maybe an opinion."""
    return (
        intent in (QUESTION_INTENT, "out_of_scope")
        and opinion(text) is Opinion.STRONG
        and not asks(text)
    )


def thanks_only(intent: str, text: str) -> bool:
    """Thanks DIET read as an opinion ("cảm ơn ad nhiều, chúc ad một ngày vui") or as off-topic
    ("thx ad"): no proposal, view or judgement in it, and nothing asked."""
    return (
        intent in (FEEDBACK_INTENT, "out_of_scope")
        and gives_thanks(text)
        and opinion(text) is Opinion.NONE
        and not asks(text)
    )


def ruled_intent(intent: str, text: str) -> str | None:
    """The intent the rules give a message DIET classified as ``intent``; None keeps DIET's."""
    if intent not in RULED or not text.strip():
        return None
    if cancels(text):
        return CANCEL_INTENT
    # A classifier's cancel without a cancelling word ("tôi còn một ý kiến nữa") is read on as
    # a question: the rules below may still find an opinion, a request or a greeting in it.
    kept = None
    if intent == CANCEL_INTENT:
        # "Góp ý: sau cùng …" holds "sau", but says in so many words that it is an opinion.
        if may_cancel(text) and not explicit_opinion(text):
            return None
        intent = kept = QUESTION_INTENT
    # "cảm ơn ad nha, chào tạm biệt" takes leave with its thanks; "thôi ra đồng đây, hôm nào
    # rảnh hỏi tiếp" asks nothing with its "hôm nào", whatever DIET read.
    if takes_leave(text):
        return "goodbye" if intent != "goodbye" else None
    if intent != "inform" and requests_something(text):
        return REQUEST_INTENT
    if intent == REQUEST_INTENT and asks(text):
        # A classifier's request without a thing asked for ("… là cho những đô thị nào?").
        intent = kept = QUESTION_INTENT
    if intent in NOT_A_FOLLOW_UP and follows_up(text) and opinion(text) is Opinion.NONE:
        return QUESTION_INTENT
    if explicit_opinion(text):
        return FEEDBACK_INTENT
    # "chỉ mình cách gửi ý kiến góp ý" asks how to give an opinion; it gives none.
    if asks_what_the_bot_does(text):
        return HELP_INTENT
    if announces(text) and (asks_permission(text) or not asks(text)):
        return FEEDBACK_INTENT
    if thanks_only(intent, text):
        return "thanks"
    # "Chào ad, mình muốn làm lại sổ đỏ thì cần giấy tờ gì?": "chào" opens a question, it
    # takes no leave ("chào ad, có gì mai mình hỏi tiếp" does).
    opens_question = (intent == "greet" and greets_and_asks(text)) or (
        intent == "goodbye"
        and greets(text)
        and asks(text)
        and not asks_leave_to_ask(text)
        and not says_leave(text)
        and opinion(text) is not Opinion.STRONG
    )
    if asks_about_the_report(intent, text) or opens_question:
        return QUESTION_INTENT
    # DIET reads "chào bạn, mình là nông dân …" as giving information ("inform"), "xin chào ban
    # biên tập" as a request and "có ai không" as a "no" at times.
    # "Chào" also takes leave; "chào ad, mình ở Vị Thủy nè" introduces and "chào ad nha, cho
    # mình hỏi chút" opens a question, so they greet.
    says_hello = (
        intent in ("greet", FEEDBACK_INTENT, QUESTION_INTENT, "out_of_scope", REQUEST_INTENT)
        or (intent in ("inform", "deny") and greets(text))
        or (intent == "goodbye" and greets(text) and (introduces(text) or asks_leave_to_ask(text)))
    )
    if says_hello and greets_or_introduces(text):
        return "greet"
    return kept


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class QuestionGuard(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> QuestionGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name, text = intent.get("name", ""), message.get(TEXT) or ""
            ruled = ruled_intent(name, text)
            if ruled is None and unsure_opinion(name, text):
                _promote(message, FEEDBACK_INTENT, UNSURE_CONFIDENCE)
                continue
            # A rule that agrees with the classifier lifts its confidence too ("chào ad nha, e ở
            # Ngã Bảy" is a greeting however unsure DIET is of it).
            agrees = ruled == name
            if ruled is None or (agrees and (intent.get("confidence") or 0.0) >= RULE_CONFIDENCE):
                continue
            # A ruled intent keeps at least the classifier's confidence, so FallbackClassifier
            # (which would send it to the answer action) does not second-guess the rule.
            _promote(message, ruled, max(intent.get("confidence") or 0.0, RULE_CONFIDENCE))
        return messages


def _promote(message: Message, intent: str, confidence: float) -> None:
    """Make ``intent`` the message's intent at ``confidence``."""
    promoted = {"name": intent, "confidence": confidence}
    message.set(INTENT, promoted, add_to_output=True)
    # The others are capped below it, or FallbackClassifier's ambiguity check would turn the
    # ruled intent into nlu_fallback.
    others = [
        {**r, "confidence": min(r.get("confidence") or 0.0, 1.0 - confidence)}
        for r in message.get(INTENT_RANKING_KEY) or []
        if r.get("name") != intent
    ]
    message.set(INTENT_RANKING_KEY, [promoted, *others], add_to_output=True)
