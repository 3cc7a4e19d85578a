"""Where citizens' opinions are kept: one table behind a small class over a SQLAlchemy engine.

``save()`` returns the reference number only after the transaction has committed, so the bot
never acknowledges an opinion that was not stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    select,
)
from sqlalchemy.engine import Engine

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

# A citizen's 👍 / 👎 on an answer, with what was asked and the passage that answered it.
ratings = Table(
    "ratings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("vote", Integer, nullable=False),  # +1 or -1
    Column("question", Text, nullable=False),
    Column("section", String(500), nullable=False),
    Column("passage", Text, nullable=False),
    Column("channel", String(50), nullable=False),
    Column("sender_id", String(200), nullable=False),
)

REFERENCE_PREFIX = "GY-"


@dataclass(frozen=True)
class Opinion:
    text: str
    section: str
    channel: str
    sender_id: str
    topic: str | None = None
    respondent_group: str | None = None
    contact: str | None = None


@dataclass(frozen=True)
class Rating:
    vote: int  # +1 (👍) or -1 (👎)
    question: str
    section: str
    passage: str
    channel: str
    sender_id: str


def reference_of(row_id: int) -> str:
    return f"{REFERENCE_PREFIX}{row_id:06d}"


def engine_for(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, future=True, pool_pre_ping=True)


class FeedbackStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def save(self, opinion: Opinion) -> str:
        """Store the opinion and return its reference once committed."""
        with self.engine.begin() as connection:
            result = connection.execute(
                opinions.insert().values(
                    created_at=datetime.now(timezone.utc),
                    text=opinion.text,
                    section=opinion.section,
                    topic=opinion.topic,
                    respondent_group=opinion.respondent_group,
                    contact=opinion.contact,
                    channel=opinion.channel,
                    sender_id=opinion.sender_id,
                )
            )
            row_id = result.inserted_primary_key[0]
        return reference_of(row_id)

    def save_rating(self, rating: Rating) -> int:
        """Store a 👍 / 👎 on an answer; returns the rating's id once committed."""
        if rating.vote not in (1, -1):
            raise ValueError(f"vote must be 1 or -1, not {rating.vote!r}")
        with self.engine.begin() as connection:
            result = connection.execute(
                ratings.insert().values(
                    created_at=datetime.now(timezone.utc),
                    vote=rating.vote,
                    question=rating.question,
                    section=rating.section,
                    passage=rating.passage,
                    channel=rating.channel,
                    sender_id=rating.sender_id,
                )
            )
            return int(result.inserted_primary_key[0])

    def get(self, reference: str) -> dict | None:
        if not reference.startswith(REFERENCE_PREFIX):
            return None
        row_id = int(reference.removeprefix(REFERENCE_PREFIX))
        with self.engine.connect() as connection:
            row = connection.execute(select(opinions).where(opinions.c.id == row_id)).first()
        return dict(row._mapping) if row else None

    def count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(opinions)).scalar())
