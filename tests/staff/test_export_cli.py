"""`reportbot feedback export` and `reportbot feedback replay` as an operator runs them."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.feedback_store import FeedbackStore, Opinion, migrate

REPORTBOT = str(Path(sys.executable).parent / "reportbot")


@pytest.fixture()
def database(tmp_path) -> tuple[FeedbackStore, dict[str, str]]:
    url = f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    migrate(url)
    store = FeedbackStore(url, tmp_path / "feedback-spool.jsonl")
    from staff.opinions.models import Opinion as Row

    old = store.save(
        Opinion("Ý kiến tháng trước về hộ nghèo", "chung", "rest", "c1", contact="0911")
    )
    Row.objects.using(store.alias).filter(pk=int(old[3:])).update(
        created_at=datetime(2026, 10, 15, 3, tzinfo=timezone.utc)
    )
    store.save(Opinion("Ý kiến hôm nay về nước sạch", "chung", "telegram", "c2"))
    environment = os.environ | {
        "REPORTBOT_VAR_DIR": str(tmp_path),
        "REPORTBOT_FEEDBACK_DATABASE_URL": url,
    }
    return store, environment


def run(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [REPORTBOT, *args], env=environment, capture_output=True, check=True, timeout=120
    )


def test_csv_to_standard_output_in_a_date_range(database):
    _, environment = database
    since = (datetime.now(timezone.utc) - timedelta(days=2)).date().isoformat()
    output = run(environment, "feedback", "export", "--format", "csv", "--since", since).stdout
    rows = list(csv.reader(io.StringIO(output.decode("utf-8-sig"))))
    assert rows[0][0] == "Mã số" and "Liên hệ" in rows[0]
    assert [row[rows[0].index("Nội dung")] for row in rows[1:]] == ["Ý kiến hôm nay về nước sạch"]


def test_xlsx_to_a_file_until_a_date(database, tmp_path):
    _, environment = database
    out = tmp_path / "gop-y.xlsx"
    run(
        environment,
        "feedback",
        "export",
        "--format",
        "xlsx",
        "--until",
        "2026-10-31",
        "--out",
        str(out),
    )
    values = [[c.value for c in row] for row in load_workbook(out).active.iter_rows()]
    assert len(values) == 2 and values[1][0] == "GY-000001"
    assert values[1][values[0].index("Liên hệ")] == "0911"


def test_replay_moves_spooled_opinions_in(database, tmp_path):
    store, environment = database
    store.spool.append("k-1", {"created_at": "2026-11-27T01:00:00+00:00", "text": "Ý kiến lúc mất kết nối",
                               "section": "chung", "channel": "rest", "sender_id": "c9"})  # fmt: skip
    result = run(environment, "feedback", "replay")
    assert b"1 spooled opinion(s) replayed" in result.stderr
    assert store.count() == 3 and store.get("GY-S000001")["text"] == "Ý kiến lúc mất kết nối"
