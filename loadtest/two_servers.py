"""Two app servers, one database: a person signed in on one continues on the other.

    python -m loadtest.two_servers      (or: make two-servers)

Starts a private PostgreSQL and two gunicorn servers on loopback, then, as one therapist:
signs in on server A; opens a page on B (session shared); posts a form on B with the CSRF
token A gave (CSRF shared); reads on A the confirmation message B left (messages shared); and
fails to sign in five times across A and B, after which even the right password is refused
on either (sign-in counters shared). Prints each step; exits non-zero if one fails.
"""

import signal
import sys
import tempfile
import uuid

from loadtest import cluster
from loadtest.database import PASSWORD, error_in_messages_cookie, make_pairs, setup_django
from loadtest.people import Browser, Journal


class Step:
    failed = False

    def __call__(self, what, ok):
        print(f"  [{'ok' if ok else 'FAILED'}] {what}")
        Step.failed |= not ok


def text(browser, port, path):
    browser.ports = [port]
    request = browser.opener.open(f"http://127.0.0.1:{port}{path}", timeout=30)
    return request.read().decode()


def post(browser, port, path, data):
    browser.ports = [port]
    return browser.request("post", path, data)


def demonstrate(a, b):
    step = Step()
    [(therapist, client_user, _round_id)] = make_pairs(1, "two-servers")
    from alignment.models import Round

    Round.objects.all().update(state=Round.State.CLOSED)  # so a new round may be opened
    person = Browser([a], Journal(), error_in_messages_cookie)
    person.ports = [a]
    person.sign_in(therapist.email, PASSWORD)
    step(f"signed in on server A (:{a})", bool(person.cookie("sessionid")))
    page = text(person, b, "/")
    step(f"server B (:{b}) knows who it is: 'Hello, {therapist.full_name}'", "Hello, " in page)
    status = post(
        person,
        b,
        f"/rounds/new/{client_user.pk}/",
        {"title": "Opened on B", "form_token": str(uuid.uuid4())},
    )
    step(f"a form posted on B with A's CSRF token is accepted ({status})", status == 302)
    page = text(person, a, f"/rounds/{Round.objects.get(title='Opened on B').pk}/")
    step("A shows the confirmation B left ('The round is open')", "The round is open" in page)

    stranger = Browser([a], Journal(), error_in_messages_cookie)
    stranger.request("page", "/accounts/login/")
    for i in range(5):
        stranger.ports = [a if i % 2 == 0 else b]
        stranger.request(
            "sign-in", "/accounts/login/", {"username": therapist.email, "password": "wrong"}
        )
    stranger.ports = [b]
    status = stranger.request(
        "sign-in", "/accounts/login/", {"username": therapist.email, "password": PASSWORD}
    )
    step(
        f"after 5 failures split over A and B, B refuses the right password ({status})",
        status != 302,
    )
    return not Step.failed


def stop_cleanly():
    """Ctrl+C or a kill still stops every process started (even when run in the background,
    where the shell ignores SIGINT for us)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))


def main():
    stop_cleanly()
    pg = cluster.PrivatePostgres()
    env = cluster.app_environment(pg.url)
    logs = tempfile.mkdtemp(prefix="samepage-two-servers-")
    processes = cluster.Processes(env, logs)
    a, b = cluster.free_port(), cluster.free_port()
    try:
        print(f"PostgreSQL (private, port {pg.port}); gunicorn A on :{a}, B on :{b}; logs: {logs}")
        pg.start()
        cluster.manage(env, "migrate", "--no-input")
        cluster.manage(env, "collectstatic", "--no-input")
        setup_django(env)
        processes.gunicorn(a, workers=1)
        processes.gunicorn(b, workers=1)
        ok = demonstrate(a, b)
    finally:
        processes.stop()
        pg.destroy()
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
