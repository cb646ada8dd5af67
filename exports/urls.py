from django.urls import path

from exports import views

urlpatterns = [
    path("clients/<int:client_id>/fhir.json", views.fhir_export, name="fhir_export"),
    path("me/data.zip", views.my_data_export, name="my_data_export"),
    path("me/close/", views.account_close, name="account_close"),
    path("closed/", views.account_closed, name="account_closed"),
]
