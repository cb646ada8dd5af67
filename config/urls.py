from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from accounts import views as account_views
from alignment.views import overview
from jobs import health

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("clinic/overview/", overview.overview, name="clinic_overview"),
    path("clinic/", include("accounts.urls_clinic")),
    path("rounds/", include("alignment.urls")),
    path("exports/", include("exports.urls")),
    path("checkins/", include("checkins.urls")),
    path("admin/", admin.site.urls),
    # For load balancers: no session, no template (jobs/health.py).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Browsers ask for /favicon.ico on pages that name no icon (Django admin).
    # Resolved per request: the static manifest exists only after collectstatic.
    path("favicon.ico", lambda request: redirect(static("img/favicon.svg"), permanent=True)),
]
