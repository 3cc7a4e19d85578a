"""Counts of opinions per section, target, day and channel, as bars drawn on the server."""

from __future__ import annotations

from django.db.models import Count, QuerySet

MAX_BARS = 30


def _bars(rows: list[tuple[object, int]]) -> list[dict]:
    top = max((count for _, count in rows), default=0) or 1
    return [
        {"label": str(label) if label not in (None, "") else "(chưa gán)", "count": count,
         "percent": round(100 * count / top, 1)}
        for label, count in rows
    ]  # fmt: skip


def _grouped(opinions: QuerySet, field: str) -> list[tuple[object, int]]:
    rows = opinions.values_list(field).annotate(n=Count("id")).order_by("-n", field)
    return list(rows[:MAX_BARS])


def charts(opinions: QuerySet) -> list[dict]:
    per_day = opinions.values_list("created_on").annotate(n=Count("id")).order_by("-created_on")
    return [
        {"title": "Góp ý theo mục của báo cáo", "bars": _bars(_grouped(opinions, "section"))},
        {"title": "Góp ý theo chỉ tiêu", "bars": _bars(_grouped(opinions, "target"))},
        {
            "title": "Góp ý theo ngày (30 ngày gần nhất có góp ý)",
            "bars": _bars(list(reversed(list(per_day[:MAX_BARS])))),
        },
        {"title": "Góp ý theo kênh", "bars": _bars(_grouped(opinions, "channel"))},
    ]
