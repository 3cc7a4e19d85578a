"""Benchmark (not a test): server time of the opinion list and the dashboard over 10,000
opinions, through Django's test client in process (no network). Prints JSON.

    python -m staff.bench [--opinions 10000] [--database-url URL]   (`reportbot feedback bench`)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone

PAGES = {
    "list": "/admin/opinions/opinion/",
    "list_search_without_diacritics": "/admin/opinions/opinion/?q=ho+ngheo",
    "list_filtered": "/admin/opinions/opinion/?channel=telegram&status=new",
    "dashboard": "/admin/opinions/opinion/dashboard/",
    "unanswered": "/admin/opinions/unansweredquestion/",
}
SECTIONS = [
    f"Phần thứ {p} > {s}. Mục {s}" for p in ("nhất", "hai") for s in ["I", "II", "III", "IV", "V"]
]
CHANNELS = ["rest", "telegram", "facebook", "zalo"]


def seed(count: int) -> None:
    from index.text import fold
    from staff.opinions.models import Opinion

    start = datetime.now(timezone.utc) - timedelta(days=60)
    rows = []
    for i in range(count):
        text = f"Ý kiến số {i}: đề nghị giảm tỷ lệ hộ nghèo và tăng việc làm ở xã {i % 97}"
        rows.append(
            Opinion(
                created_at=start + timedelta(minutes=9 * i),
                text=text,
                text_folded=fold(text),
                created_on=(start + timedelta(minutes=9 * i)).date(),
                section=SECTIONS[i % len(SECTIONS)],
                target=f"Chỉ tiêu ({i % 11 + 1})",
                channel=CHANNELS[i % len(CHANNELS)],
                sender_id=f"bench-{i % 500}",
                contact=f"09{i:08d}",
                respondent_group=["đoàn viên", "hội viên", "người dân"][i % 3],
            )
        )
    Opinion.objects.bulk_create(rows, batch_size=1000)


def measure(repeats: int, opinions: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create_superuser("bench", password="bench-password-1")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    results = {}
    last_page = {"list_last_page": f"/admin/opinions/opinion/?p={max(1, -(-opinions // 50))}"}
    for name, url in (PAGES | last_page).items():
        assert client.get(url).status_code == 200, url  # warm
        wall, cpu = [], []
        for _ in range(repeats):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, url
        # CPU time too: on a shared machine the wall time includes waiting for a core.
        results[name] = {
            "median_ms": round(statistics.median(wall), 1),
            "max_ms": round(max(wall), 1),
            "median_cpu_ms": round(statistics.median(cpu), 1),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opinions", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--database-url", help="an empty database (default: a temporary SQLite)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="reportbot-bench-")
    os.environ["REPORTBOT_VAR_DIR"] = folder
    os.makedirs(os.path.join(folder, "staff-static"))  # static files are not timed
    os.environ["REPORTBOT_FEEDBACK_DATABASE_URL"] = (
        args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    )
    import staff

    staff.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed(args.opinions)
    pages = measure(args.repeats, args.opinions)
    budget = 300.0
    print(json.dumps({
        "opinions": args.opinions,
        "database": os.environ["REPORTBOT_FEEDBACK_DATABASE_URL"].split(":")[0],
        "budget_ms": budget,
        "pages": pages,
        "all_within_budget": all(p["median_ms"] <= budget for p in pages.values()),
        "all_within_budget_cpu": all(p["median_cpu_ms"] <= budget for p in pages.values()),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
