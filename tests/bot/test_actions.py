"""Actions run with a real CollectingDispatcher, trackers built from dicts, the real retrieval
core and a real SQLite store."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher
from trackers import run, tracker

from bot.actions import services
from bot.actions.answer import ActionAnswer, ActionHelp
from bot.actions.feedback import (
    CONFIRM_QUESTION,
    ActionAskFeedbackText,
    ActionReplyYesNo,
    ActionSaveFeedback,
    ActionStartFeedback,
    ValidateFeedbackForm,
)
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


def test_answer_quotes_and_tags_the_reply_on_rest(store):
    events, messages = run(ActionAnswer(), tracker("Tỉnh có bao nhiêu khu công nghiệp?"))
    on_question, remembered = events
    assert on_question["name"] == "last_question" and remembered["name"] == "last_answer"
    assert remembered["value"]["question"] == "Tỉnh có bao nhiêu khu công nghiệp?"
    assert "02 khu công nghiệp" in remembered["value"]["passage"]
    assert "02 khu công nghiệp" in messages[0]["text"]
    assert messages[1]["custom"]["kind"] == "answer"
    assert messages[1]["custom"]["sources"][0]["doc"] == "report"


def test_a_fallback_keeps_the_last_answer_for_the_next_follow_up(store):
    last = "Hậu Giang có những thuận lợi gì trong giai đoạn tới?"
    events, messages = run(
        ActionAnswer(), tracker("Giá vàng hôm nay bao nhiêu?", last_question=last)
    )
    assert messages[1]["custom"]["kind"] == "fallback" and events == []
    # "còn khó khăn" is then read with the last answer, not with the question refused.
    events, messages = run(ActionAnswer(), tracker("con kho khan", last_question=last))
    assert messages[1]["custom"]["kind"] == "answer"
    assert "thiếu lao động chất lượng cao" in messages[0]["text"]


def test_other_channels_get_the_text_alone(store):
    _, messages = run(ActionAnswer(), tracker("Giá vàng hôm nay?", channel="telegram"))
    assert len(messages) == 1 and "không đề cập" in messages[0]["text"]


def test_help_lists_eleven_targets(store):
    _, messages = run(ActionHelp(), tracker("bạn làm được gì"))
    assert "(11)" in messages[0]["text"] and "(12)" not in messages[0]["text"]
    assert messages[1]["custom"]["kind"] == "help"


def test_start_saves_a_sure_opinion_at_once(store):
    message = "Góp ý: nên tăng số bác sĩ ở trạm y tế xã"
    events, messages = run(ActionStartFeedback(), tracker(message, intent="give_feedback"))
    reference = messages[1]["custom"]["reference"]
    assert messages[1]["custom"]["kind"] == "feedback_saved"
    assert store.get(reference)["text"] == message
    assert all(e["value"] is None for e in events if e["event"] == "slot")


def test_start_opens_the_form_for_an_announcement_and_remembers_its_topic(store):
    before = store.count()
    events, messages = run(
        ActionStartFeedback(),
        tracker("tôi muốn góp ý về chỉ tiêu nước sạch", "rest", "give_feedback"),
    )
    assert [e["value"] for e in events if e.get("name") == "feedback_topic"] == [
        "chỉ tiêu nước sạch"
    ]
    assert {"event": "followup", "name": "feedback_form", "timestamp": None} in events
    assert messages == [] and store.count() == before


@pytest.mark.parametrize(
    ("message", "confidence"),
    [
        ("báo cáo viết dài, dân đọc không hiểu hết", 0.95),  # no mark of an opinion
        ("Góp ý: nên tăng số bác sĩ ở trạm y tế xã", 0.5),  # the classifier hesitates
    ],
)
def test_start_asks_once_when_unsure_and_keeps_the_message_pending(store, message, confidence):
    before = store.count()
    events, messages = run(
        ActionStartFeedback(), tracker(message, intent="give_feedback", confidence=confidence)
    )
    assert messages[0]["text"] == CONFIRM_QUESTION
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/deny"]
    custom = messages[1]["custom"]
    assert custom["kind"] == "feedback_prompt" and custom["confirm"] is True
    assert custom["buttons"] == messages[0]["buttons"]
    assert {"event": "slot", "name": "pending_feedback", "value": message, "timestamp": None} in (
        events
    )
    assert store.count() == before


@pytest.mark.parametrize(
    "message", ["muc tieu ty le xa nong thon moi den nam 2025", "so giuong benh tren 10.000 dan"]
)
def test_keywords_the_report_answers_are_answered_not_confirmed_as_an_opinion(store, message):
    before = store.count()
    events, messages = run(
        ActionStartFeedback(), tracker(message, intent="give_feedback", confidence=0.9)
    )
    assert messages[-1]["custom"]["kind"] == "answer" and "Theo báo cáo" in messages[0]["text"]
    assert store.count() == before
    assert not [e for e in events if e.get("name") == "pending_feedback" and e["value"]]


def test_yes_to_the_confirmation_saves_the_pending_message(store):
    pending = "báo cáo viết dài, dân đọc không hiểu hết"
    current = tracker(
        "/affirm", intent="affirm", after="action_start_feedback", pending_feedback=pending
    )
    _, messages = run(ActionReplyYesNo(), current)
    assert messages[1]["custom"]["kind"] == "feedback_saved"
    assert store.get(messages[1]["custom"]["reference"])["text"] == pending


def test_no_to_the_confirmation_answers_the_question_and_stores_nothing(store):
    before = store.count()
    pending = "Tỉnh có bao nhiêu khu công nghiệp?"
    current = tracker(
        "không", intent="deny", after="action_start_feedback", pending_feedback=pending
    )
    events, messages = run(ActionReplyYesNo(), current)
    assert messages[1]["custom"]["kind"] == "answer" and "02 khu công nghiệp" in messages[0]["text"]
    assert store.count() == before
    assert {"event": "slot", "name": "pending_feedback", "value": None, "timestamp": None} in events


def test_a_yes_long_after_the_confirmation_saves_nothing(store):
    before = store.count()
    current = tracker("ok", intent="affirm", after="action_answer", pending_feedback="cũ")
    _, messages = run(ActionReplyYesNo(), current)
    assert messages[1]["custom"]["kind"] == "thanks" and store.count() == before


def test_a_question_read_as_yes_or_no_is_answered(store):
    _, messages = run(
        ActionReplyYesNo(), tracker("có bao nhiêu khu công nghiệp không", intent="affirm")
    )
    assert messages[1]["custom"]["kind"] == "answer" and "02 khu công nghiệp" in messages[0]["text"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("ok", False),
        ("chào ad", False),
        ("Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?", False),
        ("cảm ơn ad, mai mình góp sau nhé", False),
        ("tạm biệt ad, hẹn gặp lại", False),
        ("xin chào ad nhé", False),
        ("mình là nông dân ở Long Mỹ, giá phân bón tăng mà lúa rẻ", True),
        ("cảm ơn ad, mình đề nghị làm đường về ấp trước", True),
        ("nên tăng lương cho giáo viên mầm non", True),
        ("giá điện ở ấp cao hơn ở chợ", True),
    ],
)
def test_the_form_accepts_only_an_opinion(store, text, kept):
    result = validate(text)[0]
    assert result["feedback_text"] == (text if kept else None)


def validate(text: str) -> tuple[dict, list[dict]]:
    """What the form's validation makes of ``text``, and the messages it sent."""
    dispatcher = CollectingDispatcher()
    form = ValidateFeedbackForm()
    result = asyncio.run(form.validate_feedback_text(text, dispatcher, tracker(text), {}))
    return result, dispatcher.messages


def test_a_question_typed_in_the_form_is_answered_and_the_opinion_still_asked_for(store):
    result, messages = validate("à mà tỷ lệ hộ nghèo năm 2020 còn bao nhiêu vậy")
    assert result["feedback_text"] is None
    assert messages[1]["custom"]["kind"] == "answer" and "3,1%" in messages[0]["text"]
    assert "hộ nghèo" in result["last_question"]  # a follow-up is read with it


def test_a_question_the_report_does_not_answer_in_the_form_is_told_how_to_leave(store):
    result, messages = validate("giá vàng hôm nay bao nhiêu vậy ad")
    assert result == {"feedback_text": None}
    assert messages[1]["custom"]["kind"] == "feedback_prompt" and "hủy" in messages[0]["text"]


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
