"""Rounds, goals, overboard labels, links, comments and resolutions.

Nothing the other side could have seen is ever deleted: labels are withdrawn, links removed
and proposals superseded by setting a timestamp, so the history stays readable.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment import comparison

MAX_GOALS = 10
TITLE_MAX = 200
SUCCESS_MAX = 2000
REASON_MAX = 1000
COMMENT_MAX = 2000


class Side(models.TextChoices):
    CLIENT = comparison.CLIENT, _("client")
    THERAPIST = comparison.THERAPIST, _("therapist")


class LifeArea(models.TextChoices):
    WORK_STUDY = "work_study", _("Work & study")
    RELATIONSHIPS = "relationships", _("Relationships & family")
    MOOD = "mood", _("Mood & emotions")
    STRESS_ANXIETY = "stress_anxiety", _("Stress & anxiety")
    SELF_WORTH = "self_worth", _("Self-worth & self-criticism")
    HEALTH = "health", _("Health, body & sleep")
    HABITS = "habits", _("Habits & substances")
    DIRECTION = "direction", _("Direction, meaning & ambition")
    OTHER = "other", _("Something else")


class RoundQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state=Round.State.CLOSED)


class Round(models.Model):
    """One check-in between one client and one therapist."""

    class State(models.TextChoices):
        DRAFTING = "drafting", _("drafting")
        DISCUSSING = "discussing", _("discussing")
        CLOSED = "closed", _("closed")

    client_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rounds_as_client"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rounds_as_therapist"
    )
    title = models.CharField(_("title"), max_length=120)
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFTING)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revealed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Closed because the client moved to another therapist, not because the two finished it.
    closed_at_reassignment = models.BooleanField(default=False)
    last_activity_at = models.DateTimeField(default=timezone.now)
    form_token = models.UUIDField(null=True, blank=True, unique=True)
    # A stored summary of the agenda, kept by `alignment.summary` after every change, so that
    # lists (caseload, clinic overview) sort, filter and count in SQL. Pages show the live agenda.
    # Rounds not summarised yet (older rows, bulk loads) are summarised when a list needs them.
    summarised = models.BooleanField(default=False)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    open_labels = models.PositiveSmallIntegerField(null=True, blank=True)
    unresolved = models.PositiveSmallIntegerField(null=True, blank=True)
    client_to_move = models.BooleanField(default=True)
    therapist_to_move = models.BooleanField(default=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_user", "therapist"],
                condition=~Q(state="closed"),
                name="one_open_round_per_pair",
            )
        ]
        indexes = [
            # Finding the rounds still to summarise is a look at an (almost always) empty index.
            models.Index(fields=["id"], condition=Q(summarised=False), name="round_unsummarised"),
            # A pair's rounds: a client's history with a therapist newest first, the caseload's
            # open round and last activity of each client.
            models.Index(
                fields=["client_user", "therapist", "-created_at"], name="round_pair_created"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_drafting(self):
        return self.state == self.State.DRAFTING

    @property
    def is_discussing(self):
        return self.state == self.State.DISCUSSING

    @property
    def is_closed(self):
        return self.state == self.State.CLOSED

    def person(self, side):
        return self.client_user if side == Side.CLIENT else self.therapist


class RoundSide(models.Model):
    """One side's part of a round: whether it has submitted, and the version of its draft."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sides")
    side = models.CharField(max_length=10, choices=Side.choices)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Raised on every save of the draft; a save based on an older version is refused.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "side"], name="one_part_per_side")]

    @property
    def submitted(self):
        return self.submitted_at is not None


class Goal(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="goals")
    side = models.CharField(max_length=10, choices=Side.choices)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("goal"), max_length=TITLE_MAX)
    success = models.TextField(
        _("what success would look like"), max_length=SUCCESS_MAX, blank=True
    )
    area = models.CharField(
        _("life area"), max_length=20, choices=LifeArea.choices, default=LifeArea.OTHER
    )
    importance = models.PositiveSmallIntegerField(
        _("importance"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # The agreed goal this one was carried in from (see alignment.progress): "" if new.
    series_key = models.CharField(max_length=60, blank=True, default="", editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["side", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(importance__gte=1, importance__lte=5), name="importance_1_to_5"
            )
        ]

    def __str__(self):
        return self.title

    def as_data(self):
        return comparison.GoalData(
            id=self.id,
            side=self.side,
            title=self.title,
            importance=self.importance,
            area=self.area,
            position=self.position,
        )


class OverboardLabel(models.Model):
    class Kind(models.TextChoices):
        UNREALISTIC = "unrealistic", _("unrealistic")
        TOO_HARD = "too_hard", _("too hard on yourself")
        NOT_WANTED = "not_wanted", _("not what I want from therapy")
        OTHER = "other", _("other")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="labels")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    by_side = models.CharField(max_length=10, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    reason = models.TextField(_("reason"), max_length=REASON_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "placed_by"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_label_per_person_per_goal",
            )
        ]

    @property
    def is_open(self):
        return self.withdrawn_at is None

    def as_data(self):
        return comparison.LabelData(
            id=self.id,
            goal_id=self.goal_id,
            by_side=self.by_side,
            kind=self.kind,
            reason=self.reason,
            withdrawn=not self.is_open,
        )


class Link(models.Model):
    """One client goal and one therapist goal: they mean the same thing, or pull apart."""

    class Relation(models.TextChoices):
        SAME = comparison.SAME, _("They mean the same thing")
        OPPOSED = comparison.OPPOSITE, _("They are about the same thing but pull apart")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="links")
    client_goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    therapist_goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    relation = models.CharField(
        _("how the goals relate"), max_length=10, choices=Relation, default=Relation.SAME
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_goal"],
                condition=Q(removed_at__isnull=True),
                name="client_goal_linked_once",
            ),
            models.UniqueConstraint(
                fields=["therapist_goal"],
                condition=Q(removed_at__isnull=True),
                name="therapist_goal_linked_once",
            ),
        ]

    def as_data(self):
        return comparison.LinkData(
            client_goal_id=self.client_goal_id,
            therapist_goal_id=self.therapist_goal_id,
            relation=self.relation,
        )


class Comment(models.Model):
    """A comment on an agenda item, anchored to the item's goal(s)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="comments")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    by_side = models.CharField(max_length=10, choices=Side.choices)
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    form_token = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["created_at", "id"]


class Resolution(models.Model):
    """A proposal of what to do with an agenda item; agreed once the other side confirms."""

    class Decision(models.TextChoices):
        KEEP = "keep", _("keep")
        REVISE = "revise", _("revise")
        DROP = "drop", _("drop")
        DIFFER = "differ", _("agree to differ")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="resolutions")
    item_key = models.CharField(max_length=40)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    new_title = models.CharField(_("agreed new wording"), max_length=TITLE_MAX, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    by_side = models.CharField(max_length=10, choices=Side.choices)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    form_token = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "item_key"],
                condition=Q(superseded_at__isnull=True),
                name="one_current_resolution_per_item",
            )
        ]

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def is_agreed_goal(self):
        return self.is_confirmed and self.decision in (self.Decision.KEEP, self.Decision.REVISE)


class Notification(models.Model):
    """Something that happened in a round that `recipient` should hear about.

    Sent in digests (alignment.notifications): one email per person and round per quiet
    window. Holds only the kind of event, never what anyone wrote.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "round", "sent_at"])]
