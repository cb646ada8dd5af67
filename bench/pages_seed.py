"""Seeds one clinic for `bench/pages.py` and prints, as JSON, the pages to load, a session
cookie for each person and each page's query count.

Run by bench/pages.py as a subprocess inside the application tree being measured (its working
directory), with DATABASE_URL pointing at an empty, migrated throwaway database and the
production settings in the environment. Only fields every version of the models has are set,
so the same seeding measures an older checkout too.

    python pages_seed.py small|large
"""

import json
import os
import sys
from itertools import cycle

SIZES = {
    # clients of the measured therapist, people in the clinic, rounds in one client's history
    "small": {"clients": 30, "people": 60, "history": 5},
    "large": {"clients": 3000, "people": 10000, "history": 50},
}
OTHER_THERAPISTS = 20
TITLES = ("Sleep through the night", "Stop panicking before exams", "Be kinder to myself")
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
AREAS = ["stress_anxiety", "self_worth", "health", "habits", "relationships"] * 2


def setup():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def people(size):
    from accounts.models import Assignment, Clinic, User

    clinic = Clinic.objects.create(name="Bench Clinic", time_zone="Europe/London")

    def person(i, name, **roles):
        return User(email=f"p{i}@bench.test", full_name=name, clinic=clinic, password="!", **roles)

    therapist = person(0, "Dr. Bench", is_therapist=True)
    admin = person(1, "Admin Bench", is_clinic_admin=True)
    others = [person(2 + i, f"T {i:02d}", is_therapist=True) for i in range(OTHER_THERAPISTS)]
    clients = [
        person(100 + i, f"Client {i:05d}", is_client=True)
        for i in range(size["people"] - 2 - OTHER_THERAPISTS)
    ]
    User.objects.bulk_create([therapist, admin, *others, *clients], batch_size=2000)
    mine, theirs = clients[: size["clients"]], clients[size["clients"] :]
    Assignment.objects.bulk_create(
        [Assignment(client_user=c, therapist=therapist) for c in mine]
        + [Assignment(client_user=c, therapist=t) for c, t in zip(theirs, cycle(others))],
        batch_size=2000,
    )
    return therapist, admin, mine


def bulk_rounds(therapist, specs):
    """Rounds of (client, title, state, minutes ago), each with three goals a side; revealed
    ones get a link, a label and a resolution (confirmed in every other one)."""
    from django.utils import timezone

    from alignment.models import Goal, Link, OverboardLabel, Resolution, Round, RoundSide, Side

    now = timezone.now()
    made = Round.objects.bulk_create(
        [
            Round(
                client_user=c,
                therapist=therapist,
                title=title,
                state=state,
                revealed_at=None if state == Round.State.DRAFTING else now,
                closed_at=now if state == Round.State.CLOSED else None,
                last_activity_at=now - timezone.timedelta(minutes=ago),
            )
            for c, title, state, ago in specs
        ],
        batch_size=2000,
    )
    RoundSide.objects.bulk_create(
        [
            RoundSide(round=r, side=s, submitted_at=None if r.is_drafting and i % 2 else now)
            for i, r in enumerate(made)
            for s in Side.values
        ],
        batch_size=2000,
    )
    Goal.objects.bulk_create(
        [
            Goal(round=r, side=s, position=p, title=t, importance=1 + (p + i) % 5)
            for i, r in enumerate(made)
            for s in Side.values
            for p, t in enumerate(TITLES)
        ],
        batch_size=2000,
    )
    revealed = [r for r in made if not r.is_drafting]
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
                confirmed_at=now if i % 2 else None,
            )
        )
    Link.objects.bulk_create(links, batch_size=2000)
    OverboardLabel.objects.bulk_create(labels, batch_size=2000)
    Resolution.objects.bulk_create(resolutions, batch_size=2000)
    return made


