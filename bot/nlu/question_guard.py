"""A Rasa NLU component that keeps questions from being filed as opinions.

"Mục tiêu tăng trưởng kinh tế là bao nhiêu?" shares its words with opinions about that target;
a classifier can call it `give_feedback`, and the bot would then store a question as an opinion.
A message classified as an opinion that reads as a question (question words or a question mark,
or only a few keywords such as "nước sạch") and uses no words of giving an opinion (góp ý, đề
nghị, kiến nghị, nên, cần...) is reclassified as `ask_report`. Runs after the intent classifiers
and before FallbackClassifier.
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
QUESTION_INTENT = "ask_report"

_QUESTION = re.compile(
    r"\?|\b(?:bao nhieu|la gi|gi khong|the nao|ra sao|nhu the nao|may|nao|khong a|chua|"
    r"o dau|khi nao|tai sao|vi sao|bn|ko|k)\s*[?.!]*\s*$|^\s*(?:co|bao nhieu|may|tai sao|vi sao)\b"
)
_OPINION_WORDS = re.compile(
    r"\b(?:gop y|y kien|kien nghi|de nghi|de xuat|nen|can phai|phai|toi muon|theo toi|"
    r"khong dong y|dong y)\b"
)


KEYWORDS_ONLY_WORDS = 4


def reads_as_question(text: str) -> bool:
    folded = fold(text)
    looks_asked = bool(_QUESTION.search(folded)) or len(folded.split()) <= KEYWORDS_ONLY_WORDS
    return looks_asked and not _OPINION_WORDS.search(folded)


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
            if intent.get("name") != FEEDBACK_INTENT or not reads_as_question(
                message.get(TEXT) or ""
            ):
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
