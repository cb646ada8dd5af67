"""Reading the ratings form: one group of fields per goal, named by the goal's id."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alignment.models import COMMENT_MAX
from checkins.models import NOTE_MAX, Cadence
from checkins.services import RatingRow


def parse_ratings(data, goals):
    """(rows, errors by goal id, values as typed by goal id) from a POSTed ratings form."""
    rows, errors, typed = [], {}, {}
    for goal in goals:
        raw_score = data.get(f"score-{goal.pk}", "").strip()
        note = data.get(f"note-{goal.pk}", "").strip()
        raw_level = data.get(f"gas-{goal.pk}", "").strip()
        typed[goal.pk] = {"score": raw_score, "note": note, "gas": raw_level}
        score = level = None
        if raw_score:
            score = _whole(raw_score, 0, 10)
            if score is None:
                errors[goal.pk] = _("Choose a rating from 0 to 10.")
        if raw_level:
            level = _whole(raw_level, -2, 2)
            if level is None:
                errors[goal.pk] = _("Choose a level from −2 to +2, or none.")
        if len(note) > NOTE_MAX:
            errors[goal.pk] = _("Keep the note to %(n)s characters (it has %(len)s).") % {
                "n": NOTE_MAX,
                "len": len(note),
            }
        rows.append(RatingRow(goal_id=goal.pk, score=score, note=note, gas_level=level))
    return rows, errors, typed


def _whole(raw, low, high):
    try:
        value = int(raw.replace("−", "-"))
    except ValueError:
        return None
    return value if low <= value <= high else None


class CommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CadenceForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label=gettext_lazy("Open a check-in by itself"),
        choices=Cadence.Weeks.choices,
        coerce=int,
        help_text=gettext_lazy(
            "Both of you get an email when it opens, and one reminder after 3 days if needed."
        ),
    )


class GasScaleForm(forms.Form):
    weight = forms.IntegerField(
        label=gettext_lazy("Weight (1–10)"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=gettext_lazy("How much this goal counts in the T-score compared to the others."),
    )
    much_more = forms.CharField(label=gettext_lazy("+2: much more than expected"), max_length=300)
    more = forms.CharField(label=gettext_lazy("+1: somewhat more than expected"), max_length=300)
    expected = forms.CharField(label=gettext_lazy("0: the expected outcome"), max_length=300)
    less = forms.CharField(label=gettext_lazy("−1: somewhat less than expected"), max_length=300)
    much_less = forms.CharField(label=gettext_lazy("−2: much less than expected"), max_length=300)

    def levels(self):
        data = self.cleaned_data
        return {
            2: data["much_more"],
            1: data["more"],
            0: data["expected"],
            -1: data["less"],
            -2: data["much_less"],
        }
