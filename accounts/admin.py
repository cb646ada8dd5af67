"""Django admin for the platform operator (superuser), for support only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Assignment, Clinic, User


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "created_at"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "clinic", "is_client", "is_therapist", "is_active"]
    list_filter = ["clinic", "is_client", "is_therapist", "is_clinic_admin", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name", "clinic"]}),
        ("Roles", {"fields": ["is_client", "is_therapist", "is_clinic_admin"]}),
        ("Status", {"fields": ["is_active", "is_staff", "is_superuser", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "full_name", "clinic", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login"]
    filter_horizontal = []


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["client_user", "therapist", "started_at", "ended_at"]
    list_select_related = ["client_user", "therapist"]
    raw_id_fields = ["client_user", "therapist", "assigned_by"]
