"""Every URL pattern, requested as every kind of visitor, answers what the access rules say.

One row per URL pattern (found by walking the resolver): the status each visitor gets for GET,
and for POST-only URLs for POST as well. A pattern without a row fails
`test_every_url_pattern_has_a_row`, so a new page cannot ship without its rules.

Each request runs inside a savepoint that is rolled back, so one visitor's successful POST
(deactivating someone, closing the round) never changes what the next visitor meets.

Django admin's own pages are left out (documented below); /admin/ itself and the audit
listing are checked.
"""

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts import services
from accounts.models import Invitation, User
from alignment.models import Link, OverboardLabel, Resolution
from checkins import services as checkin_services
from tests.alignment.conftest import (  # noqa: F401 (fixtures)
    CLIENT_GOALS,
    THERAPIST_GOALS,
    build_round,
    discussed_round,
    every_post,
    goal_titled,
    key_of,
    revealed_round,
)
from tests.checkins.conftest import agreed_round  # noqa: F401 (fixture)

ANON, CLIENT, OTHER_CLIENT = "anonymous", "client_user", "other_client"
THERAPIST, OTHER_THERAPIST, ADMIN = "therapist", "other_therapist", "clinic_admin"
FAR_ADMIN, FAR_THERAPIST, FAR_CLIENT = (
    "other_clinic_admin",
    "other_clinic_therapist",
    "other_clinic_client",
)
OPERATOR = "superuser"
VISITORS = (
    ANON,
    CLIENT,
    OTHER_CLIENT,
    THERAPIST,
    OTHER_THERAPIST,
    ADMIN,
    FAR_ADMIN,
    FAR_THERAPIST,
    FAR_CLIENT,
    OPERATOR,
)
LOGIN = 302  # to the sign-in page (checked: the Location names it)


def rule(ok, *allowed, anon=LOGIN, others=404, **special):
    """`ok` for the allowed visitors, `anon` for anonymous, `others` for the rest."""
    table = {v: (ok if v in allowed else others) for v in VISITORS}
    table[ANON] = anon
    table.update(special)
    return table


def everyone(status, anon=None):
    return rule(status, *VISITORS, anon=status if anon is None else anon)


PUBLIC = everyone(200)
SIGNED_IN = everyone(200, anon=LOGIN)
GUESTS_ONLY = rule(302, *VISITORS, anon=200)  # signed-in people are sent home
PARTIES = rule(200, CLIENT, THERAPIST)
# A clinic admin's own clinic: each admin sees theirs, so the other clinic's admin gets 200 too.
ADMIN_PAGE = rule(200, ADMIN, FAR_ADMIN)
ADMIN_OF_PERSON = rule(200, ADMIN)
# POST-only URLs: GET is refused with 405 once signed in; the rule is on the POST row.
POST_ONLY_GET = everyone(405, anon=LOGIN)


def round_row(post_ok, *allowed):
    return {"GET": POST_ONLY_GET, "POST": rule(post_ok, *allowed)}


# Django admin's pages other than its index and our audit listing are Django's own code, all
# behind the same admin_view gate (active staff only; the platform operator is the only
# staff): checking the gate on /admin/ and on the audit listing covers them.
EXCLUDED_NAMESPACES = {"admin"}

