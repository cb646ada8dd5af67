"""Account emails sent by the background worker."""

from urllib.parse import urlsplit

from django.conf import settings
from django.tasks import task

from accounts.forms import EmailPasswordResetForm


@task
def password_reset_send(email):
    """Email a reset link if `email` has an active account; otherwise do nothing.

    The request only enqueued this job, for any address, so its response cannot tell whether
    an account exists.
    """
    form = EmailPasswordResetForm({"email": email})
    if not form.is_valid():
        return "invalid"
    site = urlsplit(settings.SITE_URL)
    form.save(domain_override=site.netloc, use_https=site.scheme == "https")
    return "done"
