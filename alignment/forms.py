"""Forms for rounds, goals, labels, comments and resolutions, worded for clients."""

import uuid

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from alignment.models import (
    COMMENT_MAX,
    MAX_GOALS,
    REASON_MAX,
    TITLE_MAX,
    Goal,
    OverboardLabel,
    Resolution,
    Round,
)


class TokenField(forms.UUIDField):
    """A hidden one-time token so a form sent twice is recognised and not applied twice."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)


class RoundOpenForm(forms.ModelForm):
    from_previous = forms.BooleanField(
        label=_("Start from the agreed goals of the client's last closed round"),
        required=False,
        help_text=_("Both of you start with those goals filled in, and can still change them."),
    )
    form_token = TokenField()

    class Meta:
        model = Round
        fields = ["title"]
        labels = {"title": _("Name of the round")}
        help_texts = {"title": _('For example "Intake" or "Week 8 review". Visible to both.')}

    def __init__(self, *args, has_previous=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_previous:
            # Nothing to start from before the pair's first round is closed.
            del self.fields["from_previous"]


IMPORTANCE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class GoalForm(forms.ModelForm):
    goal_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    importance = forms.TypedChoiceField(
        label=_("How important is this to you? (1 = a little, 5 = very)"),
        choices=IMPORTANCE_CHOICES,
        coerce=int,
        initial=3,
        error_messages={"invalid_choice": _("Choose an importance from 1 to 5.")},
    )

    class Meta:
        model = Goal
        fields = ["title", "success", "area", "importance"]
        labels = {
            "title": _("Goal"),
            "success": _("What would success look like? (optional)"),
            "area": _("Life area"),
        }
        help_texts = {
            "title": _("In your own words, up to 200 characters."),
            "success": _("How would you notice that things are better? Up to 2,000 characters."),
        }
        widgets = {
            "success": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "title": {
                "required": _("Write the goal in a few words, or remove this row."),
                "max_length": _("Keep the goal to 200 characters (it has %(show_value)d)."),
            },
            "success": {
                "max_length": _("Keep this to 2,000 characters (it has %(show_value)d)."),
            },
            "area": {"invalid_choice": _("Choose one of the life areas in the list.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["maxlength"] = TITLE_MAX


class BaseGoalFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("You can write at most 10 goals. Remove one to add another."),
    }

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        if len(kept) > MAX_GOALS:
            raise forms.ValidationError(
                _("You can write at most 10 goals. Remove one to add another.")
            )


GoalFormSet = formset_factory(
    GoalForm,
    formset=BaseGoalFormSet,
    extra=0,
    max_num=MAX_GOALS,
    absolute_max=MAX_GOALS + 1,
    validate_max=True,
    can_delete=True,
)


class LabelForm(forms.ModelForm):
    form_token = TokenField()

    class Meta:
        model = OverboardLabel
        fields = ["kind", "reason"]
        labels = {"kind": _("Why is this goal overboard?"), "reason": _("In your words")}
        help_texts = {
            "reason": _(
                "Required. The other person will read this, so explain kindly and "
                "clearly. Up to 1,000 characters."
            ),
        }
        widgets = {"kind": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "reason": {
                "required": _("Give a reason in words: the other person needs to understand it."),
                "max_length": _("Keep the reason to 1,000 characters (it has %(show_value)d)."),
            },
            "kind": {"required": _("Choose what kind of overboard this is.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["maxlength"] = REASON_MAX


class CommentForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput, max_length=40)
    body = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Both of you can read comments. Up to 2,000 characters."),
        error_messages={
            "required": _("Write something before posting."),
            "max_length": _("Keep a comment to 2,000 characters (it has %(show_value)d)."),
        },
    )
    form_token = TokenField()


class ResolutionForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput, max_length=40)
    decision = forms.ChoiceField(
        label=_("What should happen with this item?"),
        choices=Resolution.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose keep, revise, drop or agree to differ.")},
    )
    new_title = forms.CharField(
        label=_("Agreed new wording (for revise)"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("Only for revise: the goal as you would both like it to read."),
    )
    form_token = TokenField()

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == Resolution.Decision.REVISE
            and not cleaned.get("new_title", "").strip()
        ):
            self.add_error("new_title", _("Write the new wording you propose."))
        return cleaned


class LinkForm(forms.Form):
    client_goal = forms.IntegerField(widget=forms.HiddenInput)
    therapist_goal = forms.IntegerField(widget=forms.HiddenInput)
