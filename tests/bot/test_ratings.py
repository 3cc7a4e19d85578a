"""The rating and "Góp ý về mục này" actions, with a real CollectingDispatcher and a real SQLite
store; the channel comes from the message's metadata when an adapter named it."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from trackers import run, tracker

from bot.actions import services
from bot.actions.ratings import ActionFeedbackOnAnswer, ActionRateAnswer
from bot.actions.replies import channel_of
from bot.feedback_store import FeedbackStore, migrate

LAST_ANSWER = {
    "question": "Tỷ lệ hộ nghèo năm 2020?",
    "section": "Phần thứ nhất > I. Kết quả",
    "chunk_id": "report-12",
    "passage": "Tỷ lệ hộ nghèo giảm còn 3,1%.",
}


@pytest.fixture()
def store(tmp_path, monkeypatch) -> FeedbackStore:
    url = f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    migrate(url)
    feedback = FeedbackStore(url, tmp_path / "spool.jsonl")
    monkeypatch.setattr(services, "feedback_store", lambda: feedback)
    return feedback


def rating(text: str, entities=(), **kwargs) -> Tracker:
    return tracker(text, intent="rate_answer", entities=entities, sender_id="telegram:42", **kwargs)


def vote(value: str) -> list[dict]:
    return [{"entity": "vote", "value": value}]


def test_the_metadata_channel_wins_over_the_input_channel():
    assert channel_of(rating("x", metadata={"channel": "zalo"})) == "zalo"
    assert channel_of(rating("x")) == "rest"
    assert channel_of(rating("x", metadata={"channel": "x" * 51})) == "rest"


def test_thumbs_down_is_stored_with_question_passage_and_channel(store):
    message = '/rate_answer{"vote": "down"}'
    current = rating(
        message, vote("down"), metadata={"channel": "telegram"}, last_answer=LAST_ANSWER
    )
    events, messages = run(ActionRateAnswer(), current)
    assert events == []
    assert messages[-1]["custom"]["kind"] == "rating_saved"
    assert "Góp ý về mục này" in messages[0]["text"]
    [row] = store._objects("Rating").all()
    assert (row.vote, row.question, row.section) == (
        -1,
        LAST_ANSWER["question"],
        LAST_ANSWER["section"],
    )
    assert (row.passage, row.channel, row.sender_id) == (
        LAST_ANSWER["passage"],
        "telegram",
        "telegram:42",
    )


def test_a_rating_without_an_answer_stores_nothing(store):
    _, messages = run(ActionRateAnswer(), rating("/rate_answer", vote("up")))
    assert "chưa hỏi" in messages[0]["text"] and messages[-1]["custom"]["kind"] == "help"
    assert not store._objects("Rating").exists()


def test_feedback_on_the_answer_pins_its_section():
    events, messages = run(
        ActionFeedbackOnAnswer(), rating("/feedback_on_answer", last_answer=LAST_ANSWER)
    )
    slots = {e["name"]: e["value"] for e in events}
    assert slots == {
        "feedback_text": None,
        "feedback_topic": LAST_ANSWER["section"],
        "feedback_section": LAST_ANSWER["section"],
    }
    assert messages == []  # the form asks for the opinion
