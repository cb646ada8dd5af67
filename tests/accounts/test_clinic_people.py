from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Assignment, Invitation, User
from tests.conftest import make_user

PEOPLE = reverse("clinic_people")


def pending_invitation(clinic, email, role="client", **fields):
    return Invitation.objects.create(
        clinic=clinic,
        email=email,
        role=role,
        token_hash=email.ljust(64, "x")[:64],
        expires_at=timezone.now() + timedelta(days=7),
        **fields,
    )


def names_listed(response):
    return [
        row.person.full_name if row.person else row.invitation.email
        for row in response.context["page"].rows
    ]


def test_admin_sees_everyone_in_their_clinic_with_role_status_and_therapist(as_admin, everyone):
    User.objects.filter(pk=everyone["other_client"].pk).update(is_active=False)
    response = as_admin.get(PEOPLE)
    html = response.content.decode()
    assert names_listed(response) == [
        "Alex Admin",
        "Dr. Chen",
        "Dr. Nair",
        "Jordan Lee",
        "Maya Rivera",
    ]
    maya_row = html.split("Maya Rivera</a></th>")[1].split("</tr>")[0]
    assert "client" in maya_row
    assert "active" in maya_row
    assert "Dr. Chen" in maya_row
    jordan_row = html.split("Jordan Lee</a></th>")[1].split("</tr>")[0]
    assert "deactivated" in jordan_row
    for stranger in ("Kai Svensson", "Dr. Ortega", "Robin Hale"):
        assert stranger not in html


def test_invited_people_appear_as_invited_until_they_join(
    as_admin, clinic, therapist, other_clinic
):
    pending_invitation(clinic, "noor@example.org", therapist=therapist)
    pending_invitation(other_clinic, "elsewhere@example.org")
    accepted = pending_invitation(clinic, "joined@example.org")
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    html = as_admin.get(PEOPLE).content.decode()
    row = html.split("<td>noor@example.org</td>")[1].split("</tr>")[0]
    assert "invited" in row
    assert "Dr. Chen" in row
    assert "Send again" in row and "Withdraw" in row
    assert "elsewhere@example.org" not in html
    assert "joined@example.org" not in html


def test_last_sign_in_is_shown_in_the_clinic_time_zone(as_admin, client_user):
    User.objects.filter(pk=client_user.pk).update(
        last_login=datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    )
    html = as_admin.get(PEOPLE).content.decode()
    maya_row = html.split("Maya Rivera</a></th>")[1].split("</tr>")[0]
    assert "1 Jul 2026, 13:00" in maya_row  # London summer time, stored as 12:00 UTC


def test_people_never_signed_in_say_never(as_admin, client_user):
    html = as_admin.get(PEOPLE).content.decode()
    assert "never" in html.split("Maya Rivera</a></th>")[1].split("</tr>")[0]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "maya"}, ["Maya Rivera"]),
        ({"q": "NAIR@harbor"}, ["Dr. Nair"]),
        ({"q": "noor"}, ["noor@example.org"]),
        ({"role": "therapist"}, ["Dr. Chen", "Dr. Nair"]),
        ({"role": "client"}, ["Jordan Lee", "Maya Rivera", "noor@example.org"]),
        ({"role": "admin"}, ["Alex Admin"]),
        ({"status": "invited"}, ["noor@example.org"]),
        ({"status": "deactivated"}, ["Jordan Lee"]),
        ({"status": "active", "role": "client"}, ["Maya Rivera"]),
        ({"q": "nobody-has-this-name"}, []),
        (
            {"role": "not-a-role"},
            ["Alex Admin", "Dr. Chen", "Dr. Nair", "Jordan Lee", "Maya Rivera", "noor@example.org"],
        ),
    ],
)
def test_search_and_filters(as_admin, everyone, clinic, query, expected):
    pending_invitation(clinic, "noor@example.org")
    User.objects.filter(pk=everyone["other_client"].pk).update(is_active=False)
    response = as_admin.get(PEOPLE, query)
    assert names_listed(response) == expected


def test_no_match_says_so(as_admin, everyone):
    html = as_admin.get(PEOPLE, {"q": "zzz"}).content.decode()
    assert "No one matches this search." in html


