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


def test_postgresql_cut_mid_run_every_acknowledged_opinion_is_stored_once(
    servers, fresh_postgres, tmp_path
):
    """Writers over REST while the database behind the action server goes away and comes back:
    opinions acknowledged from the spool are replayed; none is lost or doubled."""
    import dataclasses
    import threading

    from tcp_proxy import TcpProxy

    from bot.feedback_store import FeedbackStore, migrate
    from reportbot.serve import stop

    proxy = TcpProxy(5432).start()
    original = servers.settings
    postgres = dataclasses.replace(
        original,
        feedback_database_url=f"postgresql+psycopg2://postgres@127.0.0.1:{proxy.port}/{fresh_postgres()}",
        feedback_spool=tmp_path / "spool.jsonl",
    )
    migrate(postgres.feedback_database_url)
    stop([servers.actions])
    servers.settings = postgres
    servers.restart_actions()
    run = uuid.uuid4().hex[:8]
    acknowledged: list[tuple[str, str]] = []
    lock = threading.Lock()
    restored = threading.Event()

    def restore() -> None:
        proxy.restore()
        restored.set()

    def writer(number: int) -> None:
        for i in range(10):
            text = f"Góp ý: mất kết nối {run}-{number}-{i} về điện nông thôn"
            reference = give_opinion(servers, f"pg-{run}-{number}", text)
            with lock:
                acknowledged.append((reference, text))
                cut_now = len(acknowledged) == 30
            if cut_now:
                proxy.cut()
                threading.Timer(8.0, restore).start()

    try:
        with ThreadPoolExecutor(max_workers=10) as pool:
            list(pool.map(writer, range(10)))
        assert restored.wait(30)
        give_opinion(servers, f"pg-{run}-last", f"Góp ý: sau cùng {run}")  # replays the spool
        store = FeedbackStore(postgres.feedback_database_url, postgres.feedback_spool)
        from django.db import connections

        connections[store.alias].close()  # this process's own connection died in the cut too
        spooled = [r for r, _ in acknowledged if r.startswith("GY-S")]
        assert spooled, "the cut should have sent some opinions to the spool"
        assert not store.spool.has_pending() and store.count() == 101
        assert all(store.get(reference)["text"] == text for reference, text in acknowledged)
    finally:
        proxy.cut()
        stop([servers.actions])
        servers.settings = original
        servers.restart_actions()
