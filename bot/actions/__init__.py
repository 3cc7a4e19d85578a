"""Custom actions (rasa_sdk), one class each; `reportbot actions` serves them."""

from bot.actions.answer import ActionAnswer, ActionHelp
from bot.actions.feedback import ActionAskFeedbackText, ActionSaveFeedback, ActionStartFeedback

__all__ = [
    "ActionAnswer",
    "ActionAskFeedbackText",
    "ActionHelp",
    "ActionSaveFeedback",
    "ActionStartFeedback",
]