def test_fifty_people_per_page_and_filters_kept_between_pages(as_admin, clinic):
    for number in range(60):
        make_user(f"client{number:02}@harbor.test", clinic, f"Client {number:02}", is_client=True)
    first = as_admin.get(PEOPLE, {"role": "client"})
    assert len(first.context["page"].rows) == 50
    html = first.content.decode()
    assert "Showing 1–50 of 60" in html
    assert "?role=client&amp;page=2" in html
    second = as_admin.get(PEOPLE, {"role": "client", "page": 2})
    assert names_listed(second) == [f"Client {number}" for number in range(50, 60)]


def queries_for_people_page(as_admin, clinic, count):
    therapists = [
        make_user(f"t{n}-{count}@harbor.test", clinic, f"Therapist {n}", is_therapist=True)
        for n in range(max(1, count // 5))
    ]
    for n in range(count - len(therapists)):
        person = make_user(f"c{n}-{count}@harbor.test", clinic, f"Client {n}", is_client=True)
        Assignment.objects.create(client_user=person, therapist=therapists[n % len(therapists)])
    pending_invitation(clinic, f"invited-{count}@example.org", therapist=therapists[0])
    as_admin.get(PEOPLE)  # the first request of a session records when it started
    with CaptureQueriesContext(connection) as queries:
        response = as_admin.get(PEOPLE)
    assert response.status_code == 200
    return len(response.context["page"].rows), len(queries)


def test_people_page_runs_the_same_number_of_queries_for_3_or_60_people(
    as_admin, clinic, other_clinic
):
    small_rows, small_queries = queries_for_people_page(as_admin, clinic, 3)
    User.objects.filter(clinic=clinic).exclude(is_clinic_admin=True).update(clinic=other_clinic)
    Invitation.objects.update(clinic=other_clinic)
    large_rows, large_queries = queries_for_people_page(as_admin, clinic, 60)
    assert (small_rows, large_rows) == (5, 50)
    assert small_queries == large_queries


# Who may see the clinic pages: only the clinic's own admins; everyone else gets 404.


def clinic_urls(person, invitation):
    return [
        ("get", reverse("clinic_people")),
        ("get", reverse("clinic_invite")),
        ("post", reverse("clinic_invite")),
        ("get", reverse("clinic_person", args=[person.pk])),
        ("post", reverse("clinic_person_assign", args=[person.pk])),
        ("post", reverse("clinic_person_deactivate", args=[person.pk])),
        ("post", reverse("clinic_person_reactivate", args=[person.pk])),
        ("post", reverse("clinic_person_admin_role", args=[person.pk])),
        ("post", reverse("clinic_invitation_resend", args=[invitation.pk])),
        ("post", reverse("clinic_invitation_revoke", args=[invitation.pk])),
    ]


@pytest.mark.parametrize("role", ["therapist", "client_user", "other_therapist"])
def test_people_without_the_admin_role_get_not_found_everywhere(client, everyone, clinic, role):
    client.force_login(everyone[role])
    invitation = pending_invitation(clinic, "noor@example.org")
    for method, url in clinic_urls(everyone["client_user"], invitation):
        assert getattr(client, method)(url).status_code == 404, url
    assert everyone["client_user"].is_active
    assert Invitation.objects.get().revoked_at is None


def test_another_clinics_admin_gets_not_found_for_this_clinics_people(client, everyone, clinic):
    client.force_login(everyone["other_clinic_admin"])
    invitation = pending_invitation(clinic, "noor@example.org")
    for method, url in clinic_urls(everyone["client_user"], invitation)[3:]:
        assert getattr(client, method)(url).status_code == 404, url
    assert User.objects.get(pk=everyone["client_user"].pk).is_active


def test_platform_operator_without_a_clinic_gets_not_found(client, everyone, clinic):
    operator = User.objects.create_superuser(
        "ops@samepage.test", "ops-password-long-1", full_name="Ops"
    )
    client.force_login(operator)
    invitation = pending_invitation(clinic, "noor@example.org")
    for method, url in clinic_urls(everyone["client_user"], invitation):
        assert getattr(client, method)(url).status_code == 404, url


def test_signed_out_visitors_are_sent_to_sign_in(client, everyone):
    response = client.get(PEOPLE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_admins_see_people_and_invite_in_the_menu_and_on_home(as_admin, client, everyone):
    html = as_admin.get(reverse("home")).content.decode()
    assert f'href="{PEOPLE}"' in html
    assert f'href="{reverse("clinic_invite")}"' in html
    client.force_login(everyone["therapist"])
    html = client.get(reverse("home")).content.decode()
    assert PEOPLE not in html
