"""Check-ins: both sides rate the agreed goals of a closed round, blind until both submit.

A check-in copies the agreed goals of its round (wording and series key) when it opens, so a
later change elsewhere never rewrites what was rated. Ratings are drafts until their side
submits; nothing of a draft is shown to the other side.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.models import COMMENT_MAX, TITLE_MAX, Round, Side

NOTE_MAX = 280
LEVEL_MAX = 300


class Checkin(models.Model):
    class State(models.TextChoices):
        RATING = "rating", _("rating")
        REVEALED = "revealed", _("revealed")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="checkins")
    client_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checkins_as_client"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checkins_as_therapist"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.RATING)
    created_at = models.DateTimeField(default=timezone.now)
    revealed_at = models.DateTimeField(null=True, blank=True)
    by_schedule = models.BooleanField(default=False)
    form_token = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_user", "therapist"],
                condition=Q(state="rating"),
                name="one_open_checkin_per_pair",
            )
        ]

    @property
    def is_rating(self):
        return self.state == self.State.RATING

    @property
    def is_revealed(self):
        return self.state == self.State.REVEALED

    def person(self, side):
        return self.client_user if side == Side.CLIENT else self.therapist


class CheckinSide(models.Model):
    checkin = models.ForeignKey(Checkin, on_delete=models.CASCADE, related_name="sides")
    side = models.CharField(max_length=10, choices=Side.choices)
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkin", "side"], name="one_checkin_part_per_side")
        ]

    @property
    def submitted(self):
        return self.submitted_at is not None


class CheckinGoal(models.Model):
    """One agreed goal as it stood when the check-in opened."""

    checkin = models.ForeignKey(Checkin, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(default=0)
    series_key = models.CharField(max_length=60)
    title = models.CharField(max_length=TITLE_MAX)

    class Meta:
        ordering = ["position", "id"]


class Rating(models.Model):
    """One side's rating of one goal (0 = not at all met, 10 = fully met), draft or submitted."""

    goal = models.ForeignKey(CheckinGoal, on_delete=models.CASCADE, related_name="ratings")
    side = models.CharField(max_length=10, choices=Side.choices)
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    gas_level = models.SmallIntegerField(
        _("attainment level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-2), MaxValueValidator(2)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["goal", "side"], name="one_rating_per_side"),
            models.CheckConstraint(condition=Q(score__lte=10), name="rating_0_to_10"),
            models.CheckConstraint(
                condition=Q(gas_level__isnull=True) | Q(gas_level__gte=-2, gas_level__lte=2),
                name="gas_level_minus2_to_2",
            ),
        ]


class CheckinComment(models.Model):
    goal = models.ForeignKey(CheckinGoal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    by_side = models.CharField(max_length=10, choices=Side.choices)
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class GasScale(models.Model):
    """Goal Attainment Scaling for one agreed goal of one round, described by the two together.

    Either side may write or change it; both always see it (nothing hidden).
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="gas_scales")
    series_key = models.CharField(max_length=60)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    much_less = models.CharField(_("−2: much less than expected"), max_length=LEVEL_MAX)
    less = models.CharField(_("−1: somewhat less than expected"), max_length=LEVEL_MAX)
    expected = models.CharField(_("0: the expected outcome"), max_length=LEVEL_MAX)
    more = models.CharField(_("+1: somewhat more than expected"), max_length=LEVEL_MAX)
    much_more = models.CharField(_("+2: much more than expected"), max_length=LEVEL_MAX)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "series_key"], name="one_scale_per_goal")
        ]

    def levels(self):
        return [
            (2, self.much_more),
            (1, self.more),
            (0, self.expected),
            (-1, self.less),
            (-2, self.much_less),
        ]


class Cadence(models.Model):
    """How often check-ins open by themselves for one client (0 = off)."""

    class Weeks(models.IntegerChoices):
        OFF = 0, _("off")
        TWO = 2, _("every 2 weeks")
        FOUR = 4, _("every 4 weeks")
        SIX = 6, _("every 6 weeks")

    client_user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkin_cadence"
    )
    weeks = models.PositiveSmallIntegerField(choices=Weeks.choices, default=Weeks.OFF)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
