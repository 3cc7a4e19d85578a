"""Actions run with a real CollectingDispatcher, trackers built from dicts, the real retrieval
core and a real SQLite store."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import services
from bot.actions.answer import ActionAnswer, ActionHelp
from bot.actions.feedback import ActionAskFeedbackText, ActionSaveFeedback, ActionStartFeedback
from bot.feedback_store import FeedbackStore, migrate

pytestmark = pytest.mark.slow


@pytest.fixture()
def store(tmp_path, monkeypatch, assistant):
    url = f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    migrate(url)
    feedback = FeedbackStore(url, tmp_path / "spool.jsonl", max_per_hour=2)
    monkeypatch.setattr(services, "assistant", lambda: assistant)
    monkeypatch.setattr(services, "feedback_store", lambda: feedback)
    return feedback


def tracker(text: str, channel: str = "rest", **slots) -> Tracker:
    return Tracker(
        sender_id="citizen-7",
        slots=slots,
        latest_message={"text": text, "intent": {"name": "ask_report"}, "entities": []},
        events=[{"event": "user", "text": text, "input_channel": channel}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(action, current: Tracker) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, current, {}))
    return events, dispatcher.messages


def test_answer_quotes_and_tags_the_reply_on_rest(store):
    events, messages = run(ActionAnswer(), tracker("Tỉnh có bao nhiêu khu công nghiệp?"))
    on_question, remembered = events
    assert on_question["name"] == "last_question" and remembered["name"] == "last_answer"
    assert remembered["value"]["question"] == "Tỉnh có bao nhiêu khu công nghiệp?"
    assert "02 khu công nghiệp" in remembered["value"]["passage"]
    assert "02 khu công nghiệp" in messages[0]["text"]
    assert messages[1]["custom"]["kind"] == "answer"
    assert messages[1]["custom"]["sources"][0]["doc"] == "report"


def test_other_channels_get_the_text_alone(store):
    _, messages = run(ActionAnswer(), tracker("Giá vàng hôm nay?", channel="telegram"))
    assert len(messages) == 1 and "không đề cập" in messages[0]["text"]


def test_help_lists_eleven_targets(store):
    _, messages = run(ActionHelp(), tracker("bạn làm được gì"))
    assert "(11)" in messages[0]["text"] and "(12)" not in messages[0]["text"]
    assert messages[1]["custom"]["kind"] == "help"


def test_start_keeps_a_complete_opinion_and_remembers_a_topic(store):
    events, _ = run(ActionStartFeedback(), tracker("Góp ý: nên tăng số bác sĩ"))
    assert {
        "event": "slot",
        "name": "feedback_text",
        "value": "Góp ý: nên tăng số bác sĩ",
        "timestamp": None,
    } in events
    events, _ = run(ActionStartFeedback(), tracker("tôi muốn góp ý về chỉ tiêu nước sạch"))
    assert [e["value"] for e in events if e["name"] == "feedback_topic"] == ["chỉ tiêu nước sạch"]
    assert not any(e["name"] == "feedback_text" for e in events)


def test_ask_names_the_topic(store):
    _, messages = run(ActionAskFeedbackText(), tracker("", feedback_topic="chỉ tiêu nước sạch"))
    assert "“chỉ tiêu nước sạch”" in messages[0]["text"]
    assert messages[1]["custom"]["kind"] == "feedback_prompt"


def test_save_stores_links_the_section_and_resets_the_slots(store):
    current = tracker(
        "nên nâng lên 90 triệu",
        feedback_text="Nên nâng thu nhập bình quân đầu người lên 90 triệu đồng",
        feedback_topic="chỉ tiêu thu nhập bình quân đầu người",
        contact="0912345678",
    )
    events, messages = run(ActionSaveFeedback(), current)
    reference = messages[1]["custom"]["reference"]
    assert reference in messages[0]["text"] and messages[1]["custom"]["kind"] == "feedback_saved"
    record = store.get(reference)
    assert "4. Các chỉ tiêu chủ yếu" in record["section"]
    assert record["contact"] == "0912345678" and record["channel"] == "rest"
    assert all(e["value"] is None for e in events)


def test_an_opinion_on_nothing_in_the_report_is_linked_to_chung(store):
    current = tracker("x", feedback_text="Đề nghị mở thêm tuyến xe buýt đêm ra sân bay quốc tế")
    _, messages = run(ActionSaveFeedback(), current)
    assert store.get(messages[1]["custom"]["reference"])["section"] == "chung"


def test_a_database_failure_is_spooled_and_still_acknowledged(tmp_path, monkeypatch, assistant):
    (tmp_path / "f.sqlite3").mkdir()  # the database file is a directory: writes fail
    broken = FeedbackStore(f"sqlite:///{tmp_path / 'f.sqlite3'}", tmp_path / "spool.jsonl")
    monkeypatch.setattr(services, "assistant", lambda: assistant)
    monkeypatch.setattr(services, "feedback_store", lambda: broken)
    _, messages = run(ActionSaveFeedback(), tracker("x", feedback_text="Nên tăng số bác sĩ"))
    reference = messages[1]["custom"]["reference"]
    assert reference.startswith("GY-S") and reference in messages[0]["text"]
    assert broken.spool.pending()[0]["text"] == "Nên tăng số bác sĩ"


def test_a_store_failure_is_never_acknowledged(tmp_path, monkeypatch, assistant):
    (tmp_path / "f.sqlite3").mkdir()
    (tmp_path / "spool").write_text("")  # the spool's folder is a file: the spool fails too
    broken = FeedbackStore(f"sqlite:///{tmp_path / 'f.sqlite3'}", tmp_path / "spool" / "s.jsonl")
    monkeypatch.setattr(services, "assistant", lambda: assistant)
    monkeypatch.setattr(services, "feedback_store", lambda: broken)
    _, messages = run(ActionSaveFeedback(), tracker("x", feedback_text="Nên tăng số bác sĩ"))
    assert messages[1]["custom"]["kind"] == "error"
    assert "chưa lưu được" in messages[0]["text"] and "GY-" not in messages[0]["text"]


def test_past_the_length_or_hourly_limit_the_reply_is_polite_and_nothing_is_stored(store):
    before = store.count()
    _, messages = run(ActionSaveFeedback(), tracker("x", feedback_text="Góp ý dài. " * 500))
    assert messages[1]["custom"]["kind"] == "feedback_refused"
    assert "dài hơn 4.000 ký tự" in messages[0]["text"] and store.count() == before
    for _ in range(2):
        run(ActionSaveFeedback(), tracker("x", feedback_text="Nên tăng số bác sĩ"))
    _, messages = run(ActionSaveFeedback(), tracker("x", feedback_text="Thêm một ý nữa"))
    assert messages[1]["custom"]["kind"] == "feedback_refused"
    assert "một giờ qua" in messages[0]["text"] and store.count() == before + 2
