"""The feedback store against real SQLite and PostgreSQL databases: the Django schema and its
migrations (also over the table the SQLAlchemy store made), limits, the spool and its replay."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, create_engine
from tcp_proxy import TcpProxy

from bot.feedback_store import (
    FeedbackStore,
    Opinion,
    OpinionTooLong,
    Rating,
    StoreUnavailable,
    TooManyOpinions,
    migrate,
)

POSTGRES = "postgresql+psycopg2://postgres@127.0.0.1:{port}/{name}"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory, fresh_postgres) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('feedback') / 'feedback.sqlite3'}"
    else:
        url = POSTGRES.format(port=5432, name=fresh_postgres())
    migrate(url)
    return url


@pytest.fixture()
def store(database_url, tmp_path_factory) -> FeedbackStore:
    # One spool per database, as in a deployment: its reserved references never repeat.
    spool = tmp_path_factory.getbasetemp() / f"spool-{abs(hash(database_url))}.jsonl"
    return FeedbackStore(database_url, spool, max_per_hour=1000)


def opinion(text: str = "Nên nâng chỉ tiêu bác sĩ lên 12 người trên 10.000 dân", sender="c-1"):
    return Opinion(
        text=text,
        section="Phần thứ hai > I. MỤC TIÊU > 4. Các chỉ tiêu chủ yếu",
        channel="rest",
        sender_id=sender,
        topic="chỉ tiêu bác sĩ",
        respondent_group="đoàn viên",
        contact="0912345678",
    )


def test_save_returns_a_reference_to_the_committed_record(store):
    reference = store.save(opinion())
    assert reference.startswith("GY-") and len(reference) == 9
    record = store.get(reference)
    assert record["text"] == "Nên nâng chỉ tiêu bác sĩ lên 12 người trên 10.000 dân"
    assert record["respondent_group"] == "đoàn viên" and record["contact"] == "0912345678"
    assert record["status"] == "new" and record["created_at"] is not None


def test_references_are_unique_and_counted(store):
    before = store.count()
    references = {store.save(opinion(f"Ý kiến số {i}")) for i in range(5)}
    assert len(references) == 5 and store.count() == before + 5


def test_unknown_reference_is_none(store):
    assert store.get("GY-999999") is None and store.get("GY-S999999") is None
    assert store.get("not-a-reference") is None


def test_long_vietnamese_text_survives_round_trip(store):
    body = "Đề nghị tỉnh quan tâm hơn nữa đến tình trạng ma túy ở nông thôn. " * 60
    assert store.get(store.save(opinion(body)))["text"] == body


def test_the_folded_text_is_kept_for_search_without_diacritics(store):
    from staff.opinions.models import Opinion as Row

    reference = store.save(opinion("Giảm tỷ lệ hộ nghèo ở Đồng bằng"))
    row = Row.objects.using(store.alias).get(pk=int(reference.removeprefix("GY-")))
    assert row.text_folded == "giam ty le ho ngheo o dong bang"


def test_only_the_sender_learns_the_status(store):
    reference = store.save(opinion(sender="c-owner"))
    assert store.status_for(reference, "c-owner") == "mới"
    assert store.status_for(reference, "c-someone-else") is None


def test_a_rating_is_stored_with_its_question_and_passage(store):
    from staff.opinions.models import Rating as Row

    rating = Rating(
        -1, "Tỷ lệ hộ nghèo?", "Phần thứ nhất", "Tỷ lệ hộ nghèo còn 3,1%.", "rest", "c1"
    )
    row = Row.objects.using(store.alias).get(pk=store.save_rating(rating))
    assert (row.vote, row.question, row.passage) == (
        -1,
        "Tỷ lệ hộ nghèo?",
        "Tỷ lệ hộ nghèo còn 3,1%.",
    )


def test_a_vote_other_than_up_or_down_is_refused(store):
    with pytest.raises(ValueError, match="vote must be 1 or -1"):
        store.save_rating(Rating(0, "q", "s", "p", "rest", "c1"))


def test_unanswered_questions_are_counted_by_their_folded_text(store):
    from staff.opinions.models import UnansweredQuestion

    store.record_unanswered("Giá vàng hôm nay?", "rest")
    store.record_unanswered("gia vang  hom nay?", "telegram")
    row = UnansweredQuestion.objects.using(store.alias).get(text="Giá vàng hôm nay?")
    assert row.count == 2 and row.channel == "telegram" and row.last_seen >= row.first_seen


def test_a_sender_past_the_hourly_limit_is_refused_others_are_not(database_url, tmp_path):
    store = FeedbackStore(database_url, tmp_path / "spool.jsonl", max_per_hour=3)
    for i in range(3):
        store.save(opinion(f"Ý kiến {i}", sender="c-busy"))
    with pytest.raises(TooManyOpinions):
        store.save(opinion("Ý kiến thứ tư", sender="c-busy"))
    assert store.save(opinion("Ý kiến khác", sender="c-quiet")).startswith("GY-")


def test_an_opinion_longer_than_the_limit_is_refused(database_url, tmp_path):
    store = FeedbackStore(database_url, tmp_path / "spool.jsonl", max_chars=4000)
    before = store.count()
    with pytest.raises(OpinionTooLong):
        store.save(opinion("a" * 4001))
    assert store.save(opinion("a" * 4000)) and store.count() == before + 1


# The table and rows the SQLAlchemy store (before Django) created.
def create_legacy_tables(url: str, rows: int) -> None:
    metadata = MetaData()
    opinions = Table(
        "opinions",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("text", Text, nullable=False),
        Column("section", String(500), nullable=False),
        Column("topic", String(500)),
        Column("respondent_group", String(50)),
        Column("contact", String(200)),
        Column("channel", String(50), nullable=False),
        Column("sender_id", String(200), nullable=False),
        Column("status", String(20), nullable=False, server_default="new"),
    )
    engine = create_engine(url, future=True)
    metadata.create_all(engine)
    with engine.begin() as connection:
        for i in range(1, rows + 1):
            connection.execute(
                opinions.insert().values(
                    created_at=datetime.now(timezone.utc),
                    text=f"Ý kiến cũ số {i} về hộ nghèo",
                    section="chung",
                    contact=f"09000000{i:02d}",
                    channel="rest",
                    sender_id=f"old-{i}",
                )
            )
    engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_migrations_adopt_the_legacy_table_with_its_rows_and_references(
    kind, tmp_path, fresh_postgres
):
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'legacy.sqlite3'}"
    else:
        url = POSTGRES.format(port=5432, name=fresh_postgres())
    create_legacy_tables(url, rows=3)
    migrate(url)
    store = FeedbackStore(url, tmp_path / "spool.jsonl")
    assert store.count() == 3
    record = store.get("GY-000002")
    assert record["text"] == "Ý kiến cũ số 2 về hộ nghèo" and record["contact"] == "0900000002"
    assert store.status_for("GY-000003", "old-3") == "mới"
    from staff.opinions.models import Opinion as Row

    adopted = Row.objects.using(store.alias).get(pk=1)
    assert adopted.text_folded == "y kien cu so 1 ve ho ngheo" and adopted.created_on is not None
    assert store.save(opinion()) == "GY-000004"


def test_replaying_the_same_spool_lines_twice_stores_them_once(store):
    for i in range(3):
        store.spool.append(
            f"key-{store.alias}-{i}",
            {"created_at": "2026-11-27T01:00:00+00:00", **opinion(f"Spooled {i}").__dict__},
        )
    lines = store.spool.path.read_text(encoding="utf-8")
    before = store.count()
    assert store.replay() == 3 and store.count() == before + 3
    store.spool.path.write_text(lines, encoding="utf-8")  # as if a crash came before emptying
    assert store.replay() == 3 and store.count() == before + 3
    first = json.loads(lines.splitlines()[0])
    assert store.get(first["reference"])["text"] == "Spooled 0"


def test_database_down_opinions_are_spooled_acknowledged_then_replayed_once(
    tmp_path, fresh_postgres
):
    name = fresh_postgres()
    proxy = TcpProxy(5432).start()
    url = POSTGRES.format(port=proxy.port, name=name)
    migrate(url)
    store = FeedbackStore(url, tmp_path / "spool.jsonl")
    stored = [store.save(opinion(f"Trước {i}")) for i in range(3)]
    proxy.cut()
    spooled = [store.save(opinion(f"Trong lúc mất kết nối {i}")) for i in range(4)]
    assert all(r.startswith("GY-S") for r in spooled) and len(set(spooled)) == 4, spooled
    assert len(store.spool.pending()) == 4
    assert store.get(spooled[0])["text"] == "Trong lúc mất kết nối 0"  # read from the spool
    proxy.restore()
    after = store.save(opinion("Sau khi có lại kết nối"))  # replays the spool first
    assert not store.spool.has_pending() and store.replay() == 0
    assert store.count() == 8
    texts = [store.get(r)["text"] for r in stored + spooled + [after]]
    assert len(set(texts)) == 8 and texts[3] == "Trong lúc mất kết nối 0"
    proxy.cut()


def test_a_write_committed_before_its_acknowledgement_was_lost_is_not_doubled(store):
    reference = store.save(opinion("Lưu rồi nhưng mất xác nhận"))
    from staff.opinions.models import Opinion as Row

    key = Row.objects.using(store.alias).get(pk=int(reference[3:])).idempotency_key
    spooled = store.spool.append(key, {"created_at": "2026-11-27T01:00:00+00:00",
                                       **opinion("Lưu rồi nhưng mất xác nhận").__dict__})  # fmt: skip
    before = store.count()
    store.replay()
    assert store.count() == before and store.get(spooled)["id"] == int(reference[3:])


def test_the_spool_is_replayed_in_the_background_without_a_new_opinion(tmp_path):
    url = f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    migrate(url)
    store = FeedbackStore(url, tmp_path / "spool.jsonl")
    store.spool.append("k-background", {"created_at": "2026-11-27T01:00:00+00:00",
                                        **opinion("Chờ phát lại").__dict__})  # fmt: skip
    store.replay_in_background(every_seconds=0.1)
    deadline = time.monotonic() + 30
    while store.spool.has_pending() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert store.get("GY-S000001")["text"] == "Chờ phát lại" and store.count() == 1


def test_nothing_is_acknowledged_when_neither_database_nor_spool_can_keep_it(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    database = tmp_path / "db-is-a-folder"
    database.mkdir()
    store = FeedbackStore(f"sqlite:///{database}", blocked / "spool.jsonl")
    with pytest.raises(StoreUnavailable):
        store.save(opinion())
