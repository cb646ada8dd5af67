"""Clinics, people and who is whose therapist."""

import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Clinic(models.Model):
    name = models.CharField(_("name"), max_length=200)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", help_text=_("Times are shown in this zone.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("clinic")
        ordering = ["name"]

    def __str__(self):
        return self.name


# How long a client's home page mentions that their therapist changed.
THERAPIST_CHANGE_SHOWN_FOR = timedelta(days=30)


class UserQuerySet(models.QuerySet):
    def of_clinic(self, clinic):
        return self.filter(clinic=clinic)

    def clients(self):
        return self.filter(is_client=True)

    def therapists(self):
        return self.filter(is_therapist=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        # Stored addresses are normalised, so an exact match on the normalised input is the
        # whole lookup: no database collation decides which letters count as the same.
        return self.get(email=normalize_email(email))

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


def normalize_email(email):
    """The one form of an address that is stored, looked up and counted for sign-in limits.

    NFKC folds look-alike compatibility characters ("ſ" becomes "s"), casefold folds letter case
    the same way in Python everywhere, so "Maya@Example.com" is "maya@example.com" while a
    different letter such as the dotless "ı" stays a different address.
    """
    return unicodedata.normalize("NFKC", (email or "").strip()).casefold()


class EmailPreference(models.TextChoices):
    """How often a person wants email about their rounds (the emails never carry goal text)."""

    DIGEST = "digest", _("Each change as it happens, gathered into one email at a time")
    DAILY = "daily", _("One summary a day")
    NEEDED = "needed", _("Only when something needs me")


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: a client, a therapist, a clinic admin, or the platform operator."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    is_client = models.BooleanField(_("client"), default=False)
    is_therapist = models.BooleanField(_("therapist"), default=False)
    is_clinic_admin = models.BooleanField(_("clinic admin"), default=False)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Deactivated people cannot sign in.")
    )
    deactivated_at = models.DateTimeField(
        _("last deactivated"),
        null=True,
        blank=True,
        help_text=_("When this person was last deactivated; kept after reactivation."),
    )
    # Set when the person closed their own account (the reason for that deactivation).
    closure_requested_at = models.DateTimeField(
        _("asked to close their account"),
        null=True,
        blank=True,
        help_text=_("When this person closed their own account; their records are kept."),
    )
    is_staff = models.BooleanField(_("platform operator"), default=False)
    email_preference = models.CharField(
        _("email about my rounds"),
        max_length=10,
        choices=EmailPreference.choices,
        default=EmailPreference.DIGEST,
    )
    # A code from settings.LANGUAGES; no choices here, so adding a language needs no migration.
    language = models.CharField(_("language"), max_length=10, default="en")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=Q(clinic__isnull=False) | Q(is_superuser=True),
                name="user_in_clinic_unless_superuser",
            ),
        ]
        # Lists of a clinic's people by name (the admin's home, the people page) read only the
        # rows they show.
        indexes = [models.Index("clinic", Lower("full_name"), name="user_clinic_name")]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    # Deactivation ends open sessions at once (ModelBackend.get_user refuses inactive people).
    # Mixing the last deactivation time into the session hash also keeps those sessions ended
    # after a reactivation; people never deactivated keep Django's hash unchanged.
    def get_session_auth_hash(self):
        return self._session_hash_with_deactivation(None)

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash_with_deactivation(secret)

    def _session_hash_with_deactivation(self, secret):
        if self.deactivated_at is None:
            return self._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.password}|{self.deactivated_at.isoformat()}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def email_name(self):
        """The name as emails show it: trimmed of control characters and of excess length."""
        from accounts.text import name_for_email

        return name_for_email(self.full_name)

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def roles(self):
        """The names of this person's roles, for display."""
        names = []
        if self.is_client:
            names.append(_("client"))
        if self.is_therapist:
            names.append(_("therapist"))
        if self.is_clinic_admin:
            names.append(_("clinic admin"))
        return names

    @property
    def recent_therapist_change(self):
        """The current assignment, if it replaced another in the last 30 days, else None.

        Its `previous_therapist` is set, so the client's home page can say who before whom.
        """
        latest = list(
            self.assignments_as_client.select_related("therapist", "assigned_by").order_by(
                "-started_at"
            )[:2]
        )
        if len(latest) < 2 or latest[0].ended_at is not None:
            return None
        if latest[0].started_at < timezone.now() - THERAPIST_CHANGE_SHOWN_FOR:
            return None
        latest[0].previous_therapist = latest[1].therapist
        return latest[0]

    @property
    def current_therapist(self):
        assignment = (
            self.assignments_as_client.filter(ended_at__isnull=True)
            .select_related("therapist")
            .first()
        )
        return assignment.therapist if assignment else None


class AssignmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)


class Assignment(models.Model):
    """A client's therapist over a period; ended assignments are kept as history."""

    client_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments_as_client"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments_as_therapist"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_user"],
                condition=Q(ended_at__isnull=True),
                name="one_current_therapist_per_client",
            )
        ]

    def __str__(self):
        return f"{self.client_user} → {self.therapist}"


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked (it may have expired: the admin can send it again)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self):
        return self.open().filter(expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An emailed, single-use link that lets a person join a clinic as a therapist or client.

    Only a SHA-256 hash of the link's token is stored: a copy of the database cannot be used to
    accept anyone's invitation.
    """

    class Role(models.TextChoices):
        THERAPIST = "therapist", _("Therapist")
        CLIENT = "client", _("Client")

    class Status(models.TextChoices):
        PENDING = "pending", _("invited")
        EXPIRED = "expired", _("invitation expired")
        ACCEPTED = "accepted", _("accepted")
        REVOKED = "revoked", _("invitation withdrawn")

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"), max_length=254)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("therapist"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address and clinic, even if the form is posted twice.
            models.UniqueConstraint(
                "clinic",
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email",
            )
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def status(self):
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING
