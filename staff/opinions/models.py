"""The schema. ``opinions`` and ``ratings`` keep the table and column names the SQLAlchemy store
created, so existing databases and GY-000123 references stay valid."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from index.text import fold

REFERENCE_PREFIX = "GY-"


def reference_of(row_id: int) -> str:
    return f"{REFERENCE_PREFIX}{row_id:06d}"


class Status(models.TextChoices):
    NEW = "new", "mới"
    REVIEWED = "reviewed", "đã xem"
    FORWARDED = "forwarded", "đã chuyển"
    ARCHIVED = "archived", "lưu trữ"


class Opinion(models.Model):
    created_at = models.DateTimeField("thời gian gửi", db_index=True)
    text = models.TextField("nội dung")
    section = models.CharField("mục của báo cáo", max_length=500)
    topic = models.CharField("chủ đề người gửi nêu", max_length=500, null=True, blank=True)
    respondent_group = models.CharField("nhóm người gửi", max_length=50, null=True, blank=True)
    contact = models.CharField("liên hệ", max_length=200, null=True, blank=True)
    channel = models.CharField("kênh", max_length=50)
    sender_id = models.CharField("mã người gửi", max_length=200)
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.NEW
    )
    # Filled on save, so that staff can search without diacritics ("ho ngheo" finds "hộ nghèo").
    text_folded = models.TextField(default="", editable=False)
    # The local day it was sent, filled on save: the dashboard groups by it in plain SQL.
    created_on = models.DateField("ngày gửi", null=True, editable=False, db_index=True)
    target = models.CharField("chỉ tiêu / mục", max_length=500, blank=True, default="")
    note = models.TextField("ghi chú của cán bộ", blank=True, default="")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    reviewed_at = models.DateTimeField("thời gian xử lý", null=True, blank=True)
    # Set for every opinion the bot stores; an opinion replayed from the spool keeps the key and
    # the reference it was given while the database was down.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, editable=False)
    spool_reference = models.CharField(max_length=20, unique=True, null=True, editable=False)

    class Meta:
        db_table = "opinions"
        verbose_name = "góp ý"
        verbose_name_plural = "góp ý"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["sender_id", "created_at"], name="opinions_sender_time")]
        permissions = [("view_contact", "Xem thông tin liên hệ của người góp ý")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return self.spool_reference or reference_of(self.pk)

    def save(self, *args, **kwargs) -> None:
        self.text_folded = fold(self.text)
        self.created_on = timezone.localdate(self.created_at)
        super().save(*args, **kwargs)


class Rating(models.Model):
    """A citizen's 👍 / 👎 on an answer, with what was asked and the passage that answered."""

    created_at = models.DateTimeField("thời gian", db_index=True)
    vote = models.IntegerField("đánh giá")  # +1 or -1
    question = models.TextField("câu hỏi")
    section = models.CharField("mục của báo cáo", max_length=500)
    passage = models.TextField("đoạn trả lời")
    channel = models.CharField("kênh", max_length=50)
    sender_id = models.CharField("mã người gửi", max_length=200)

    class Meta:
        db_table = "ratings"
        verbose_name = "đánh giá câu trả lời"
        verbose_name_plural = "đánh giá câu trả lời"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{'👍' if self.vote > 0 else '👎'} {self.question[:60]}"


class UnansweredQuestion(models.Model):
    """A question the report could not answer, counted by its folded text."""

    key = models.CharField(max_length=64, unique=True, editable=False)
    text = models.TextField("câu hỏi")
    count = models.PositiveIntegerField("số lần hỏi", default=1)
    first_seen = models.DateTimeField("lần đầu")
    last_seen = models.DateTimeField("lần gần nhất", db_index=True)
    channel = models.CharField("kênh gần nhất", max_length=50)

    class Meta:
        db_table = "unanswered_questions"
        verbose_name = "câu hỏi chưa trả lời được"
        verbose_name_plural = "câu hỏi chưa trả lời được"
        ordering = ["-count", "-last_seen"]

    def __str__(self) -> str:
        return self.text[:80]
