"""Check-in pages that show or change clinical data, for the audit trail."""

from audit.registry import register

CHECKIN = {"object_type": "checkin", "id_kwarg": "checkin_id"}

AUDITED = {
    "checkin_new": {"object_type": "client", "id_kwarg": "client_id"},
    "checkin_cadence": {"object_type": "client", "id_kwarg": "client_id"},
    "checkin_scales": {"object_type": "round", "id_kwarg": "round_id", "round_kwarg": "round_id"},
    "checkin_detail": CHECKIN,
    "checkin_ratings": CHECKIN,
    "checkin_withdraw": CHECKIN,
    "checkin_comment": CHECKIN,
}

# Pages of this app that show no clinical data, and why: none so far.
NOT_AUDITED: set[str] = set()


def register_all():
    for url_name, entry in AUDITED.items():
        register(url_name, **entry)
