"""Follow-up questions over REST: the assistant remembers, per conversation, what its last
answer was about, so an elliptical turn is read with it; a new conversation does not."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from index.cases import load_conversations
from index.evaluate import evaluate_conversations
from reportbot.rest_client import as_reply

pytestmark = pytest.mark.slow


def say(servers, sender: str, text: str):
    return as_reply(servers.client.send(sender, text))


def test_a_follow_up_is_read_with_the_previous_answer(servers):
    sender = f"test-{uuid.uuid4().hex}"
    first = say(servers, sender, "Tỷ lệ tham gia bảo hiểm y tế năm 2020 là bao nhiêu?")
    assert first.kind == "answer" and "Phần thứ nhất" in first.text
    follow_up = say(servers, sender, "còn năm 2025?")
    assert follow_up.kind == "answer"
    assert "bảo hiểm y tế 95%" in follow_up.text and "Phần thứ hai" in follow_up.text


def test_a_follow_up_after_a_fallback_is_read_with_the_last_answer(servers):
    sender = f"test-{uuid.uuid4().hex}"
    first = say(servers, sender, "Hậu Giang có những thuận lợi gì trong giai đoạn tới?")
    assert first.kind == "answer"
    assert say(servers, sender, "Giá vàng hôm nay bao nhiêu?").kind == "fallback"
    follow_up = say(servers, sender, "còn khó khăn")
    assert follow_up.kind == "answer" and "thiếu lao động chất lượng cao" in follow_up.text


def test_the_same_fragment_in_a_new_conversation_asks_what_it_is_about(servers):
    reply = say(servers, f"test-{uuid.uuid4().hex}", "còn năm 2025?")
    assert reply.kind == "fallback" and "hỏi đầy đủ hơn" in reply.text
    assert "bảo hiểm y tế" not in reply.text.lower()


def test_cai_thu_hai_names_the_next_item_of_the_list_just_quoted(servers):
    sender = f"test-{uuid.uuid4().hex}"
    first = say(servers, sender, "Nhiệm vụ đột phá thứ nhất là gì?")
    assert first.kind == "answer" and "quy hoạch" in first.text
    second = say(servers, sender, "cái thứ hai là gì")
    assert second.kind == "answer" and "thể chế, chính sách" in second.text


def test_more_detail_quotes_the_passage_at_greater_length(servers):
    sender = f"test-{uuid.uuid4().hex}"
    first = say(servers, sender, "Giải pháp phát triển du lịch là gì?")
    more = say(servers, sender, "cụ thể hơn được không")
    assert first.kind == more.kind == "answer"
    assert len(more.text) > len(first.text)


def test_a_conversation_file_is_graded_turn_by_turn_over_rest(servers, tmp_path: Path):
    cases = tmp_path / "conversations.yaml"
    cases.write_text(
        """
- id: t1
  turns:
    - say: "Tỷ lệ hộ nghèo năm 2020 là bao nhiêu?"
      expect: answer
      answer_contains: ["3,1%"]
    - say: "Giá vàng hôm nay bao nhiêu?"
      expect: fallback
    - say: "cảm ơn"
      expect: thanks
""",
        encoding="utf-8",
    )
    result = evaluate_conversations(servers.client.conversation, load_conversations(cases))
    summary = result["conversations"]
    assert summary["n"] == 1 and summary["passed"] == 1 and summary["turn_accuracy"] == 1.0
    assert summary["by_kind"] == {"answer": 1.0, "fallback": 1.0, "thanks": 1.0}
