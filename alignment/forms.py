"""Forms for rounds, goals, labels, comments and resolutions, worded for clients."""

import uuid

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from alignment.models import (
    COMMENT_MAX,
    MAX_GOALS,
    REASON_MAX,
    SUCCESS_MAX,
    TITLE_MAX,
    Goal,
    LifeArea,
    Link,
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
        widgets = {"title": forms.TextInput(attrs={"dir": "auto"})}

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
        title = self.fields["title"]
        title.widget.attrs.update({"maxlength": TITLE_MAX, "dir": "auto"})
        # Kept as typed so that a title of only spaces counts as written (and is refused)
        # instead of the row being taken as empty and dropped without a word.
        title.strip = False
        self.fields["success"].widget.attrs.update({"maxlength": SUCCESS_MAX, "dir": "auto"})
        self.is_new = not self.initial.get("goal_id")
        if self.is_new:
            # The new row may stay empty, so it is not marked required; once anything in it is
            # filled in, clean_title and clean_area ask for the rest. It starts without a life
            # area: a pre-chosen one would be saved unnoticed.
            self.initial.pop("area", None)
            area = self.fields["area"]
            area.choices = [("", _("Choose a life area"))] + list(LifeArea.choices)
            area.initial = None
            area.required = title.required = self.fields["importance"].required = False

    def clean_title(self):
        typed = self.cleaned_data["title"]
        title = typed.strip()
        if typed and not title:
            raise forms.ValidationError(
                _("A goal of only spaces cannot be saved: write it in words, or empty the row."),
                code="blank",
            )
        if not title:
            raise forms.ValidationError(
                self.fields["title"].error_messages["required"], code="required"
            )
        return title

    def clean_importance(self):
        # The list always sends a number; only a hand-made request leaves it out.
        return self.cleaned_data["importance"] or 3

    def clean_area(self):
        area = self.cleaned_data["area"]
        if not area:
            raise forms.ValidationError(
                _("Choose the life area this goal belongs to."), code="required"
            )
        return area


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
        widgets = {
            "kind": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }
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
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
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
        widget=forms.TextInput(attrs={"dir": "auto"}),
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
    # Optional so that a form without the choice (an older page) still links as "same".
    relation = forms.ChoiceField(
        label=_("How do the two goals relate?"),
        choices=Link.Relation.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean_relation(self):
        return self.cleaned_data["relation"] or Link.Relation.SAME
