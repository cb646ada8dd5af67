"""Email backends: every email is queued in the database and sent by the background worker.

MAILERS["default"] is QueuedEmailBackend, so any send_mail() anywhere only writes a row and a
job, inside the caller's transaction: the email exists if and only if the change that caused
it commits, and a slow or dead mail server never holds up a request. The worker hands the
email to MAILERS["deliver"] (SMTP in production, the console locally), retrying on failure.
"""

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.db import transaction


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from jobs import tasks
        from jobs.models import OutgoingEmail

        count = 0
        with transaction.atomic():
            for message in email_messages:
                if not message.recipients():
                    continue
                email = OutgoingEmail.objects.create(
                    subject=str(message.subject),
                    body=str(message.body),
                    from_email=str(message.from_email),
                    to=list(message.to),
                    cc=list(message.cc),
                    bcc=list(message.bcc),
                    reply_to=list(message.reply_to),
                    alternatives=[
                        [str(content), mimetype]
                        for content, mimetype in getattr(message, "alternatives", [])
                    ],
                )
                tasks.deliver_email.enqueue(email.pk)
                count += 1
        return count


class ReadableConsoleBackend(ConsoleBackend):
    """The console backend, printing the body as written: each link whole on one line.

    Django's console backend prints the encoded message, where a long line is folded by
    quoted-printable encoding and a copied link breaks.
    """

    def write_message(self, message):
        self.stream.write(f"Subject: {message.subject}\n")
        self.stream.write(f"From: {message.from_email}\n")
        self.stream.write(f"To: {', '.join(message.to)}\n\n")
        self.stream.write(f"{message.body}\n")
        self.stream.write("-" * 79 + "\n")
