from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from alignment.views import overview

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("clinic/overview/", overview.overview, name="clinic_overview"),
    path("clinic/", include("accounts.urls_clinic")),
    path("rounds/", include("alignment.urls")),
    path("admin/", admin.site.urls),
]