ROWS = {
    "home": {"GET": SIGNED_IN},
    "favicon.ico": {"GET": everyone(301)},
    # Health checks for load balancers: no session, no data, the same answer to anyone.
    "healthz": {"GET": everyone(200)},
    "readyz": {"GET": everyone(200)},
    "login": {"GET": GUESTS_ONLY},
    # An unknown link: 404 to anyone; the form page without a token from a link: 404 too.
    "invitation_open": {"GET": everyone(404)},
    "invitation_accept": {"GET": everyone(404)},
    # Two-factor sign-in (the scene's people have none set up): the overview and setup are
    # anyone's own; verify and the recovery codes send someone without an app onwards.
    "two_factor": {"GET": SIGNED_IN},
    "two_factor_setup": {"GET": SIGNED_IN},
    "two_factor_verify": {"GET": everyone(302)},
    "two_factor_recovery_codes": {"GET": everyone(302)},
    "two_factor_disable": {"GET": POST_ONLY_GET, "POST": everyone(302)},
    "clinic_person_two_factor_reset": round_row(302, ADMIN),
    "logout": {"GET": everyone(405), "POST": everyone(302)},
    "account": {"GET": SIGNED_IN},
    "password_change": {"GET": SIGNED_IN},
    "password_change_done": {"GET": SIGNED_IN},
    "password_reset": {"GET": PUBLIC},
    "password_reset_done": {"GET": PUBLIC},
    # An invalid link shows "this link does not work" (200) to anyone.
    "password_reset_confirm": {"GET": PUBLIC},
    "password_reset_complete": {"GET": PUBLIC},
    "clinic_overview": {"GET": ADMIN_PAGE},
    "clinic_people": {"GET": ADMIN_PAGE},
    "clinic_person": {"GET": ADMIN_OF_PERSON},
    "clinic_person_assign": round_row(302, ADMIN),
    "clinic_person_deactivate": round_row(302, ADMIN),
    "clinic_person_reactivate": round_row(302, ADMIN),
    "clinic_person_admin_role": round_row(302, ADMIN),
    "clinic_invite": {"GET": ADMIN_PAGE},
    "clinic_activity": {"GET": ADMIN_PAGE},
    "clinic_invitation_resend": round_row(302, ADMIN),
    "clinic_invitation_revoke": round_row(302, ADMIN),
    # The round is open: the therapist is sent to it rather than opening a second one.
    "round_new": {"GET": rule(302, THERAPIST)},
    "round_detail": {"GET": PARTIES},
    # The scene's round is with the client's current therapist, so nobody may close it "at
    # reassignment" (tests/alignment/test_close_at_reassignment.py covers a reassigned round).
    "round_close_at_reassignment": round_row(404),
    # The agreed goals of the client's closed rounds: their current therapist only.
    "client_agreed_goals": {"GET": rule(200, THERAPIST)},
    # One agenda item, its form pages and the "discuss together" view: the parties only.
    # Asked for without htmx, an item sends its parties to the round page with it unfolded.
    "round_item": {"GET": rule(302, CLIENT, THERAPIST)},
    "item_form": {"GET": PARTIES},
    "label_form": {"GET": PARTIES},
    "round_together": {"GET": PARTIES},
    "round_together_item": {"GET": PARTIES},
    # Revealed goals are frozen: saving them again is refused with 409, to the parties only.
    "goals_save": round_row(409, CLIENT, THERAPIST),
    "submission_withdraw": round_row(302, CLIENT, THERAPIST),
    # Only the therapist closes; to the client it is a refused action, not a page.
    "round_close": round_row(302, THERAPIST, CLIENT),
    "label_create": round_row(302, CLIENT, THERAPIST),
    "label_withdraw": round_row(302, CLIENT, THERAPIST),
    "link_create": round_row(302, CLIENT, THERAPIST),
    "link_remove": round_row(302, CLIENT, THERAPIST),
    "comment_create": round_row(302, CLIENT, THERAPIST),
    "resolution_propose": round_row(302, CLIENT, THERAPIST),
    "resolution_confirm": round_row(302, CLIENT, THERAPIST),
    "caseload": {"GET": rule(200, THERAPIST, OTHER_THERAPIST, FAR_THERAPIST)},
    "client_history": {"GET": rule(200, THERAPIST)},
    "my_history": {"GET": rule(200, CLIENT, OTHER_CLIENT, FAR_CLIENT)},
    "who_has_seen": {"GET": rule(200, CLIENT, OTHER_CLIENT, FAR_CLIENT)},
    "round_report": {"GET": PARTIES},
    "round_report_csv": {"GET": PARTIES},
    # Exports: the client's current therapist only; a client's own data and account closing.
    "fhir_export": {"GET": rule(200, THERAPIST)},
    "my_data_export": {"GET": rule(200, CLIENT, OTHER_CLIENT, FAR_CLIENT)},
    "account_close": {
        "GET": rule(200, CLIENT, OTHER_CLIENT, FAR_CLIENT),
        "POST": rule(302, CLIENT, OTHER_CLIENT, FAR_CLIENT),
    },
    "account_closed": {"GET": PUBLIC},
    # Check-ins: the therapist opens them and sets the cadence; both parties rate and comment.
    # The scene's check-in is open and unrated: taking back nothing and commenting before the
    # reveal are refused as actions (a message and a redirect), not pages.
    "checkin_new": round_row(302, THERAPIST),
    "checkin_cadence": round_row(302, THERAPIST),
    "checkin_scales": {"GET": PARTIES},
    "checkin_detail": {"GET": PARTIES},
    # Posted without the draft's version: refused as out of date (409), to the parties only.
    "checkin_ratings": round_row(409, CLIENT, THERAPIST),
    "checkin_withdraw": round_row(302, CLIENT, THERAPIST),
    "checkin_comment": round_row(302, CLIENT, THERAPIST),
    # Django admin sends everyone but the platform operator to its own sign-in page.
    "admin:index": {"GET": rule(200, OPERATOR, anon=302, others=302)},
    "admin:audit_auditevent_changelist": {"GET": rule(200, OPERATOR, anon=302, others=302)},
}


def url_patterns(resolver=None, prefix="", namespace=""):
    """(key, route) of every URL pattern: its name (namespaced), or its route if unnamed."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else route), route


def test_every_url_pattern_has_a_row():
    keys = {key for key, _route in url_patterns()}
    missing = sorted(keys - set(ROWS))
    assert not missing, f"URL patterns without a row in the authorization matrix: {missing}"
    # And no row for a page that no longer exists (admin rows are checked by name below).
    stale = sorted(k for k in set(ROWS) - keys if not k.startswith("admin:"))
    assert not stale, f"Rows for URL patterns that do not exist: {stale}"


@pytest.fixture
def scene(everyone, agreed_round, discussed_round, django_user_model):  # noqa: F811
    """The pair's closed round with agreed goals and a check-in on them, then an open round."""
    cast = dict(everyone)
    cast[OPERATOR] = django_user_model.objects.create_superuser("operator@example.test", "x" * 20)
    round_ = discussed_round
    invitation = services.invitation_create(
        clinic=cast[ADMIN].clinic,
        email="new@harbor.test",
        role=Invitation.Role.CLIENT,
        invited_by=cast[ADMIN],
        therapist=cast[THERAPIST],
    )
    checkin = checkin_services.checkin_open(therapist=cast[THERAPIST], client_user=cast[CLIENT])
    return {
        "cast": cast,
        "round": round_,
        "invitation": invitation,
        "agreed_round": agreed_round,
        "checkin": checkin,
    }


