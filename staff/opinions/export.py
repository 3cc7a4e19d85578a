"""Opinions as a table for staff: CSV (UTF-8 with BOM, so Excel keeps the Vietnamese) or XLSX.
Contact columns are included only for those allowed to see them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from openpyxl import Workbook

from staff.opinions.models import Opinion, Status

COLUMNS = [
    ("reference", "Mã số"),
    ("created_at", "Thời gian gửi"),
    ("channel", "Kênh"),
    ("section", "Mục của báo cáo"),
    ("target", "Chỉ tiêu / mục"),
    ("topic", "Chủ đề người gửi nêu"),
    ("respondent_group", "Nhóm người gửi"),
    ("text", "Nội dung"),
    ("status", "Trạng thái"),
    ("note", "Ghi chú của cán bộ"),
    ("reviewed_by", "Người xử lý"),
    ("reviewed_at", "Thời gian xử lý"),
]
CONTACT_COLUMNS = [("contact", "Liên hệ"), ("sender_id", "Mã người gửi")]


def columns(with_contact: bool) -> list[tuple[str, str]]:
    return COLUMNS + (CONTACT_COLUMNS if with_contact else [])


def _local(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).strftime("%Y-%m-%d %H:%M")


def _value(row: Opinion, name: str) -> str:
    if name == "reference":
        return row.reference
    if name in ("created_at", "reviewed_at"):
        return _local(getattr(row, name))
    if name == "status":
        return str(Status(row.status).label)
    if name == "reviewed_by":
        return row.reviewed_by.get_username() if row.reviewed_by else ""
    return getattr(row, name) or ""


def table(opinions: Iterable[Opinion], with_contact: bool) -> Iterable[list[str]]:
    """The header, then one list of strings per opinion."""
    chosen = columns(with_contact)
    yield [label for _, label in chosen]
    for row in opinions:
        yield [_value(row, name) for name, _ in chosen]


def to_csv(opinions: Iterable[Opinion], with_contact: bool) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(table(opinions, with_contact))
    return buffer.getvalue()


def to_xlsx(opinions: Iterable[Opinion], with_contact: bool) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Góp ý")
    for values in table(opinions, with_contact):
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
