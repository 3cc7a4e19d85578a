"""The heavy parts the actions share, created once per action server (`reportbot actions`
warms them up before serving)."""

from __future__ import annotations

from functools import lru_cache

from bot.feedback_store import FeedbackStore
from index.assistant import Assistant
from reportbot.settings import load_settings


@lru_cache(maxsize=1)
def assistant() -> Assistant:
    instance = Assistant(load_settings())
    instance.warm_up()
    return instance


@lru_cache(maxsize=1)
def feedback_store() -> FeedbackStore:
    store = FeedbackStore.from_settings(load_settings())
    store.replay_if_reachable()  # opinions kept while the database was down
    store.replay_in_background()
    return store


def warm_up() -> None:
    assistant()
    feedback_store()
