"""The feedback store against real SQLite and PostgreSQL databases."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select, text

from bot.feedback_store import FeedbackStore, Opinion, Rating, engine_for, ratings

POSTGRES_SERVER = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Iterator[FeedbackStore]:
    if request.param == "sqlite":
        yield FeedbackStore(engine_for(f"sqlite:///{tmp_path / 'feedback.sqlite3'}"))
        return
    name = f"reportbot_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = engine_for(f"postgresql+psycopg2://postgres@127.0.0.1:5432/{name}")
    try:
        yield FeedbackStore(engine)
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()


def opinion(text: str = "Nên nâng chỉ tiêu bác sĩ lên 12 người trên 10.000 dân") -> Opinion:
    return Opinion(
        text=text,
        section="Phần thứ hai > I. MỤC TIÊU > 4. Các chỉ tiêu chủ yếu",
        channel="rest",
        sender_id="citizen-1",
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
    references = {store.save(opinion(f"Ý kiến số {i}")) for i in range(5)}
    assert len(references) == 5 and store.count() == 5


def test_unknown_reference_is_none(store):
    assert store.get("GY-999999") is None
    assert store.get("not-a-reference") is None


def test_long_vietnamese_text_survives_round_trip(store):
    body = "Đề nghị tỉnh quan tâm hơn nữa đến tình trạng ma túy ở nông thôn. " * 200
    assert store.get(store.save(opinion(body)))["text"] == body


def test_a_rating_is_stored_with_its_question_and_passage(store):
    rating = Rating(
        -1, "Tỷ lệ hộ nghèo?", "Phần thứ nhất", "Tỷ lệ hộ nghèo còn 3,1%.", "rest", "c1"
    )
    row_id = store.save_rating(rating)
    with store.engine.connect() as connection:
        row = connection.execute(select(ratings).where(ratings.c.id == row_id)).one()
    assert (row.vote, row.question, row.passage) == (
        -1,
        "Tỷ lệ hộ nghèo?",
        "Tỷ lệ hộ nghèo còn 3,1%.",
    )


def test_a_vote_other_than_up_or_down_is_refused(store):
    with pytest.raises(ValueError, match="vote must be 1 or -1"):
        store.save_rating(Rating(0, "q", "s", "p", "rest", "c1"))
