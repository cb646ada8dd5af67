"""audit_export writes the trail as CSV; Django admin lists it read-only for the operator;
the demo leaves a verifiable trail with the therapist's views in it."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

import audit
from accounts.models import User
from alignment.models import Round
from audit.chain import verify
from audit.models import AuditEvent
from tests.alignment.conftest import text_of

pytestmark = pytest.mark.django_db


def test_export_writes_every_row_as_csv(tmp_path):
    for n in (1, 2):
        audit.record(action="view", outcome=200, object_type="round", object_id=n, round_id=n)
    out = io.StringIO()
    call_command("audit_export", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["seq"], r["object_id"], r["outcome"]) for r in rows] == [
        ("1", "1", "200"),
        ("2", "2", "200"),
    ]
    assert rows[1]["prev_hash"] == rows[0]["hash"]
    target = tmp_path / "trail.csv"
    call_command("audit_export", output=str(target), stderr=io.StringIO())
    assert target.read_text().splitlines()[0].startswith("seq,at,actor_id,action")


def test_operator_lists_the_trail_read_only(client, clinic_admin):
    operator = User.objects.create_superuser("operator@example.test", "x" * 20)
    event = audit.record(action="sign_in", outcome="ok", actor=clinic_admin)
    client.force_login(operator)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    detail = client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_demo_leaves_an_intact_trail_the_client_can_read(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # twice: nothing doubles
    assert verify() is None
    maya = User.objects.get(email="client@example.com")
    views = AuditEvent.objects.filter(action="view", actor__email="therapist@example.com")
    revealed = Round.objects.filter(therapist__email="therapist@example.com").exclude(
        state=Round.State.DRAFTING
    )
    assert revealed.count() >= 2
    assert views.count() == 2 * revealed.count()  # each revealed round: its page and report
    client.force_login(maya)
    page = text_of(client.get(reverse("who_has_seen")))
    assert maya.current_therapist.full_name in page
    assert "Week 8 review" in page and "Intake" in page
