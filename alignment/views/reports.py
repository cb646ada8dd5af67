"""Caseload dashboard, client history and the round report (page and CSV). All read-only."""

import itertools

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from alignment import access as access_rules
from alignment import reports
from alignment.discussion import round_views


@login_required
def caseload(request):
    if not request.user.is_therapist:
        raise Http404
    # Progress ratings come from check-ins, composed here (checkins reads alignment, not back).
    from checkins.reading import latest_progress, see_differently_clients

    differ = request.GET.get("differ") == "1"
    data = reports.caseload(
        therapist=request.user,
        sort=request.GET.get("sort", ""),
        q=request.GET.get("q", ""),
        waiting=request.GET.get("waiting") == "1",
        page=request.GET.get("page", 1),
        only_clients=see_differently_clients(therapist=request.user) if differ else None,
    )
    progress = latest_progress([row.client_user.pk for row in data.rows], therapist=request.user)
    context = {"caseload": data, "progress": progress, "differ": differ}
    return render(request, "alignment/dashboard.html", context)


@login_required
def client_history(request, client_id):
    client_user = access_rules.history_client_for(request.user, client_id)
    rounds = access_rules.rounds_visible_to(request.user).filter(
        therapist=request.user, client_user=client_user
    )
    return _history(request, rounds, client_user=client_user, own=False)


@login_required
def my_history(request):
    if not request.user.is_client:
        raise Http404
    rounds = access_rules.rounds_visible_to(request.user).filter(client_user=request.user)
    return _history(request, rounds, client_user=request.user, own=True)


def _history(request, rounds, *, client_user, own):
    context = {
        "client_user": client_user,
        "history": reports.client_history(rounds, page=request.GET.get("page", 1)),
        "chart": reports.score_chart(reports.score_history(rounds)),
        "own": own,
    }
    # Composed here, one level above both apps: check-ins read alignment, never the reverse.
    from checkins.pages import progress_context

    context.update(progress_context(user=request.user, client_user=client_user, own=own))
    return render(request, "alignment/client_history.html", context)


def _revealed_round(user, round_id):
    """The round as `user` sees it, once revealed: before that each side's draft is private."""
    access = access_rules.round_for(user, round_id)
    if access.round.is_drafting:
        raise Http404
    return access


@login_required
def round_report(request, round_id):
    access = _revealed_round(request.user, round_id)
    report = reports.round_report(access.round)
    from checkins.exports import revealed_checkins  # composed here: checkins reads alignment

    context = {
        "access": access,
        "round": access.round,
        "report": report,
        "checkins": revealed_checkins(access.round),
    }
    response = render(request, "alignment/round_report.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def round_report_csv(request, round_id):
    access = _revealed_round(request.user, round_id)
    # The file name carries the round's number only: no names or goal text in it.
    name = f"samepage-round-{access.round.pk}.csv"
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
    # A byte order mark, so that spreadsheet programs read accents and dashes as UTF-8.
    response.write("\ufeff")
    from checkins.exports import rating_rows

    rows = reports.report_rows(reports.round_report(access.round))
    reports.write_csv(response, itertools.chain(rows, rating_rows(access.round)))
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def client_agreed_goals(request, client_id):
    """The agreed goals of a client's closed rounds, with any therapist: their outcome only."""
    client_user, rounds = access_rules.earlier_outcomes_for(request.user, client_id)
    rounds = list(rounds)
    views = round_views(rounds, with_comments=False) if rounds else {}
    # Only these strings reach the template: nothing else of those rounds can show.
    outcomes = [
        {
            "round": round_,
            "agreed": [item.agreed_title for item in views[round_.pk].agreed],
            "with_me": round_.therapist_id == request.user.pk,
        }
        for round_ in rounds
    ]
    context = {"client_user": client_user, "outcomes": outcomes}
    return render(request, "alignment/client_agreed_goals.html", context)
