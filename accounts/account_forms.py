"""The "Your account" form: what a person may change about themselves."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email_preference", "language"]
        labels = {
            "full_name": _("Your name"),
            "email_preference": _("Email about your rounds"),
            "language": _("Language"),
        }
        help_texts = {
            "full_name": _("Shown to the people you work with. Up to 150 characters."),
            "email_preference": _("Emails only say that something changed, never what you wrote."),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"dir": "auto", "autocomplete": "name"}),
            "email_preference": forms.RadioSelect,
        }
        error_messages = {
            "full_name": {
                "required": _("Write the name you would like others to see."),
                "max_length": _("Keep your name to 150 characters (it has %(show_value)d)."),
            },
            "email_preference": {"invalid_choice": _("Choose one of the three email options.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if len(settings.LANGUAGES) > 1:
            self.fields["language"] = forms.ChoiceField(
                label=_("Language"),
                choices=settings.LANGUAGES,
                error_messages={"invalid_choice": _("Choose a language from the list.")},
            )
        else:
            # Nothing to choose until there is a second language.
            del self.fields["language"]

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(
                _("Write the name you would like others to see."), code="required"
            )
        return name
