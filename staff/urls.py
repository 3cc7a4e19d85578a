"""The staff site is Django's admin at the root."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Góp ý Báo cáo chính trị"
admin.site.site_title = "Góp ý Báo cáo chính trị"
admin.site.index_title = "Quản lý góp ý"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
