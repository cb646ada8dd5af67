from django.urls import path

from checkins import views

urlpatterns = [
    path("new/<int:client_id>/", views.checkin_new, name="checkin_new"),
    path("cadence/<int:client_id>/", views.cadence_set, name="checkin_cadence"),
    path("scales/<int:round_id>/", views.gas_scales, name="checkin_scales"),
    path("<int:checkin_id>/", views.checkin_detail, name="checkin_detail"),
    path("<int:checkin_id>/ratings/", views.ratings_save, name="checkin_ratings"),
    path("<int:checkin_id>/withdraw/", views.submission_withdraw, name="checkin_withdraw"),
    path(
        "<int:checkin_id>/goals/<int:goal_id>/comments/",
        views.comment_create,
        name="checkin_comment",
    ),
]
