"""Every page carries a CSP header and references nothing but this site."""

import re

import pytest
from django.urls import reverse

# src/href/action pointing at another host: "//host", "http://", "https://".
FOREIGN = re.compile(r"""(?:src|href|action|srcset)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)

ANONYMOUS_PAGES = ["login", "password_reset", "password_reset_done", "password_reset_complete"]
SIGNED_IN_PAGES = ["home", "password_change", "password_change_done"]


def assert_page_is_self_contained(response):
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    html = response.content.decode()
    assert not FOREIGN.findall(html), FOREIGN.findall(html)
    assert "style=" not in html, "inline style attributes are blocked by the CSP"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script found"


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_pages_send_csp_and_stay_on_site(client, db, name):
    assert_page_is_self_contained(client.get(reverse(name)))


@pytest.mark.parametrize("role", ["client_user", "therapist", "clinic_admin"])
@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_pages_send_csp_and_stay_on_site(client, everyone, role, name):
    client.force_login(everyone[role])
    assert_page_is_self_contained(client.get(reverse(name)))


def test_error_pages_send_csp(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Content-Security-Policy" in response.headers


def test_favicon_is_served_from_this_site(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


@pytest.mark.parametrize("role", ["client_user", "therapist", "clinic_admin"])
def test_signed_in_pages_are_never_stored_by_a_cache(client, everyone, role):
    client.force_login(everyone[role])
    response = client.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_every_page_refuses_browser_features_it_never_uses(client, db):
    policy = client.get(reverse("login"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def cookie_settings(**env):
    from tests.test_settings import run_django

    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE)"
    )
    result = run_django(
        ["shell", "--no-imports", "-c", code],
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="k" * 50,
        **env,
    )
    return result.stdout.split() or result.stderr


def test_production_cookies_carry_the_host_prefix():
    assert cookie_settings() == ["__Host-sessionid", "__Host-csrftoken", "True"]


@pytest.mark.parametrize("plain_http", [{"DJANGO_DEBUG": "1"}, {"DJANGO_INSECURE_HTTP": "1"}])
def test_plain_http_keeps_cookie_names_browsers_accept_there(plain_http):
    assert cookie_settings(**plain_http)[:2] == ["sessionid", "csrftoken"]
