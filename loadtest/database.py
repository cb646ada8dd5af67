"""The load test's view of the database: setting up pairs, what people read, and the checks.

Reads retry through a database restart, like the app servers' requests do.
"""

import os
import sys
import time
from email import message_from_bytes

from loadtest import cluster

PASSWORD = "loadtest-password-for-everyone-42"


def setup_django(env):
    os.environ.update(
        {k: v for k, v in env.items() if k.startswith(("DJANGO", "DATABASE", "SAMEPAGE", "EMAIL"))}
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(cluster.ROOT))
    import django

    django.setup()


def error_in_messages_cookie(set_cookie):
    """Whether a Set-Cookie header of Django's message cookie carries an error message.

    A refused action redirects like a successful one; its message says it was refused.
    """
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage

    value = set_cookie.split(";", 1)[0].split("=", 1)[1]
    if value.startswith('"'):  # quoted by http.cookies: undo its escapes
        value = value[1:-1].replace("\\054", ",").replace('\\"', '"').replace("\\\\", "\\")
    messages = CookieStorage(None)._decode(value) or []
    return any(message.level >= constants.ERROR for message in messages)


def session_for(user):
    """A signed-in session for `user`, made as Django's login() makes one.

    Fifty password checks (deliberately slow hashing) would take minutes on a small machine
    and measure nothing of the writes; `loadtest.two_servers` signs in through the form.
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.EmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def retrying(function):
    """The driver's own reads survive a database restart too."""

    def wrapper(*args, **kwargs):
        from django.db import DatabaseError, close_old_connections

        for _ in range(100):
            try:
                return function(*args, **kwargs)
            except DatabaseError:
                close_old_connections()
                from django.db import connection

                connection.close()
                time.sleep(0.1)
        raise RuntimeError("database unreachable for 10 s")

    return wrapper


class Lookups:
    """What a person would read off the page."""

    @retrying
    def own_goal_ids(self, round_id, side):
        from alignment.models import Goal

        return list(
            Goal.objects.filter(round_id=round_id, side=side)
            .order_by("position", "pk")
            .values_list("pk", flat=True)
        )

    @retrying
    def other_goal_ids(self, round_id, side):
        from alignment.models import Goal

        return list(
            Goal.objects.filter(round_id=round_id).exclude(side=side).values_list("pk", flat=True)
        )

    @retrying
    def version(self, round_id, side):
        from alignment.models import RoundSide

        return RoundSide.objects.get(round_id=round_id, side=side).version

    @retrying
    def revealed(self, round_id):
        from alignment.models import Round

        return Round.objects.filter(pk=round_id, state=Round.State.DISCUSSING).exists()

    @retrying
    def pending_resolution(self, round_id, side):
        from alignment.models import Resolution

        return (
            Resolution.objects.filter(
                round_id=round_id, confirmed_at__isnull=True, superseded_at__isnull=True
            )
            .exclude(by_side=side)
            .values_list("pk", flat=True)
            .first()
        )


def make_pairs(pairs, phase):
    """A clinic with `pairs` therapist-client pairs, each with an open round."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import Assignment, Clinic, User
    from alignment import notifications, services

    clinic = Clinic.objects.create(name=f"Load test clinic {phase}")
    hashed = make_password(PASSWORD)
    result = []
    with notifications.muted():
        for i in range(pairs):
            therapist = User.objects.create(
                email=f"t{i}.{phase}@load.test",
                full_name=f"Therapist {i}",
                clinic=clinic,
                is_therapist=True,
                password=hashed,
            )
            client = User.objects.create(
                email=f"c{i}.{phase}@load.test",
                full_name=f"Client {i}",
                clinic=clinic,
                is_client=True,
                password=hashed,
            )
            Assignment.objects.create(client_user=client, therapist=therapist)
            round_ = services.round_open(therapist=therapist, client_user=client, title=f"Load {i}")
            result.append((therapist, client, round_.pk))
    return result


@retrying
def lost_writes(acknowledged):
    """Acknowledged writes that are not in the database."""
    from alignment.models import Comment, Goal, OverboardLabel, Resolution, RoundSide

    by_kind = {}
    for kind, key in acknowledged:
        by_kind.setdefault(kind, set()).add(key)
    lost = []
    found = {
        "goal": set(
            Goal.objects.filter(title__in=by_kind.get("goal", ())).values_list("title", flat=True)
        ),
        "label": set(
            OverboardLabel.objects.filter(reason__in=by_kind.get("label", ())).values_list(
                "reason", flat=True
            )
        ),
        "comment": set(
            Comment.objects.filter(body__in=by_kind.get("comment", ())).values_list(
                "body", flat=True
            )
        ),
        "propose": set(
            Resolution.objects.filter(new_title__in=by_kind.get("propose", ())).values_list(
                "new_title", flat=True
            )
        ),
        "confirm": set(
            Resolution.objects.filter(
                pk__in=by_kind.get("confirm", ()), confirmed_at__isnull=False
            ).values_list("pk", flat=True)
        ),
        "submit": {
            (r, s)
            for r, s in RoundSide.objects.filter(submitted_at__isnull=False).values_list(
                "round_id", "side"
            )
        },
    }
    for kind, keys in by_kind.items():
        lost += [(kind, key) for key in keys - found[kind]]
    return lost


@retrying
def partial_writes():
    """Writes half-done: a round revealed without both submissions, an action without the
    notification written in the same transaction."""
    from alignment.models import Comment, Notification, Resolution, Round, RoundSide

    revealed = Round.objects.filter(state=Round.State.DISCUSSING)
    half = RoundSide.objects.filter(round__in=revealed, submitted_at__isnull=True).count()
    half += revealed.filter(revealed_at__isnull=True).count()
    half += abs(Comment.objects.count() - Notification.objects.filter(event="commented").count())
    half += abs(Resolution.objects.count() - Notification.objects.filter(event="proposed").count())
    return half


def wait_for_emails(sink, timeout):
    """Wait until no email is pending; returns (sent, failed, received, duplicates)."""
    from jobs.models import OutgoingEmail

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not retrying(OutgoingEmail.objects.filter(status="pending").exists)():
            break
        time.sleep(0.5)
    ids = [message_from_bytes(m)["Message-ID"] for m in sink.messages]
    counts = {
        s: retrying(OutgoingEmail.objects.filter(status=s).count)()
        for s in ("sent", "pending", "failed")
    }
    return counts, len(sink.messages), len(ids) - len(set(ids))


@retrying
def first_commit_after(wall_time):
    """Seconds from `wall_time` (time.time()) to the first action committed after it."""
    from datetime import UTC, datetime

    from alignment.models import Notification

    after = datetime.fromtimestamp(wall_time, UTC)
    first = (
        Notification.objects.filter(created_at__gte=after)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return (first.timestamp() - wall_time) if first else float("inf")
