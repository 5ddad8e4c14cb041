"""Root URLs: pages, the admin, the API and the language switch."""

from django.contrib import admin
from django.urls import include, path

from fair.api_root import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("fair.dashboard.urls")),
    path("", include("booking.urls")),
    path("", include("badges.urls")),
    path("", include("outreach.urls")),
    path("", include("partners.urls")),
    path("", include("outcomes.urls")),
    path("", include("fair.page_urls")),
]
