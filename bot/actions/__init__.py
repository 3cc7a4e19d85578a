"""Custom actions (rasa_sdk), one class each; `reportbot actions` serves them."""

from bot.actions.answer import ActionAnswer, ActionHelp
from bot.actions.feedback import ActionAskFeedbackText, ActionSaveFeedback, ActionStartFeedback
from bot.actions.lookup import ActionLookupOpinion
from bot.actions.ratings import ActionFeedbackOnAnswer, ActionRateAnswer

__all__ = [
    "ActionAnswer",
    "ActionAskFeedbackText",
    "ActionFeedbackOnAnswer",
    "ActionHelp",
    "ActionRateAnswer",
    "ActionLookupOpinion",
    "ActionSaveFeedback",
    "ActionStartFeedback",
]
