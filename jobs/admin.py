from django.contrib import admin

from jobs.models import OutgoingEmail, ScheduledRun
from jobs.tasks import email_retry


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Emails waiting or failed, for the platform operator. Subject and body stay hidden: the
    operator needs to know that delivery failed, not what the email said."""

    list_display = ["id", "status", "attempts", "last_error", "created_at", "next_attempt_at"]
    list_filter = ["status"]
    fields = ["status", "attempts", "last_error", "created_at", "next_attempt_at", "sent_at"]
    readonly_fields = fields
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Send the selected emails again")
    def retry(self, request, queryset):
        email_retry(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, "The selected emails are queued again.")


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ["task_path", "last_enqueued_at"]
    readonly_fields = ["task_path", "last_enqueued_at"]
