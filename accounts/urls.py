from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import account_views, invitation_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    # The emailed, single-use link: open to anyone holding the token.
    path("invite/<str:token>/", invitation_views.invitation_accept, name="invitation_accept"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("you/", account_views.account, name="account"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
