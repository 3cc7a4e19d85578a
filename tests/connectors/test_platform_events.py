"""What the adapters read from each platform's events and what they send back (no servers)."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac

import pytest

from connectors import messenger, zalo
from connectors.assistant_client import (
    NOT_TEXT_TEXT,
    RATE_UP,
    START,
    UNAVAILABLE_TEXT,
    AssistantReply,
    read_reply,
)
from reportbot.settings import Settings

ANSWER = AssistantReply("Câu trả lời. " * 400, "answer", [{"section": "Phần thứ nhất"}])


def test_read_reply_keeps_kind_sources_and_reference():
    reply = read_reply(
        [
            {"recipient_id": "s", "text": "Cảm ơn bạn, mã số GY-000001."},
            {
                "recipient_id": "s",
                "custom": {"kind": "feedback_saved", "sources": [], "reference": "GY-000001"},
            },
        ]
    )
    assert (reply.kind, reply.reference, reply.buttons) == ("feedback_saved", "GY-000001", ())


def test_the_opinion_confirmation_gets_yes_and_no_buttons_on_every_platform():
    reply = read_reply(
        [
            {"recipient_id": "s", "text": "Bạn muốn gửi nội dung này như một góp ý phải không?"},
            {"recipient_id": "s", "custom": {"kind": "feedback_prompt", "confirm": True}},
        ]
    )
    assert [b.payload for b in reply.buttons] == ["/affirm", "/deny"]


def test_no_messages_read_as_the_polite_error():
    assert read_reply([]) == AssistantReply(UNAVAILABLE_TEXT, "error")


def test_messenger_signature_is_hmac_sha256_of_the_raw_body():
    body = b'{"object":"page"}'
    good = "sha256=" + hmac.new(b"secret", body, hashlib.sha256).hexdigest()
    assert messenger.signature_ok("secret", body, good)
    assert not messenger.signature_ok("secret", body + b" ", good)
    assert not messenger.signature_ok("secret", body, None)
    assert not messenger.signature_ok("", body, good)


@pytest.mark.parametrize(
    ("event", "said"),
    [
        ({"message": {"mid": "1", "text": "Xin chào"}}, "Xin chào"),
        (
            {"message": {"mid": "1", "text": "👍", "quick_reply": {"payload": RATE_UP.payload}}},
            RATE_UP.payload,
        ),
        ({"message": {"mid": "1", "text": "x", "is_echo": True}}, None),
        ({"message": {"mid": "1", "attachments": [{"type": "image"}]}}, NOT_TEXT_TEXT),
        ({"postback": {"payload": "GET_STARTED"}}, START),
        ({"delivery": {"mids": ["1"]}}, None),
        ({"read": {"watermark": 1}}, None),
        ({"reaction": {"reaction": "love"}}, None),
    ],
)
def test_messenger_events(event, said):
    assert messenger.message_text(event) == said


def test_zalo_signature_covers_app_id_body_timestamp_and_oa_secret():
    settings = dataclasses.replace(Settings(), zalo_app_id="1", zalo_oa_secret_key="k")
    body = b'{"timestamp": "99"}'
    good = "mac=" + hashlib.sha256(b"1" + body + b"99" + b"k").hexdigest()
    assert zalo.signature_ok(settings, body, "99", good)
    assert not zalo.signature_ok(settings, body, "98", good)
    assert not zalo.signature_ok(settings, body, "99", None)


@pytest.mark.parametrize(
    ("event", "said"),
    [
        (
            {"event_name": "user_send_text", "sender": {"id": "7"}, "message": {"text": "Chào"}},
            ("7", "Chào"),
        ),
        ({"event_name": "follow", "follower": {"id": "7"}}, ("7", START)),
        ({"event_name": "user_send_sticker", "sender": {"id": "7"}}, ("7", NOT_TEXT_TEXT)),
        ({"event_name": "unfollow", "follower": {"id": "7"}}, None),
        ({"event_name": "user_seen_message", "sender": {"id": "7"}}, None),
        ({"event_name": "user_send_text", "sender": {"id": "7"}, "message": {}}, None),
    ],
)
def test_zalo_events(event, said):
    assert zalo.event_message(event) == said


@pytest.mark.parametrize("module", [messenger, zalo])
def test_long_answers_are_split_under_2000_with_buttons_on_the_last_part(module):
    messages = module.outgoing_messages(ANSWER)
    assert len(messages) >= 3 and all(len(m["text"]) <= 2000 for m in messages)
    assert [("quick_replies" in m or "attachment" in m) for m in messages][-2:] == [False, True]
