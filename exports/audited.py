"""Export pages for the audit trail: every download of clinical data is recorded."""

from audit.registry import register

AUDITED = {
    "fhir_export": {"object_type": "client_fhir", "id_kwarg": "client_id"},
    "my_data_export": {"object_type": "my_data"},
    "account_close": {"object_type": "account_close"},
}

# Pages of this app that show no clinical data, and why.
NOT_AUDITED = {
    # A fixed text saying the account is closed, shown to anyone.
    "account_closed",
}


def register_all():
    for url_name, entry in AUDITED.items():
        register(url_name, **entry)
