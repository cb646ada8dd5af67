from django.urls import path

from accounts.throttle import rate_limited
from alignment.views import discussion, item_forms, reports, rounds, seen, together

# Writes that notify the other side are limited per person and per address (settings.RATE_LIMITS).
label_create = rate_limited("label")(discussion.label_create)
comment_create = rate_limited("comment")(discussion.comment_create)
resolution_propose = rate_limited("proposal")(discussion.resolution_propose)

urlpatterns = [
    path("new/<int:client_id>/", rounds.round_new, name="round_new"),
    path("<int:round_id>/", rounds.round_detail, name="round_detail"),
    path("<int:round_id>/goals/", rounds.goals_save, name="goals_save"),
    path("<int:round_id>/withdraw/", rounds.submission_withdraw, name="submission_withdraw"),
    path("<int:round_id>/close/", rounds.round_close, name="round_close"),
    path(
        "<int:round_id>/close-at-reassignment/",
        rounds.round_close_at_reassignment,
        name="round_close_at_reassignment",
    ),
    path("<int:round_id>/goals/<int:goal_id>/label/", label_create, name="label_create"),
    path(
        "<int:round_id>/labels/<int:label_id>/withdraw/",
        discussion.label_withdraw,
        name="label_withdraw",
    ),
    path("<int:round_id>/items/<str:key>/", item_forms.round_item, name="round_item"),
    path("<int:round_id>/items/<str:key>/<str:what>/", item_forms.item_form, name="item_form"),
    path("<int:round_id>/goals/<int:goal_id>/label/new/", item_forms.label_form, name="label_form"),
    path("<int:round_id>/together/", together.round_together, name="round_together"),
    path(
        "<int:round_id>/together/<int:number>/",
        together.round_together_item,
        name="round_together_item",
    ),
    path("<int:round_id>/links/", discussion.link_create, name="link_create"),
    path("<int:round_id>/links/<int:link_id>/remove/", discussion.link_remove, name="link_remove"),
    path("<int:round_id>/comments/", comment_create, name="comment_create"),
    path("<int:round_id>/resolutions/", resolution_propose, name="resolution_propose"),
    path(
        "<int:round_id>/resolutions/<int:resolution_id>/confirm/",
        discussion.resolution_confirm,
        name="resolution_confirm",
    ),
]

# Reports: the caseload dashboard, histories and the round report (views in views/reports.py).
urlpatterns += [
    path("caseload/", reports.caseload, name="caseload"),
    path("clients/<int:client_id>/history/", reports.client_history, name="client_history"),
    path("history/", reports.my_history, name="my_history"),
    path("seen/", seen.who_has_seen, name="who_has_seen"),
    path(
        "clients/<int:client_id>/agreed-goals/",
        reports.client_agreed_goals,
        name="client_agreed_goals",
    ),
    path("<int:round_id>/report/", reports.round_report, name="round_report"),
    path("<int:round_id>/report.csv", reports.round_report_csv, name="round_report_csv"),
]
