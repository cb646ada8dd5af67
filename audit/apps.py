from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        # Sign-in, failed sign-in and sign-out come from Django's auth signals.
        from audit import signals  # noqa: F401
