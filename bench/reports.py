"""Benchmark: the caseload dashboard of a therapist with 300 clients, and a clinic of 1,000 people.

Seeds, in a throwaway database (an SQLite file, or a test database created next to
DATABASE_URL's and dropped afterwards), one therapist with 300 current clients and one round
each (drafting, discussing or closed), in a clinic of 1,000 people. Then prints the median
server time and the query count of 30 requests to the caseload dashboard and to the clinic's
people page (`clinic_people`, skipped if that page does not exist).
Run: .venv/bin/python bench/reports.py
"""

import statistics
import time
from itertools import cycle

import benchdb  # bench/ is on sys.path when a script in it runs

benchdb.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Assignment, Clinic, User  # noqa: E402
from alignment.models import (  # noqa: E402
    Goal,
    Link,
    OverboardLabel,
    Resolution,
    Round,
    RoundSide,
    Side,
)

CLIENTS = 300
CLINIC_PEOPLE = 1000
OTHER_THERAPISTS = 20
REQUESTS = 30
TITLES = ("Sleep through the night", "Stop panicking before exams", "Be kinder to myself")


def people(clinic):
    """The therapist, the clinic admin, 300 clients of the therapist and others up to 1,000."""

    def person(i, name, **roles):
        return User(email=f"p{i}@bench.test", full_name=name, clinic=clinic, password="!", **roles)

    therapist = person(0, "Dr. Bench", is_therapist=True)
    admin = person(1, "Admin Bench", is_clinic_admin=True)
    others = [person(2 + i, f"T {i:02d}", is_therapist=True) for i in range(OTHER_THERAPISTS)]
    clients = [
        person(100 + i, f"Client {i:04d}", is_client=True)
        for i in range(CLINIC_PEOPLE - 2 - OTHER_THERAPISTS)
    ]
    User.objects.bulk_create([therapist, admin, *others, *clients])
    mine, theirs = clients[:CLIENTS], clients[CLIENTS:]
    # Everyone else is a client of one of the other therapists.
    Assignment.objects.bulk_create(
        [Assignment(client_user=c, therapist=therapist) for c in mine]
        + [Assignment(client_user=c, therapist=t) for c, t in zip(theirs, cycle(others))]
    )
    return therapist, admin, mine


def rounds(therapist, clients):
    """One round per client: a quarter drafting, half discussing, a quarter closed."""
    now = timezone.now()
    drafting, discussing, closed = Round.State.DRAFTING, Round.State.DISCUSSING, Round.State.CLOSED
    states = (drafting, discussing, discussing, closed)
    made = Round.objects.bulk_create(
        [
            Round(
                client_user=c,
                therapist=therapist,
                title=f"Week {i}",
                state=states[i % 4],
                revealed_at=None if i % 4 == 0 else now,
                closed_at=now if i % 4 == 3 else None,
                last_activity_at=now - timezone.timedelta(minutes=i),
            )
            for i, c in enumerate(clients)
        ]
    )
    RoundSide.objects.bulk_create(
        [
            RoundSide(round=r, side=s, submitted_at=None if r.is_drafting and i % 2 else now)
            for i, r in enumerate(made)
            for s in Side.values
        ]
    )
    Goal.objects.bulk_create(
        [
            Goal(round=r, side=s, position=p, title=t, importance=1 + (p + i) % 5)
            for i, r in enumerate(made)
            for s in Side.values
            for p, t in enumerate(TITLES)
        ]
    )
    discussion(therapist, [r for r in made if not r.is_drafting])


def discussion(therapist, revealed):
    """A link, a label and a resolution (proposed or agreed) in every revealed round."""
    goals = {}
    for goal in Goal.objects.filter(round__in=revealed).order_by("position"):
        goals.setdefault((goal.round_id, goal.side), []).append(goal)
    links, labels, resolutions = [], [], []
    for i, r in enumerate(revealed):
        cg, tg = goals[(r.pk, Side.CLIENT)], goals[(r.pk, Side.THERAPIST)]
        links.append(Link(round=r, client_goal=cg[0], therapist_goal=tg[0], created_by=therapist))
        labels.append(
            OverboardLabel(
                goal=cg[1], placed_by=therapist, by_side=Side.THERAPIST, kind="too_hard", reason="?"
            )
        )
        resolutions.append(
            Resolution(
                round=r,
                item_key=f"g{tg[2].pk}",
                goal=tg[2],
                decision="keep",
                proposed_by=r.client_user,
                by_side=Side.CLIENT,
                confirmed_by=therapist if i % 2 else None,
                confirmed_at=timezone.now() if i % 2 else None,
            )
        )
    Link.objects.bulk_create(links)
    OverboardLabel.objects.bulk_create(labels)
    Resolution.objects.bulk_create(resolutions)


def measure(web, url, label):
    assert web.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        web.get(url)
    count = len(queries)  # read now: every request clears Django's query log
    times, cpu = [], []
    for _ in range(REQUESTS):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = web.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    # CPU time too: on a busy machine the wall time also counts other processes' turns.
    print(
        f"{label} ({connection.vendor}): median {statistics.median(times):.1f} ms "
        f"(CPU {statistics.median(cpu):.1f} ms) over {REQUESTS} requests, {count} queries"
    )


def main():
    # Not setup_test_environment(): its template instrumentation copies every context for the
    # test client, which is test overhead, not server time. The test client's host is allowed.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    clinic = Clinic.objects.create(name="Bench Clinic", time_zone="Europe/London")
    therapist, admin, clients = people(clinic)
    rounds(therapist, clients)
    web = Client()
    web.force_login(therapist)
    measure(web, reverse("caseload"), f"caseload dashboard, {CLIENTS} clients")
    measure(web, reverse("caseload") + "?sort=-score&waiting=1", "caseload, waiting, by score")
    try:
        people_url = reverse("clinic_people")
    except NoReverseMatch:
        print("clinic people page: skipped (no URL named clinic_people yet)")
        return
    web.force_login(admin)
    measure(web, people_url, f"clinic people page, {CLINIC_PEOPLE} people")


if __name__ == "__main__":
    with benchdb.throwaway_database():
        main()
