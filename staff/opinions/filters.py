"""A from–to date filter for the admin's list (Django's own offers today / 7 days / month)."""

from __future__ import annotations

from django.contrib import admin


class DateRangeFilter(admin.FieldListFilter):
    template = "admin/opinions/date_range_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.since = f"{field_path}__date__gte"
        self.until = f"{field_path}__date__lte"
        for name in (self.since, self.until):  # a date left empty in the form filters nothing
            if params.get(name) in ("", [""]):
                params.pop(name)
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = "khoảng thời gian"

    def expected_parameters(self) -> list[str]:
        return [self.since, self.until]

    def choices(self, changelist):
        mine = set(self.expected_parameters())
        yield {
            "since_name": self.since,
            "until_name": self.until,
            "since": self.used_parameters.get(self.since, ""),
            "until": self.used_parameters.get(self.until, ""),
            "others": [(k, v) for k, v in changelist.params.items() if k not in mine],
            "clear": changelist.get_query_string(remove=list(mine)),
        }
