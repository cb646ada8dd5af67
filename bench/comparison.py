"""Benchmark: the comparison view of a large round, and `similarity` over 10 x 10 goals.

Seeds one round with 10 goals a side, 10 labels, 8 links and 60 comments in a throwaway
database (a SQLite file, or a test database beside DATABASE_URL's, dropped afterwards), then
prints the median server time of the round page over 50 requests and its query count, and the
time of similarity() over all 100 pairs. Run: .venv/bin/python bench/comparison.py
"""

import statistics
import time

import benchdb  # bench/ is on sys.path when a script in it runs

benchdb.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from accounts.models import Assignment, Clinic, User  # noqa: E402
from alignment import matching, notifications, services  # noqa: E402
from alignment.access import RoundAccess  # noqa: E402
from alignment.models import Goal, Side  # noqa: E402
from alignment.services import GoalRow  # noqa: E402

CLIENT_TITLES = [
    "Stop panicking before exams",
    "Be kinder to myself after mistakes",
    "Sleep through the night",
    "Drink less on weekdays",
    "Make one new friend",
    "Stop putting off assignments",
    "Argue less with my partner",
    "Feel less low in the mornings",
    "Find a job I care about",
    "Get back to running",
]
THERAPIST_TITLES = [
    "Reduce test anxiety",
    "Reduce self-criticism",
    "Improve sleep hygiene",
    "Cut down alcohol",
    "Reduce loneliness",
    "Work on procrastination",
    "Improve communication in the relationship",
    "Lift low mood",
    "Clarify career direction",
    "Build regular exercise",
]
AREAS = [
    "stress_anxiety",
    "self_worth",
    "health",
    "habits",
    "relationships",
    "work_study",
    "relationships",
    "mood",
    "direction",
    "health",
]


def seed():
    clinic = Clinic.objects.create(name="Bench Clinic")
    therapist = User.objects.create_user(
        "t@bench.test", "pw-bench-123", full_name="T", clinic=clinic, is_therapist=True
    )
    client_user = User.objects.create_user(
        "c@bench.test", "pw-bench-123", full_name="C", clinic=clinic, is_client=True
    )
    Assignment.objects.create(client_user=client_user, therapist=therapist)
    with notifications.muted():
        round_ = services.round_open(therapist=therapist, client_user=client_user, title="Bench")
        sides = {s: RoundAccess(round=round_, side=s, can_write=True) for s in Side.values}
        for side, titles in ((Side.CLIENT, CLIENT_TITLES), (Side.THERAPIST, THERAPIST_TITLES)):
            rows = [
                GoalRow(None, t, "", a, 1 + i % 5)
                for i, (t, a) in enumerate(zip(titles, AREAS, strict=True))
            ]
            services.goals_save(access=sides[side], rows=rows, version=0, submit=True)
        cg = list(Goal.objects.filter(round=round_, side=Side.CLIENT).order_by("position"))
        tg = list(Goal.objects.filter(round=round_, side=Side.THERAPIST).order_by("position"))
        for i in range(8):
            services.link_create(
                access=sides[Side.THERAPIST], client_goal=cg[i], therapist_goal=tg[i], by=therapist
            )
        for i in range(10):
            goal = (cg + tg)[i * 2]
            services.label_place(
                access=sides[Side.CLIENT],
                goal=goal,
                kind="other",
                reason=f"Reason {i}",
                placed_by=client_user,
            )
        for i in range(60):
            key = f"g{cg[9].pk}" if i % 2 else f"g{tg[9].pk}"
            services.comment_add(
                access=sides[Side.THERAPIST], item_key=key, body=f"Comment {i}", author=therapist
            )
    return therapist, round_


def main():
    setup_test_environment()
    therapist, round_ = seed()
    web = Client()
    web.force_login(therapist)
    url = f"/rounds/{round_.pk}/"
    assert web.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        web.get(url)
    query_count = len(queries)  # read now: every request clears Django's query log
    times, cpu = [], []
    for _ in range(50):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = web.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    print(
        f"comparison view, 10+10 goals, 10 labels, 8 links, 60 comments "
        f"({connection.vendor}): median {statistics.median(times):.1f} ms over 50 requests "
        f"({statistics.median(cpu):.1f} ms CPU), {query_count} queries, "
        f"{len(response.content) / 1000:.1f} KB of HTML"
    )

    pairs = [
        (c, a, t, b)
        for c, a in zip(CLIENT_TITLES, AREAS, strict=True)
        for t, b in zip(THERAPIST_TITLES, AREAS, strict=True)
    ]
    runs = []
    for _ in range(20):
        start = time.perf_counter()
        for pair in pairs:
            matching.similarity(*pair)
        runs.append((time.perf_counter() - start) * 1000)
    print(
        f"similarity over all 10 x 10 pairs: median {statistics.median(runs):.2f} ms "
        f"({len(pairs)} pairs, 20 runs)"
    )


if __name__ == "__main__":
    with benchdb.throwaway_database():
        main()