def _pair_key(round_):
    """The agenda key of the scene's linked pair (the second goals of each side)."""
    return key_of(goal_titled(round_, CLIENT_GOALS[1]), goal_titled(round_, THERAPIST_GOALS[1]))


def target(name, scene):
    """(url, POST data) for one URL name in the scene: the client's round and people."""
    cast, round_ = scene["cast"], scene["round"]
    client_user, therapist = cast[CLIENT], cast[THERAPIST]
    posts = {n: (url, data) for n, url, data in every_post(round_)}
    if name in posts:
        return posts[name]
    args = {
        "round_new": [client_user.pk],
        "round_detail": [round_.pk],
        "round_close_at_reassignment": [round_.pk],
        "round_item": [round_.pk, _pair_key(round_)],
        "item_form": [round_.pk, _pair_key(round_), "comment"],
        "label_form": [round_.pk, goal_titled(round_, THERAPIST_GOALS[0]).pk],
        "round_together": [round_.pk],
        "round_together_item": [round_.pk, 1],
        "round_report": [round_.pk],
        "round_report_csv": [round_.pk],
        "client_history": [client_user.pk],
        "client_agreed_goals": [client_user.pk],
        "fhir_export": [client_user.pk],
        "checkin_new": [client_user.pk],
        "checkin_cadence": [client_user.pk],
        "checkin_scales": [scene["agreed_round"].pk],
        "checkin_detail": [scene["checkin"].pk],
        "checkin_ratings": [scene["checkin"].pk],
        "checkin_withdraw": [scene["checkin"].pk],
        "checkin_comment": [scene["checkin"].pk, scene["checkin"].goals.first().pk],
        "invitation_open": ["not-a-real-token"],
        "clinic_person_two_factor_reset": [client_user.pk],
        "password_reset_confirm": ["MQ", "set-password"],
        "clinic_person": [client_user.pk],
        "clinic_person_assign": [client_user.pk],
        "clinic_person_deactivate": [client_user.pk],
        "clinic_person_reactivate": [client_user.pk],
        "clinic_person_admin_role": [therapist.pk],
        "clinic_invitation_resend": [scene["invitation"].pk],
        "clinic_invitation_revoke": [scene["invitation"].pk],
    }.get(name, [])
    data = {
        # Destructive actions ask first: these posts carry the confirmation.
        "clinic_person_assign": {"therapist": cast[OTHER_THERAPIST].pk, "confirmed": "1"},
        "clinic_person_deactivate": {"confirmed": "1"},
        "clinic_invitation_revoke": {"confirmed": "1"},
        "clinic_person_admin_role": {"is_clinic_admin": "1"},
        "account_close": {"confirm": "yes"},
        "checkin_cadence": {"weeks": "4"},
        "checkin_comment": {"body": "How did the week go?"},
    }.get(name, {})
    url = "/favicon.ico" if name == "favicon.ico" else reverse(name, args=args)
    return url, data


def answer(client, visitor, method, url, data, cast):
    """The status `visitor` gets, with every change the request made rolled back."""
    with transaction.atomic():
        client.logout()
        if visitor != ANON:
            client.force_login(cast[visitor])
        response = client.get(url) if method == "GET" else client.post(url, data)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("name", sorted(ROWS))
def test_url_answers_each_visitor_as_the_rules_say(client, scene, name):
    url, data = target(name, scene)
    wrong = []
    for method, expected in ROWS[name].items():
        for visitor in VISITORS:
            response = answer(client, visitor, method, url, data, scene["cast"])
            status = response.status_code
            if status != expected[visitor]:
                wrong.append(f"{method} as {visitor}: {status}, expected {expected[visitor]}")
            elif (
                status == LOGIN
                and visitor == ANON
                and "login" not in response.get("Location", "")
                and expected is not GUESTS_ONLY
            ):
                wrong.append(f"{method} as {visitor}: redirected to {response['Location']}")
    assert not wrong, f"{name} ({url}):\n" + "\n".join(wrong)


def test_scene_has_one_of_everything(scene):
    """The POST rows act on real objects: a label, a link and an unconfirmed resolution."""
    round_ = scene["round"]
    assert OverboardLabel.objects.filter(goal__round=round_, withdrawn_at__isnull=True).exists()
    assert Link.objects.filter(round=round_).exists()
    assert Resolution.objects.filter(round=round_, confirmed_at__isnull=True).exists()
    assert goal_titled(round_, THERAPIST_GOALS[1])
    assert User.objects.filter(is_superuser=True).count() == 1
