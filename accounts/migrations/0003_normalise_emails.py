"""Store every address in its normalised form (NFKC + casefold), so sign-in can match exactly."""

import unicodedata

from django.db import migrations


def _normalise(email):
    # A copy of accounts.models.normalize_email as it is today: migrations must not change
    # meaning when the model code changes later.
    return unicodedata.normalize("NFKC", (email or "").strip()).casefold()


def normalise_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Invitation = apps.get_model("accounts", "Invitation")
    seen = {}
    for user in User.objects.order_by("pk").only("pk", "email"):
        normalised = _normalise(user.email)
        if normalised in seen:
            # Two accounts that only differ by letters that fold together: an operator must
            # decide which one keeps the address; guessing could hand one person's account over.
            raise RuntimeError(
                f"Accounts {seen[normalised]} and {user.pk} have the same email address once "
                "normalised. Change one of them in Django admin, then migrate again."
            )
        seen[normalised] = user.pk
        if normalised != user.email:
            User.objects.filter(pk=user.pk).update(email=normalised)
    for invitation in Invitation.objects.only("pk", "email"):
        normalised = _normalise(invitation.email)
        if normalised != invitation.email:
            Invitation.objects.filter(pk=invitation.pk).update(email=normalised)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_deactivated_at_invitation"),
    ]

    operations = [
        migrations.RunPython(normalise_emails, migrations.RunPython.noop),
    ]
