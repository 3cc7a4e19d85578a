"""The opinion store through the real assistant: looking an opinion up by its reference, the
unanswered questions it records, and 20 concurrent writers over REST."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from reportbot.rest_client import as_reply

pytestmark = pytest.mark.slow


def conversation() -> str:
    return f"test-{uuid.uuid4().hex}"


def give_opinion(servers, sender: str, text: str) -> str:
    saved = servers.client.send(sender, text)
    assert as_reply(saved).kind == "feedback_saved", saved
    return next(m["custom"]["reference"] for m in saved if "custom" in m)


def test_the_sender_looks_up_the_status_and_nobody_else_learns_it(servers):
    owner = conversation()
    reference = give_opinion(servers, owner, "Góp ý: nên xây thêm trường mẫu giáo ở xã")
    reply = as_reply(servers.client.send(owner, f"tra cứu {reference}"))
    assert reply.kind == "lookup" and f"{reference} của bạn" in reply.text and "mới" in reply.text
    other = as_reply(servers.client.send(conversation(), f"tra cứu {reference}"))
    assert other.kind == "lookup_unknown"
    assert "trạng thái" not in other.text and "mới" not in other.text.split(reference)[-1]


def test_an_unanswered_question_is_counted_for_maintainers(servers):
    from staff.opinions.models import UnansweredQuestion

    question = f"Giá vé tàu cao tốc {uuid.uuid4().hex[:6]} là bao nhiêu?"
    for _ in range(2):
        assert as_reply(servers.client.send(conversation(), question)).kind == "fallback"
    row = UnansweredQuestion.objects.using(servers.store.alias).get(text=question)
    assert row.count == 2 and row.channel == "rest"


def test_twenty_concurrent_writers_each_fifty_opinions_give_a_thousand_rows(servers):
    run = uuid.uuid4().hex[:8]
    before = servers.store.count()

    def writer(number: int) -> list[str]:
        sender = f"writer-{run}-{number}"
        return [
            give_opinion(servers, sender, f"Góp ý: đề nghị số {run}-{number}-{i} về nước sạch")
            for i in range(50)
        ]

    with ThreadPoolExecutor(max_workers=20) as pool:
        references = [r for batch in pool.map(writer, range(20)) for r in batch]
    assert len(references) == 1000 and len(set(references)) == 1000
    assert servers.store.count() == before + 1000
    from staff.opinions.models import Opinion

    stored = Opinion.objects.using(servers.store.alias).filter(text__contains=f"số {run}-")
    assert stored.count() == 1000
