"""A durable local queue for opinions the database could not take.

One JSON line per opinion (appended, then fsync'd) with its idempotency key and the reference
reserved for it (GY-S000001: the numbers come from a counter file that is never reset, so a
reserved reference is never given twice). Replay inserts the lines under their keys and empties
the file once every line is in the database.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

SPOOL_PREFIX = "GY-S"


def _write_durably(path: Path, text: str, mode: str) -> None:
    with path.open(mode, encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


class Spool:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._counter = self.path.with_suffix(".seq")
        self._lock = self.path.with_suffix(".lock")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer or replayer at a time, across processes."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock.open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def append(self, key: str, record: dict) -> str:
        """Keep ``record`` durably and return the reference reserved for it."""
        with self._locked():
            number = int(self._counter.read_text() or 0) + 1 if self._counter.exists() else 1
            _write_durably(self._counter, str(number), "w")
            reference = f"{SPOOL_PREFIX}{number:06d}"
            line = json.dumps({"key": key, "reference": reference, **record}, ensure_ascii=False)
            _write_durably(self.path, line + "\n", "a")
        return reference

    def pending(self) -> list[dict]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def has_pending(self) -> bool:
        return self.path.exists() and self.path.stat().st_size > 0

    def drain(self, insert: Callable[[dict], None]) -> int:
        """Hand each pending line to ``insert`` (which must skip a key already stored), then
        empty the spool. An exception leaves the spool as it was; returns lines handled."""
        with self._locked():
            entries = self.pending()
            for entry in entries:
                insert(entry)
            if entries:
                _write_durably(self.path, "", "w")
        return len(entries)
