from django.urls import path

from alignment.views import discussion, reports, rounds

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
    path("<int:round_id>/goals/<int:goal_id>/label/", discussion.label_create, name="label_create"),
    path(
        "<int:round_id>/labels/<int:label_id>/withdraw/",
        discussion.label_withdraw,
        name="label_withdraw",
    ),
    path("<int:round_id>/links/", discussion.link_create, name="link_create"),
    path("<int:round_id>/links/<int:link_id>/remove/", discussion.link_remove, name="link_remove"),
    path("<int:round_id>/comments/", discussion.comment_create, name="comment_create"),
    path("<int:round_id>/resolutions/", discussion.resolution_propose, name="resolution_propose"),
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
    path(
        "clients/<int:client_id>/agreed-goals/",
        reports.client_agreed_goals,
        name="client_agreed_goals",
    ),
    path("<int:round_id>/report/", reports.round_report, name="round_report"),
    path("<int:round_id>/report.csv", reports.round_report_csv, name="round_report_csv"),
]
