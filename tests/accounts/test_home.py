from django.urls import reverse

HOME = reverse("home")


def home_html(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_client_sees_their_therapist(client, client_user):
    html = home_html(client, client_user)
    assert "Your therapist is <strong>Dr. Chen</strong>" in html
    assert "Your clients" not in html
    assert "Clients and their therapists" not in html


def test_therapist_sees_only_their_own_clients(client, everyone):
    html = home_html(client, everyone["therapist"])
    assert "Maya Rivera" in html
    assert "Jordan Lee" not in html
    assert "Kai Svensson" not in html


def test_clinic_admin_sees_their_clinic_with_assignments(client, everyone):
    html = home_html(client, everyone["clinic_admin"])
    for name in ("Dr. Chen", "Dr. Nair", "Maya Rivera", "Jordan Lee"):
        assert name in html
    assert "<td>Maya Rivera</td><td>Dr. Chen</td>" in html
    assert "<td>Jordan Lee</td><td>Dr. Nair</td>" in html


def test_another_clinics_people_are_never_listed(client, everyone):
    for role in ("clinic_admin", "therapist", "client_user"):
        html = home_html(client, everyone[role])
        for stranger in ("Kai Svensson", "Dr. Ortega", "Robin Hale"):
            assert stranger not in html, (role, stranger)
    html = home_html(client, everyone["other_clinic_admin"])
    assert "Kai Svensson" in html
    assert "Maya Rivera" not in html


def test_therapist_who_is_also_clinic_admin_sees_both_parts(client, everyone):
    therapist = everyone["therapist"]
    therapist.is_clinic_admin = True
    therapist.save()
    html = home_html(client, therapist)
    assert "Your clients" in html
    assert "Clients and their therapists" in html


def test_client_without_therapist_is_told_so(client, clinic):
    from tests.conftest import make_user

    person = make_user("new@harbor.test", clinic, "New Person", is_client=True)
    assert "You do not have a therapist assigned yet" in home_html(client, person)


def _clinic_of(admin, n):
    """`n` more clients in the admin's clinic, none of them assigned."""
    from accounts.models import User

    User.objects.bulk_create(
        User(
            email=f"c{i}@harbor.test",
            full_name=f"Zz Client {i:03d}",
            clinic=admin.clinic,
            is_client=True,
            password="!",
        )
        for i in range(n)
    )


def test_admin_home_lists_the_first_clients_and_links_to_all(client, everyone):
    from accounts.home import HOME_LIST_LIMIT

    admin = everyone["clinic_admin"]
    _clinic_of(admin, HOME_LIST_LIMIT + 5)
    html = home_html(client, admin)
    table = html.split("Clients and their therapists")[1].split("</table>")[0]
    assert table.count("<tr><td>") == HOME_LIST_LIMIT
    assert "<td>Maya Rivera</td><td>Dr. Chen</td>" in table  # first by name
    assert f"Zz Client {HOME_LIST_LIMIT + 4:03d}" not in table
    total = HOME_LIST_LIMIT + 7
    assert f"See all {total} clients" in html
    assert f'href="{reverse("clinic_people")}?role=client"' in html
    assert f"{total} clients" in html and "2 therapists" in html
    assert f"{HOME_LIST_LIMIT + 5} active clients have no therapist" in html


def test_admin_home_queries_do_not_grow_with_the_clinic(client, everyone):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = everyone["clinic_admin"]
    client.force_login(admin)
    client.get(HOME)
    with CaptureQueriesContext(connection) as small:
        client.get(HOME)
    _clinic_of(admin, 60)
    with CaptureQueriesContext(connection) as large:
        response = client.get(HOME)
    assert len(small) == len(large)
    assert "See all 62 clients" in response.content.decode()
