"""Where citizens' opinions, ratings of answers and unanswered questions are kept: a small class
over the Django ORM (the schema is ``staff.opinions``, migrated by `reportbot migrate`).

``save()`` returns a reference only after the row is committed, or, when the database cannot be
reached, after the opinion is fsync'd to the local spool; the spool is replayed into the
database, each opinion exactly once, as soon as a later write succeeds (or by
`reportbot feedback replay`). The methods are synchronous: async callers wrap them
(``asgiref.sync.sync_to_async``), since Django refuses ORM calls from an event loop.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import staff
from bot.feedback_spool import SPOOL_PREFIX, Spool
from index.text import fold

REFERENCE_PREFIX = "GY-"
logger = logging.getLogger(__name__)
REFERENCE_PATTERN = re.compile(r"GY-S?\d{6,}", re.IGNORECASE)


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


class OpinionTooLong(ValueError):
    """The opinion has more characters than one opinion may have."""


class TooManyOpinions(ValueError):
    """The sender has reached the opinions allowed in an hour."""


class StoreUnavailable(RuntimeError):
    """Neither the database nor the spool could keep the opinion."""


def reference_of(row_id: int) -> str:
    return f"{REFERENCE_PREFIX}{row_id:06d}"


def migrate(database_url: str, verbosity: int = 0) -> None:
    """Bring the database at ``database_url`` to the current schema (Django migrations)."""
    staff.setup()
    from django.core.management import call_command

    from staff.database import alias_for

    call_command("migrate", database=alias_for(database_url), verbosity=verbosity)


class FeedbackStore:
    def __init__(
        self,
        database_url: str,
        spool_path: Path,
        max_per_hour: int = 20,
        max_chars: int = 4000,
    ) -> None:
        staff.setup()
        from staff.database import alias_for

        self.database_url = database_url
        self.alias = alias_for(database_url)
        self.spool = Spool(spool_path)
        self.max_per_hour = max_per_hour
        self.max_chars = max_chars

    @classmethod
    def from_settings(cls, settings) -> FeedbackStore:
        return cls(
            settings.feedback_database_url,
            settings.feedback_spool,
            settings.feedback_max_per_hour,
            settings.feedback_max_chars,
        )

    def _objects(self, model_name: str):
        from django.apps import apps

        return apps.get_model("opinions", model_name).objects.using(self.alias)

    def _reset_connection(self) -> None:
        """Drop a broken connection so that the next call connects afresh."""
        from django.db import connections

        connections[self.alias].close()

    def save(self, opinion: Opinion) -> str:
        """Store the opinion; return its reference once it is committed or spooled."""
        from django.db import DatabaseError, InterfaceError

        if len(opinion.text) > self.max_chars:
            raise OpinionTooLong(f"{len(opinion.text)} characters, at most {self.max_chars}")
        key = uuid.uuid4().hex
        now = datetime.now(timezone.utc)
        try:
            self._check_rate(opinion.sender_id, now)
            if self.spool.has_pending():
                self.replay()
            row = self._objects("Opinion").create(
                created_at=now, idempotency_key=key, **asdict(opinion)
            )
            return reference_of(row.pk)
        except (DatabaseError, InterfaceError):  # cannot be reached, or the connection broke
            self._reset_connection()
        if self._spooled_in_last_hour(opinion.sender_id, now) >= self.max_per_hour:
            raise TooManyOpinions(opinion.sender_id)
        try:
            return self.spool.append(key, {"created_at": now.isoformat(), **asdict(opinion)})
        except OSError as error:
            raise StoreUnavailable(
                f"neither the database nor {self.spool.path}: {error}"
            ) from error

    def _check_rate(self, sender_id: str, now: datetime) -> None:
        since = now - timedelta(hours=1)
        stored = self._objects("Opinion").filter(sender_id=sender_id, created_at__gte=since)
        if stored.count() + self._spooled_in_last_hour(sender_id, now) >= self.max_per_hour:
            raise TooManyOpinions(sender_id)

    def _spooled_in_last_hour(self, sender_id: str, now: datetime) -> int:
        since = now - timedelta(hours=1)
        return sum(
            1
            for entry in self.spool.pending()
            if entry["sender_id"] == sender_id
            and datetime.fromisoformat(entry["created_at"]) >= since
        )

    def replay(self) -> int:
        """Move spooled opinions into the database, each exactly once; returns lines handled."""
        from django.db import IntegrityError, transaction

        opinions = self._objects("Opinion")

        def insert(entry: dict) -> None:
            # Stored already (a commit whose acknowledgement the broken connection lost, or an
            # earlier replay): only make sure the reference the citizen was given finds it.
            if opinions.filter(idempotency_key=entry["key"]).exists():
                opinions.filter(idempotency_key=entry["key"], spool_reference=None).update(
                    spool_reference=entry["reference"]
                )
                return
            fields = {name: entry.get(name) for name in Opinion.__dataclass_fields__}
            try:
                with transaction.atomic(using=self.alias):
                    opinions.create(
                        created_at=datetime.fromisoformat(entry["created_at"]),
                        idempotency_key=entry["key"],
                        spool_reference=entry["reference"],
                        **fields,
                    )
            except IntegrityError:  # another replayer stored it meanwhile
                if not opinions.filter(idempotency_key=entry["key"]).exists():
                    raise

        return self.spool.drain(insert)

    def replay_if_reachable(self) -> None:
        """Replay pending opinions now if the database answers; otherwise a later save will."""
        from django.db import DatabaseError, InterfaceError

        if not self.spool.has_pending():
            return
        try:
            logger.info("replayed %d spooled opinion(s)", self.replay())
        except (DatabaseError, InterfaceError):
            logger.warning("the database is still unreachable; the spool is kept", exc_info=True)
            self._reset_connection()

    def replay_in_background(self, every_seconds: float = 30.0) -> threading.Thread:
        """Keep replaying the spool while the process runs, so that opinions kept during an
        outage reach the database once it is back even if no new opinion arrives."""

        def loop() -> None:
            while True:
                time.sleep(every_seconds)
                self.replay_if_reachable()

        thread = threading.Thread(target=loop, name="feedback-spool-replay", daemon=True)
        thread.start()
        return thread

    def get(self, reference: str) -> dict | None:
        """The opinion with this reference (stored or still spooled), as a dict of its fields."""
        from django.forms.models import model_to_dict

        reference = reference.strip().upper()
        if not REFERENCE_PATTERN.fullmatch(reference):
            return None
        if reference.startswith(SPOOL_PREFIX):
            spooled = [e for e in self.spool.pending() if e["reference"] == reference]
            if spooled:  # not in the database yet
                return {**spooled[0], "status": "new"}
            row = self._objects("Opinion").filter(spool_reference=reference).first()
        else:
            row_id = int(reference.removeprefix(REFERENCE_PREFIX))
            row = self._objects("Opinion").filter(pk=row_id).first()
        if row is None:
            return None
        return {**model_to_dict(row), "created_at": row.created_at, "reference": row.reference}

    def status_for(self, reference: str, sender_id: str) -> str | None:
        """The status label of the sender's own opinion; None for anyone else's or none."""
        from django.db import DatabaseError, InterfaceError

        from staff.opinions.models import Status

        try:
            record = self.get(reference)
        except (DatabaseError, InterfaceError) as error:
            self._reset_connection()
            raise StoreUnavailable(f"cannot look up {reference}: {error}") from error
        if record is None or record["sender_id"] != sender_id:
            return None
        return str(Status(record["status"]).label)

    def count(self) -> int:
        return self._objects("Opinion").count()

    def save_rating(self, rating: Rating) -> int:
        """Store a 👍 / 👎 on an answer; returns the rating's id once committed."""
        if rating.vote not in (1, -1):
            raise ValueError(f"vote must be 1 or -1, not {rating.vote!r}")
        row = self._objects("Rating").create(
            created_at=datetime.now(timezone.utc), **asdict(rating)
        )
        return int(row.pk)

    def record_unanswered(self, text: str, channel: str) -> None:
        """Count a question the report could not answer (the same question folded counts once).
        A database error is logged, never raised: the citizen's answer matters more."""
        from django.db import DatabaseError, InterfaceError

        try:
            self._count_unanswered(text, channel)
        except (DatabaseError, InterfaceError):
            logger.warning("could not record an unanswered question", exc_info=True)
            self._reset_connection()

    def _count_unanswered(self, text: str, channel: str) -> None:
        from django.db import IntegrityError, transaction
        from django.db.models import F

        text = " ".join(text.split())
        if not text:
            return
        key = hashlib.sha256(fold(text).encode()).hexdigest()
        now = datetime.now(timezone.utc)
        questions = self._objects("UnansweredQuestion")
        update = {"count": F("count") + 1, "last_seen": now, "channel": channel}
        if questions.filter(key=key).update(**update):
            return
        try:
            with transaction.atomic(using=self.alias):
                questions.create(key=key, text=text, first_seen=now, last_seen=now, channel=channel)
        except IntegrityError:  # created by a concurrent call
            questions.filter(key=key).update(**update)
