import pytest
from django.core.management import CommandError, call_command

from accounts.models import Assignment, Clinic, User


def table_snapshot():
    return {
        "clinics": sorted(Clinic.objects.values_list("name", flat=True)),
        "users": sorted(User.objects.values_list("email", "clinic__name")),
        "assignments": sorted(
            Assignment.objects.values_list("client_user__email", "therapist__email", "ended_at")
        ),
    }


def test_seed_demo_twice_gives_the_same_rows(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = table_snapshot()
    call_command("seed_demo")
    assert table_snapshot() == first
    assert "Harbor Clinic" in first["clinics"]
    assert len(first["clinics"]) == 2
    emails = [email for email, _clinic in first["users"]]
    for email in (
        "admin@example.com",
        "therapist@example.com",
        "therapist2@example.com",
        "client@example.com",
        "client2@example.com",
        "client3@example.com",
    ):
        assert email in emails


def test_demo_accounts_sign_in_with_the_demo_password(client, db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    response = client.post(
        "/accounts/login/", {"username": "therapist@example.com", "password": "samepage-demo"}
    )
    assert response.status_code == 302


def test_seed_demo_refuses_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_runs_with_force(db, settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force")
    assert User.objects.filter(email="client@example.com").exists()
