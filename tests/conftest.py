"""The cast: two clinics, their admins, therapists and clients."""

import pytest

from accounts.models import Assignment, Clinic, User

PASSWORD = "a-long-test-password-42"


def make_user(email, clinic, full_name=None, **roles):
    return User.objects.create_user(
        email, PASSWORD, full_name=full_name or email.split("@")[0].title(), clinic=clinic, **roles
    )


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(name="Harbor Clinic", time_zone="Europe/London")


@pytest.fixture
def other_clinic(db):
    return Clinic.objects.create(name="Elsewhere Practice")


@pytest.fixture
def clinic_admin(clinic):
    return make_user("admin@harbor.test", clinic, "Alex Admin", is_clinic_admin=True)


@pytest.fixture
def therapist(clinic):
    return make_user("chen@harbor.test", clinic, "Dr. Chen", is_therapist=True)


@pytest.fixture
def other_therapist(clinic):
    return make_user("nair@harbor.test", clinic, "Dr. Nair", is_therapist=True)


@pytest.fixture
def client_user(clinic, therapist):
    person = make_user("maya@harbor.test", clinic, "Maya Rivera", is_client=True)
    Assignment.objects.create(client_user=person, therapist=therapist)
    return person


@pytest.fixture
def other_client(clinic, other_therapist):
    person = make_user("jordan@harbor.test", clinic, "Jordan Lee", is_client=True)
    Assignment.objects.create(client_user=person, therapist=other_therapist)
    return person


@pytest.fixture
def other_clinic_admin(other_clinic):
    return make_user("robin@elsewhere.test", other_clinic, "Robin Hale", is_clinic_admin=True)


@pytest.fixture
def other_clinic_therapist(other_clinic):
    return make_user("ortega@elsewhere.test", other_clinic, "Dr. Ortega", is_therapist=True)


@pytest.fixture
def other_clinic_client(other_clinic, other_clinic_therapist):
    person = make_user("kai@elsewhere.test", other_clinic, "Kai Svensson", is_client=True)
    Assignment.objects.create(client_user=person, therapist=other_clinic_therapist)
    return person


@pytest.fixture
def everyone(
    clinic_admin,
    therapist,
    other_therapist,
    client_user,
    other_client,
    other_clinic_admin,
    other_clinic_therapist,
    other_clinic_client,
):
    return {
        "clinic_admin": clinic_admin,
        "therapist": therapist,
        "other_therapist": other_therapist,
        "client_user": client_user,
        "other_client": other_client,
        "other_clinic_admin": other_clinic_admin,
        "other_clinic_therapist": other_clinic_therapist,
        "other_clinic_client": other_clinic_client,
    }


@pytest.fixture
def run_jobs(db):
    """Run the background jobs due within `later` seconds (digests wait a quiet window)."""
    from tests.jobrunner import run_due_jobs

    return run_due_jobs
