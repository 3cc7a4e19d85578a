"""End to end through Rasa's REST channel: real Rasa server, real action server, real store."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from reportbot.rest_client import as_reply
from reportbot.serve import stop

pytestmark = pytest.mark.slow


def conversation() -> str:
    return f"test-{uuid.uuid4().hex}"


def say(servers, sender: str, text: str):
    return as_reply(servers.client.send(sender, text))


def test_question_gets_a_quoted_answer_with_its_section(servers):
    reply = say(servers, conversation(), "Tỷ lệ hộ nghèo năm 2020 của tỉnh là bao nhiêu?")
    assert reply.kind == "answer"
    assert "3,1%" in reply.text
    assert reply.sources and reply.sources[0].section in reply.text


def test_off_topic_question_gets_the_fallback(servers):
    reply = say(servers, conversation(), "Giá vàng hôm nay bao nhiêu?")
    assert reply.kind == "fallback"
    assert "không đề cập" in reply.text


def test_feedback_in_two_steps_is_saved_with_section_and_group(servers):
    sender = conversation()
    before = servers.store.count()
    prompt = say(servers, sender, "Tôi muốn góp ý về chỉ tiêu thu nhập bình quân đầu người")
    assert prompt.kind == "feedback_prompt"
    assert "thu nhập bình quân đầu người" in prompt.text
    saved = servers.client.send(sender, "Nên nâng lên 90 triệu đồng. Tôi là đoàn viên")
    reply = as_reply(saved)
    assert reply.kind == "feedback_saved"
    reference = next(m["custom"]["reference"] for m in saved if "custom" in m)
    assert reference in reply.text
    record = servers.store.get(reference)
    assert record is not None and servers.store.count() == before + 1
    assert record["text"] == "Nên nâng lên 90 triệu đồng. Tôi là đoàn viên"
    assert record["topic"] == "chỉ tiêu thu nhập bình quân đầu người"
    assert record["section"] != "chung" and "Phần thứ hai" in record["section"]
    assert record["respondent_group"] == "đoàn viên"
    assert record["channel"] == "rest" and record["sender_id"] == sender


def test_feedback_that_carries_the_opinion_is_saved_at_once(servers):
    message = "Góp ý: nên nâng chỉ tiêu bác sĩ lên 12 người trên 10.000 dân"
    saved = servers.client.send(conversation(), message)
    reply = as_reply(saved)
    assert reply.kind == "feedback_saved"
    reference = next(m["custom"]["reference"] for m in saved if "custom" in m)
    assert servers.store.get(reference)["text"] == message


def test_cancel_leaves_nothing_stored_and_the_bot_usable(servers):
    sender = conversation()
    before = servers.store.count()
    assert say(servers, sender, "tôi muốn góp ý").kind == "feedback_prompt"
    cancelled = say(servers, sender, "hủy")
    assert "hủy" in cancelled.text.lower() and cancelled.kind != "feedback_saved"
    assert servers.store.count() == before
    assert say(servers, sender, "Tỉnh có bao nhiêu khu công nghiệp?").kind == "answer"


@pytest.mark.parametrize("message", ["ok vậy thôi nha ad", "thoi di ngu day, pp"])
def test_winding_up_with_nothing_to_cancel_says_goodbye(servers, message):
    sender = conversation()
    assert say(servers, sender, "Tỉnh có bao nhiêu khu công nghiệp?").kind == "answer"
    assert say(servers, sender, message).kind == "goodbye"


def test_leave_taken_while_giving_an_opinion_stores_nothing(servers):
    sender = conversation()
    before = servers.store.count()
    assert say(servers, sender, "tôi muốn góp ý").kind == "feedback_prompt"
    assert say(servers, sender, "cảm ơn ad, mai mình góp sau nhé").kind != "feedback_saved"
    assert servers.store.count() == before


def test_how_to_give_an_opinion_is_help_and_nothing_is_stored(servers):
    before = servers.store.count()
    assert say(servers, conversation(), "ad chỉ mình cách gửi ý kiến góp ý với").kind == "help"
    assert servers.store.count() == before


def test_a_conversation_of_several_turns(servers):
    sender = conversation()
    assert say(servers, sender, "Xin chào").kind == "greet"
    answer = say(servers, sender, "ty le ho ngheo nam 2020 la bao nhieu")
    assert answer.kind == "answer" and "3,1%" in answer.text
    assert say(servers, sender, "cảm ơn nhé").kind == "thanks"
    assert say(servers, sender, "tạm biệt").kind == "goodbye"


def test_help_lists_the_targets_open_for_comment(servers):
    reply = say(servers, conversation(), "tôi có thể góp ý những chỉ tiêu nào?")
    assert reply.kind == "help"
    assert "(1) Tốc độ tăng trưởng kinh tế" in reply.text and "(11)" in reply.text


@pytest.mark.parametrize(
    "message",
    ["", "   ", "😀🎉", "<script>alert('x')</script>", "hộ nghèo " * 1250, "\u0000\u0007"],
)
def test_bad_messages_get_a_reply_and_do_not_stick_the_conversation(servers, message):
    sender = conversation()
    reply = say(servers, sender, message)
    assert reply.text and reply.kind in ("answer", "fallback", "help", "greet")
    assert "<script>" not in reply.text
    assert say(servers, sender, "Tỉnh có bao nhiêu khu công nghiệp?").kind == "answer"


@pytest.mark.parametrize(
    "body",
    [b'{"sender": "x"}', b'{"message": 5}', b"[1, 2]", b"not json", b""],
)
def test_malformed_requests_get_a_400_that_says_why(servers, body):
    request = urllib.request.Request(
        servers.client.webhook, data=body, headers={"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 400
    assert "message" in json.loads(error.value.read())["error"]


def test_action_server_down_then_back(servers):
    stop([servers.actions])
    try:
        sender = conversation()
        down = say(servers, sender, "Tỉnh có bao nhiêu khu công nghiệp?")
        assert down.kind == "error" and "chưa thể trả lời" in down.text
        assert say(servers, sender, "xin chào").kind == "greet"  # Rasa itself stays up
    finally:
        servers.restart_actions()
    back = say(servers, conversation(), "Tỉnh có bao nhiêu khu công nghiệp?")
    assert back.kind == "answer" and "02 khu công nghiệp" in back.text


def saved_reference(messages: list[dict]) -> str:
    return next(m["custom"]["reference"] for m in messages if "custom" in m)


@pytest.mark.parametrize(
    "message",
    [
        "cho tôi xin số hotline",
        "cho xin link tải báo cáo bản đầy đủ, đọc xong tôi sẽ góp ý",
        "xin công thức nấu lẩu cá linh bông điên điển",
        "cho mình xin số điện thoại để gửi góp ý",
        "ad ơi gửi em file word báo cáo với",
    ],
)
def test_requests_are_never_stored_as_opinions(servers, message):
    before = servers.store.count()
    reply = say(servers, conversation(), message)
    assert reply.kind == "fallback"
    assert servers.store.count() == before


@pytest.mark.parametrize(
    "announcement", ["tôi muốn góp ý", "ok, tôi có ý kiến", "cho em góp ý chút"]
)
def test_an_announcement_asks_for_the_opinion_then_saves_it(servers, announcement):
    sender = conversation()
    before = servers.store.count()
    assert say(servers, sender, announcement).kind == "feedback_prompt"
    assert servers.store.count() == before
    opinion = "Đường vào các ấp vùng sâu còn lầy lội, tỉnh cần ưu tiên vốn bê tông hóa"
    saved = servers.client.send(sender, opinion)
    assert as_reply(saved).kind == "feedback_saved"
    assert servers.store.get(saved_reference(saved))["text"] == opinion
    assert servers.store.count() == before + 1


@pytest.mark.parametrize(
    "opinion",
    [
        "chỉ tiêu số giường bệnh như vậy là thấp",
        "sao không đầu tư thêm trường học cho vùng sâu?",
        "gop y: nen tang ho tro giong cho nong dan vung man",
        "chi tieu bac si tren van dan nhu vay la it qua",
    ],
)
def test_opinions_without_a_keyword_or_as_a_reproach_are_saved(servers, opinion):
    saved = servers.client.send(conversation(), opinion)
    assert as_reply(saved).kind == "feedback_saved"
    record = servers.store.get(saved_reference(saved))
    assert record["text"] == opinion


UNSURE = "chỉ tiêu này thấp quá. dân mình còn nghèo"


def confirmation(servers, sender: str) -> dict:
    messages = servers.client.send(sender, UNSURE)
    [custom] = [m["custom"] for m in messages if "custom" in m]
    [text] = [m for m in messages if m.get("text")]
    assert text["text"] == "Bạn muốn gửi nội dung này như một góp ý phải không?"
    assert [b["payload"] for b in text["buttons"]] == ["/affirm", "/deny"]
    assert custom["kind"] == "feedback_prompt" and custom["confirm"] is True
    return custom


def test_unsure_asks_once_and_yes_saves_the_message(servers):
    sender = conversation()
    before = servers.store.count()
    confirmation(servers, sender)
    assert servers.store.count() == before
    saved = servers.client.send(sender, "/affirm")
    assert as_reply(saved).kind == "feedback_saved"
    assert servers.store.get(saved_reference(saved))["text"] == UNSURE


@pytest.mark.parametrize("no", ["/deny", "không"])
def test_unsure_then_no_stores_nothing(servers, no):
    sender = conversation()
    before = servers.store.count()
    confirmation(servers, sender)
    assert say(servers, sender, no).kind != "feedback_saved"
    assert say(servers, sender, "ok").kind != "feedback_saved"
    assert servers.store.count() == before


@pytest.mark.parametrize("cancel", ["thôi", "hủy", "không góp ý nữa"])
def test_cancelling_in_the_middle_stores_nothing(servers, cancel):
    sender = conversation()
    before = servers.store.count()
    assert say(servers, sender, "mình muốn góp ý chút").kind == "feedback_prompt"
    assert say(servers, sender, cancel).kind != "feedback_saved"
    assert servers.store.count() == before
    assert say(servers, sender, "Tỉnh có bao nhiêu khu công nghiệp?").kind == "answer"


def test_a_question_while_giving_an_opinion_is_answered_then_the_opinion_saved(servers):
    sender = conversation()
    before = servers.store.count()
    assert say(servers, sender, "cho mình góp ý về giảm nghèo").kind == "feedback_prompt"
    answer = say(servers, sender, "à mà năm 2020 tỷ lệ hộ nghèo còn bao nhiêu vậy ad")
    assert answer.kind == "answer" and "3,1%" in answer.text
    assert "Mời bạn nhập ý kiến" in answer.text and servers.store.count() == before
    saved = say(servers, sender, "nên hỗ trợ thêm vốn vay cho hộ cận nghèo để khỏi tái nghèo")
    assert saved.kind == "feedback_saved" and servers.store.count() == before + 1


@pytest.mark.parametrize(
    "follow_up",
    ["còn năm 2025?", "thế còn cấp huyện", "cụ thể hơn được không", "cái thứ hai là gì"],
)
def test_follow_ups_reach_the_answer_and_ok_starts_nothing(servers, follow_up):
    sender = conversation()
    before = servers.store.count()
    assert say(servers, sender, "Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?").kind == "answer"
    assert say(servers, sender, follow_up).kind in ("answer", "fallback")
    assert say(servers, sender, "ok").kind == "thanks"
    assert servers.store.count() == before
