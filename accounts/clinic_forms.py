"""Forms a clinic admin fills in, and the one an invited person fills in to join."""

from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User, normalize_email
from accounts.people import ROLE_FLAGS, STATUS_ACTIVE, STATUS_DEACTIVATED, STATUS_INVITED


class TherapistChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})"


def active_therapists(clinic):
    return User.objects.of_clinic(clinic).therapists().filter(is_active=True).order_by("full_name")


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The invitation link is sent to this address. It works once, for 7 days."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Joins as"),
        choices=Invitation.Role.choices,
        initial=Invitation.Role.CLIENT,
        widget=forms.RadioSelect,
        help_text=_("Therapists see their assigned clients; clients see their own therapy goals."),
    )
    therapist = TherapistChoiceField(
        label=_("Therapist (clients only)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Assign later"),
        help_text=_("The client is assigned to this therapist as soon as they accept."),
    )

    def __init__(self, *args, clinic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = active_therapists(clinic)

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("therapist") and cleaned.get("role") != Invitation.Role.CLIENT:
            self.add_error(
                "therapist", _("Only clients are assigned a therapist. Choose “Assign later”.")
            )
        return cleaned


class AssignmentForm(forms.Form):
    therapist = TherapistChoiceField(
        label=_("Therapist"),
        queryset=User.objects.none(),
        empty_label=_("Choose a therapist"),
        help_text=_("Any current assignment ends now and stays in the history below."),
    )

    def __init__(self, *args, clinic, client_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = active_therapists(clinic).exclude(pk=client_user.pk)


class PeopleFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Part of a name or an email address."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[
            ("", _("Any role")),
            ("client", _("Clients")),
            ("therapist", _("Therapists")),
            ("admin", _("Clinic admins")),
        ],
        help_text=_("Show only people with this role."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Any status")),
            (STATUS_ACTIVE, _("Active")),
            (STATUS_INVITED, _("Invited, not joined yet")),
            (STATUS_DEACTIVATED, _("Deactivated")),
        ],
        help_text=_("Deactivated people cannot sign in."),
    )

    def filters(self):
        """The valid filters; a mistyped one in the address is ignored, not an error page."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": data.get("q", "").strip(),
            "role": data.get("role", "") if data.get("role") in ROLE_FLAGS else "",
            "status": data.get("status", ""),
        }


class InvitationAcceptForm(SetPasswordMixin, forms.Form):
    """Name and password for a new account; the password validators see the name and email."""

    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        help_text=_("Your clinic and your therapist or clients will see this name."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True, "dir": "auto"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Choose a password"), label2=_("Type the same password again")
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["password2"].help_text = _("So we know there is no typing mistake.")

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        # An unsaved user, so "too similar to your name or email" can be checked.
        person = User(email=self.email, full_name=cleaned.get("full_name", ""))
        self.validate_password_for_user(person)
        return cleaned
