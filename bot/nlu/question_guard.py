"""A Rasa NLU component that keeps questions from being filed as opinions.

"Mục tiêu tăng trưởng kinh tế là bao nhiêu?" shares its words with opinions about that target;
a classifier can call it `give_feedback`, and the bot would then store a question as an opinion.
Likewise "bình đẳng giới được đề cập thế nào" is not a request for help.

A message classified as an opinion that reads as a question (question words or a question mark,
or only a few keywords such as "nước sạch") and uses no words of giving an opinion (góp ý, đề
nghị, kiến nghị, nên, cần...) is reclassified as `ask_report`; so is a question classified as
`help` that does not address the bot ("bạn", "hướng dẫn", "giúp"...). Runs after the intent
classifiers and before FallbackClassifier.
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

from index.text import fold

FEEDBACK_INTENT = "give_feedback"
HELP_INTENT = "help"
QUESTION_INTENT = "ask_report"

_QUESTION = re.compile(
    r"\?|\b(?:bao nhieu|bn|la gi|gi|j|the nao|ra sao|sao|may|nao|o dau|khi nao|ai)\b"
    r"|\b(?:khong|ko|k|chua|a)\s*[.!]*\s*$"
)
_OPINION_WORDS = re.compile(
    r"\b(?:gop y|y kien|kien nghi|de nghi|de xuat|nen|can phai|phai|theo toi|"
    r"khong dong y|dong y)\b"
)
# Words that address the bot itself: "bạn làm được gì" is a request for help, not a question
# about the report.
_ABOUT_THE_BOT = re.compile(r"\b(?:ban|bot|tro ly|huong dan|giup|su dung|cach dung|chatbot)\b")
KEYWORDS_ONLY_WORDS = 6


def reads_as_question(text: str) -> bool:
    """Worded as a question (or only a few keywords), with no words of giving an opinion."""
    folded = fold(text)
    looks_asked = bool(_QUESTION.search(folded)) or len(folded.split()) <= KEYWORDS_ONLY_WORDS
    return looks_asked and not _OPINION_WORDS.search(folded)


def asks_about_the_report(intent: str, text: str) -> bool:
    """Whether a message classified as ``intent`` is really a question for the report."""
    if intent == FEEDBACK_INTENT:
        return reads_as_question(text)
    if intent == HELP_INTENT:
        return reads_as_question(text) and not _ABOUT_THE_BOT.search(fold(text))
    return False


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
            if not asks_about_the_report(intent.get("name", ""), message.get(TEXT) or ""):
                continue
            ranking = message.get(INTENT_RANKING_KEY) or []
            confidence = max(
                (r["confidence"] for r in ranking if r.get("name") == QUESTION_INTENT),
                default=0.0,
            )
            # The question intent takes the opinion's confidence, so FallbackClassifier
            # (which routes to the same answer) does not second-guess it.
            promoted = {"name": QUESTION_INTENT, "confidence": intent.get("confidence", confidence)}
            message.set(INTENT, promoted, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [promoted] + [r for r in ranking if r.get("name") != QUESTION_INTENT],
                add_to_output=True,
            )
        return messages
