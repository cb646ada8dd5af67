"""Every request to a clinical page leaves one row: who, what (type and id), outcome, IP."""

import pytest
from django.urls import reverse

from accounts.models import User
from alignment import urls as alignment_urls
from alignment.audited import AUDITED, NOT_AUDITED
from audit.models import AuditEvent
from audit.registry import registered_names
from checkins import audited as checkins_audited
from checkins import urls as checkin_urls
from exports import audited as exports_audited
from exports import urls as export_urls
from tests.alignment.conftest import CLIENT_GOALS, THERAPIST_GOALS, key_of
from tests.alignment.conftest import goal_titled as goal_of

pytestmark = pytest.mark.django_db


def clinical_rows():
    return AuditEvent.objects.filter(action__in=("view", "change"))


def no_clinical_text(event):
    row = " ".join(str(value) for value in vars(event).values())
    return not any(title in row for title in CLIENT_GOALS + THERAPIST_GOALS)


def test_therapist_viewing_a_round_is_recorded(as_user, therapist, discussed_round):
    as_user(therapist).get(
        reverse("round_detail", args=[discussed_round.pk]), REMOTE_ADDR="203.0.113.9"
    )
    event = clinical_rows().get()
    assert (event.action, event.outcome, event.actor_id) == ("view", "200", therapist.pk)
    assert (event.object_type, event.object_id) == ("round", discussed_round.pk)
    assert event.round_id == discussed_round.pk
    assert event.clinic_id == therapist.clinic_id
    assert event.ip == "203.0.113.9"
    assert no_clinical_text(event)


def test_a_stranger_asking_for_a_round_is_recorded_as_denied(
    as_user, other_therapist, discussed_round
):
    response = as_user(other_therapist).get(reverse("round_detail", args=[discussed_round.pk]))
    assert response.status_code == 404
    event = clinical_rows().get()
    assert (event.actor_id, event.outcome) == (other_therapist.pk, "404")


def test_anonymous_request_is_recorded_without_a_person(client, discussed_round):
    client.get(reverse("round_report", args=[discussed_round.pk]))
    event = clinical_rows().get()
    assert (event.actor_id, event.outcome, event.object_type) == (None, "302", "round_report")


def test_a_comment_is_recorded_as_a_change_without_its_text(as_user, client_user, discussed_round):
    c1 = goal_of(discussed_round, CLIENT_GOALS[1])
    t1 = goal_of(discussed_round, THERAPIST_GOALS[1])
    body = "Private words that must never reach the audit trail"
    as_user(client_user).post(
        reverse("comment_create", args=[discussed_round.pk]),
        {"item": key_of(c1, t1), "body": body, "form_token": "t" * 32},
    )
    event = clinical_rows().get()
    assert (event.action, event.object_type, event.detail) == (
        "change",
        "comment",
        "comment_create",
    )
    assert event.round_id == discussed_round.pk
    assert body not in " ".join(str(v) for v in vars(event).values())


def test_csv_download_is_recorded(as_user, client_user, discussed_round):
    as_user(client_user).get(reverse("round_report_csv", args=[discussed_round.pk]))
    assert clinical_rows().get().object_type == "round_csv"


def test_pages_without_clinical_data_are_not_recorded(as_user, client_user):
    as_user(client_user).get(reverse("password_change"))
    assert not clinical_rows().exists()


def test_every_alignment_page_is_either_audited_or_says_why_not():
    names = {pattern.name for pattern in alignment_urls.urlpatterns}
    names.add("clinic_overview")  # alignment's view, mounted under /clinic/
    assert names == set(AUDITED) | NOT_AUDITED


@pytest.mark.parametrize(
    "app_urls, registry", [(checkin_urls, checkins_audited), (export_urls, exports_audited)]
)
def test_every_page_of_the_other_clinical_apps_is_audited_or_says_why_not(app_urls, registry):
    names = {pattern.name for pattern in app_urls.urlpatterns}
    assert names == set(registry.AUDITED) | registry.NOT_AUDITED
    assert set(registry.AUDITED) <= registered_names()


def test_operator_changes_in_django_admin_are_recorded(client, therapist):
    operator = User.objects.create_superuser("operator@example.test", "x" * 20)
    client.force_login(operator)
    url = reverse("admin:accounts_user_change", args=[therapist.pk])
    client.get(url)
    client.post(url, {})  # an incomplete form: refused with 200 and errors, still recorded
    event = AuditEvent.objects.exclude(action="sign_in").get()
    assert (event.action, event.actor_id, event.object_type) == ("change", operator.pk, "admin")
    assert (event.object_id, event.detail, event.outcome) == (
        therapist.pk,
        "accounts_user_change",
        "200",
    )
