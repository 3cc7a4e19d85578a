"""The staff site: Django admin declarations over the schema, plus two views added through
``get_urls`` (export of the filtered list as CSV or XLSX, and the dashboard)."""

from __future__ import annotations

from functools import lru_cache

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from index.text import fold
from staff.opinions import dashboard, export
from staff.opinions.filters import DateRangeFilter
from staff.opinions.models import Opinion, Rating, Status, UnansweredQuestion

CONTACT_FIELDS = ("contact", "sender_id")


@lru_cache(maxsize=1)
def report_targets() -> tuple[str, ...]:
    """The 11 targets the report puts up for comment, read from knowledge/."""
    from index.knowledge import load_documents
    from index.targets import targets_for_comment
    from reportbot.settings import load_settings

    documents = load_documents(load_settings().knowledge_dir)
    return tuple(targets_for_comment([p for d in documents for p in d.paragraphs]))


def may_see_contacts(request: HttpRequest) -> bool:
    return request.user.has_perm("opinions.view_contact")


class NoteActionForm(ActionForm):
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000)


def _mark(status: Status, description: str):
    def action(modeladmin: OpinionAdmin, request: HttpRequest, queryset) -> None:
        note = (request.POST.get("note") or "").strip()
        changed = 0
        for opinion in queryset:
            opinion.status = status
            opinion.reviewed_by = request.user
            opinion.reviewed_at = timezone.now()
            if note:
                opinion.note = f"{opinion.note}\n{note}".strip()
            opinion.save()
            modeladmin.log_change(
                request, opinion, f"{description}: {note}" if note else description
            )
            changed += 1
        modeladmin.message_user(
            request, f"Đã chuyển {changed} góp ý sang “{status.label}”.", messages.SUCCESS
        )

    action.__name__ = f"mark_{status.value}"
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "created_at",
        "channel",
        "section",
        "target",
        "respondent_group",
        "short_text",
        "status",
    )
    list_filter = (
        "status", "section", "target", "channel", "respondent_group",
        ("created_at", DateRangeFilter),
    )  # fmt: skip
    search_fields = ("text", "section", "topic", "note")
    list_per_page = 50
    show_full_result_count = False
    action_form = NoteActionForm
    actions = [
        _mark(Status.REVIEWED, "Đánh dấu đã xem"),
        _mark(Status.FORWARDED, "Đánh dấu đã chuyển"),
        _mark(Status.ARCHIVED, "Lưu trữ"),
    ]
    fields = (
        "reference", "created_at", "channel", "section", "topic", "respondent_group", "text",
        "contact", "sender_id", "status", "target", "note", "reviewed_by", "reviewed_at",
    )  # fmt: skip
    readonly_fields = (
        "reference", "created_at", "channel", "section", "topic", "respondent_group", "text",
        "contact", "sender_id", "reviewed_by", "reviewed_at",
    )  # fmt: skip

    @admin.display(description="mã số", ordering="id")
    def reference(self, opinion: Opinion) -> str:
        return opinion.reference

    @admin.display(description="nội dung")
    def short_text(self, opinion: Opinion) -> str:
        return opinion.text if len(opinion.text) <= 160 else opinion.text[:160] + "…"

    def get_list_display(self, request: HttpRequest):
        shown = super().get_list_display(request)
        return (*shown, "contact") if may_see_contacts(request) else shown

    def get_fields(self, request: HttpRequest, obj=None):
        fields = super().get_fields(request, obj)
        return (
            fields if may_see_contacts(request) else [f for f in fields if f not in CONTACT_FIELDS]
        )

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        """The target is one of the report's targets or one of the sections opinions concern."""
        if db_field.name != "target":
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        sections = Opinion.objects.order_by("section").values_list("section", flat=True).distinct()
        choices = [("", "—")]
        choices += [(t, f"Chỉ tiêu ({n}): {t}") for n, t in enumerate(report_targets(), start=1)]
        choices += [(s, f"Mục: {s}") for s in sections]
        return forms.ChoiceField(label=db_field.verbose_name, choices=choices, required=False)

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        """Also match without diacritics (against the folded copy), and by reference number."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            found |= queryset.filter(text_folded__contains=fold(term))
            if term.upper().startswith("GY-"):
                found |= queryset.filter(spool_reference=term.upper())
                digits = term[3:]
                if digits.isdigit():
                    found |= queryset.filter(pk=int(digits))
        return found, duplicates

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # opinions come from citizens through the bot

    def save_model(self, request: HttpRequest, obj: Opinion, form, change: bool) -> None:
        if change and {"status", "note", "target"} & set(form.changed_data):
            obj.reviewed_by = request.user
            obj.reviewed_at = timezone.now()
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/<str:fmt>/", view(self.export_view), name="opinions_opinion_export"),
            path("dashboard/", view(self.dashboard_view), name="opinions_opinion_dashboard"),
            *super().get_urls(),
        ]

    def export_view(self, request: HttpRequest, fmt: str) -> HttpResponse:
        """The list as filtered and searched on the page, every page of it."""
        if not self.has_view_permission(request) or fmt not in ("csv", "xlsx"):
            return HttpResponse(status=404)
        rows = (
            self.get_changelist_instance(request)
            .get_queryset(request)
            .select_related("reviewed_by")
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        if fmt == "csv":
            body, kind = export.to_csv(rows, may_see_contacts(request)), "text/csv; charset=utf-8"
        else:
            body = export.to_xlsx(rows, may_see_contacts(request))
            kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(body, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="gop-y-{stamp}.{fmt}"'
        return response

    def dashboard_view(self, request: HttpRequest) -> TemplateResponse:
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        context = {
            **self.admin_site.each_context(request),
            "title": "Tổng quan góp ý",
            "opts": self.model._meta,
            "charts": dashboard.charts(Opinion.objects.all()),
        }
        return TemplateResponse(request, "admin/opinions/dashboard.html", context)


@admin.register(UnansweredQuestion)
class UnansweredQuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "count", "first_seen", "last_seen", "channel")
    list_filter = ("channel", "last_seen")
    search_fields = ("text",)
    ordering = ("-count", "-last_seen")
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        """The most asked first, with the latest 👎 on answers beside them."""
        disliked = Rating.objects.filter(vote=-1).order_by("-created_at")[:50]
        return super().changelist_view(request, {**(extra_context or {}), "disliked": disliked})


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("created_at", "vote", "question", "section", "channel")
    list_filter = ("vote", "channel", "section", "created_at")
    search_fields = ("question", "passage")
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
