"""The load and fault tests' parts, fast: figures, the mail server stand-in, the checks."""

import smtplib
import socket

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory

from loadtest.database import error_in_messages_cookie, lost_writes, make_pairs
from loadtest.people import Sample, percentile, summarize
from loadtest.smtp import MailSink


def test_percentiles_by_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.99) == 99
    assert percentile(values, 1) == 100
    assert percentile([], 0.5) is None


def test_summary_counts_server_errors_and_unanswered_requests():
    samples = [
        Sample("comment", 0, 0.1, 302),
        Sample("page", 0, 0.3, 200),
        Sample("label", 0, 0.2, 500),
        Sample("comment", 0, 0.4, 0),
    ]
    figures = summarize(samples, seconds=2)
    assert figures["requests"] == 4
    assert figures["req_per_s"] == 2
    assert figures["5xx"] == 1
    assert figures["no_answer"] == 1
    assert figures["p50_ms"] == pytest.approx(200)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_mail_sink_keeps_what_it_receives():
    port = free_port()
    sink = MailSink(port).start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=5) as smtp:
            smtp.sendmail("a@b.test", ["c@d.test"], "Subject: hi\r\n\r\nbody")
        assert len(sink.messages) == 1
        assert b"Subject: hi" in sink.messages[0]
    finally:
        sink.stop()


def test_a_hanging_mail_sink_accepts_and_never_answers_until_told():
    port = free_port()
    sink = MailSink(port, hanging=True).start()
    try:
        with pytest.raises((TimeoutError, smtplib.SMTPServerDisconnected)):
            smtplib.SMTP("127.0.0.1", port, timeout=0.5)
        sink.answer()
        with smtplib.SMTP("127.0.0.1", port, timeout=5) as smtp:
            smtp.sendmail("a@b.test", ["c@d.test"], "Subject: late\r\n\r\nbody")
        assert len(sink.messages) == 1
    finally:
        sink.stop()


@pytest.mark.parametrize(
    ("level", "is_error"), [(constants.SUCCESS, False), (constants.ERROR, True)]
)
def test_a_refusal_is_read_from_the_message_cookie(level, is_error):
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(level, 'Refused, because "this", and that')
    response = HttpResponse(status=302)
    storage.update(response)
    header = response.cookies["messages"].OutputString()
    assert error_in_messages_cookie(header) is is_error


@pytest.mark.django_db
def test_lost_writes_are_those_acknowledged_but_not_in_the_database():
    from alignment.models import Goal

    [(_therapist, _client, round_id)] = make_pairs(1, "unit")
    Goal.objects.create(round_id=round_id, side="client", title="LT-goal-kept", area="other")
    acknowledged = [("goal", "LT-goal-kept"), ("goal", "LT-goal-missing")]
    assert lost_writes(acknowledged) == [("goal", "LT-goal-missing")]


@pytest.mark.django_db
def test_recovery_is_read_from_the_first_action_committed_after_a_moment():
    import time
    from datetime import UTC, datetime

    from alignment.models import Notification
    from loadtest.database import first_commit_after

    [(therapist, _client, round_id)] = make_pairs(1, "recovery")
    moment = time.time()
    for delay in (-1.0, 1.5, 3.0):
        Notification.objects.create(
            round_id=round_id,
            recipient=therapist,
            event="commented",
            created_at=datetime.fromtimestamp(moment + delay, UTC),
        )
    assert first_commit_after(moment) == pytest.approx(1.5, abs=0.01)
    assert first_commit_after(moment + 10) == float("inf")
