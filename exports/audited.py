"""Export pages for the audit trail: every download of clinical data is recorded."""

from audit.registry import register

AUDITED = {
    "fhir_export": {"object_type": "client_fhir", "id_kwarg": "client_id"},
}


def register_all():
    for url_name, entry in AUDITED.items():
        register(url_name, **entry)
