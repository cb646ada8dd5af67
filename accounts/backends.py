"""Sign-in by email address in any letter case."""

from django.contrib.auth.backends import ModelBackend

from accounts.models import normalize_email


class EmailBackend(ModelBackend):
    """ModelBackend that looks the email up case-insensitively (the manager does the lookup)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(
            request, username=normalize_email(username), password=password, **kwargs
        )


def axes_username(request, credentials):
    """Count failed sign-ins per account, whatever letter case was typed."""
    if credentials and credentials.get("username"):
        return normalize_email(credentials["username"])
    return normalize_email(request.POST.get("username", ""))