def big_round(therapist, client_user):
    """A 10 + 10 round (as in bench/comparison.py) written through the services: 8 links,
    10 labels, 60 comments."""
    from alignment import notifications, services
    from alignment.access import RoundAccess
    from alignment.models import Goal, Side
    from alignment.services import GoalRow

    with notifications.muted():
        round_ = services.round_open(therapist=therapist, client_user=client_user, title="Big")
        sides = {s: RoundAccess(round=round_, side=s, can_write=True) for s in Side.values}
        for side, titles in ((Side.CLIENT, CLIENT_TITLES), (Side.THERAPIST, THERAPIST_TITLES)):
            rows = [GoalRow(None, t, "", AREAS[i], 1 + i % 5) for i, t in enumerate(titles)]
            services.goals_save(access=sides[side], rows=rows, version=0, submit=True)
        cg = list(Goal.objects.filter(round=round_, side=Side.CLIENT).order_by("position"))
        tg = list(Goal.objects.filter(round=round_, side=Side.THERAPIST).order_by("position"))
        for i in range(8):
            services.link_create(
                access=sides[Side.THERAPIST], client_goal=cg[i], therapist_goal=tg[i], by=therapist
            )
        for i in range(10):
            services.label_place(
                access=sides[Side.CLIENT],
                goal=(cg + tg)[i * 2],
                kind="other",
                reason=f"Reason {i}",
                placed_by=client_user,
            )
        for i in range(60):
            key = f"g{cg[9].pk}" if i % 2 else f"g{tg[9].pk}"
            services.comment_add(
                access=sides[Side.THERAPIST], item_key=key, body=f"Comment {i}", author=therapist
            )
    return round_


def seed(size):
    from django.urls import reverse

    from alignment.models import Round

    therapist, admin, clients = people(size)
    round_client, history_client, rest = clients[0], clients[1], clients[2:]
    states = (Round.State.DRAFTING, Round.State.DISCUSSING, Round.State.DISCUSSING)
    states += (Round.State.CLOSED,)
    specs = [(c, f"Week {i}", states[i % 4], i) for i, c in enumerate(rest)]
    # The history client: closed rounds, then one under discussion.
    n = size["history"]
    specs += [
        (history_client, f"Session {i}", Round.State.CLOSED if i < n - 1 else states[1], n - i)
        for i in range(n)
    ]
    bulk_rounds(therapist, specs)
    big = big_round(therapist, round_client)
    try:  # stored per-round summaries, where this version of the application has them
        from alignment.summary import refresh_all
    except ImportError:
        pass
    else:
        refresh_all(Round.objects.all())
    from django.db import connection

    if connection.vendor == "postgresql":  # statistics, as autovacuum would have them
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    pages = {
        "login page (anonymous)": (reverse("login"), None),
        "round page, client": (reverse("round_detail", args=[big.pk]), round_client),
        "round page, therapist": (reverse("round_detail", args=[big.pk]), therapist),
        "caseload": (reverse("caseload"), therapist),
        "caseload by score": (reverse("caseload") + "?sort=-score", therapist),
        "client history": (reverse("client_history", args=[history_client.pk]), therapist),
        "clinic overview": (reverse("clinic_overview"), admin),
        "admin home": (reverse("home"), admin),
        "people page": (reverse("clinic_people"), admin),
    }
    return pages


def main():
    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    size = SIZES[sys.argv[1]]
    pages = seed(size)
    backend = "accounts.backends.EmailBackend"
    cookies, out = {}, {}
    for name, (url, user) in pages.items():
        web = Client()
        if user is not None:
            if user.pk not in cookies:
                web.force_login(user, backend=backend)
                cookies[user.pk] = web.cookies["sessionid"].value
            web.cookies["sessionid"] = cookies[user.pk]
        assert web.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = web.get(url)
        assert response.status_code == 200, url
        out[name] = {
            "url": url,
            "session": cookies.get(user.pk) if user else None,
            "queries": len(queries),
            "html_bytes": len(response.content),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
