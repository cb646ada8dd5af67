"""Changes a person makes to their own account, each in one transaction."""

from django.db import transaction

from accounts.models import User


def account_update(*, user, full_name, email_preference, language=None):
    """Save the person's own name, email preference and (when offered) language."""
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=user.pk)
        person.full_name = full_name
        person.email_preference = email_preference
        fields = ["full_name", "email_preference"]
        if language:
            person.language = language
            fields.append("language")
        person.save(update_fields=fields)
    return person
