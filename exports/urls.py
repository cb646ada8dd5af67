from django.urls import path

from exports import views

urlpatterns = [
    path("clients/<int:client_id>/fhir.json", views.fhir_export, name="fhir_export"),
]
