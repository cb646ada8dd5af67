"""Alignment's pages that show or change clinical data, for the audit trail.

Every request to these URL names is recorded (who, object type and id, status). A new page
that shows clinical data gets its line here; tests/audit/test_registry.py refuses one without.
"""

from audit.registry import register

ROUND = {"round_kwarg": "round_id"}

AUDITED = {
    "round_new": {"object_type": "client", "id_kwarg": "client_id"},
    "round_detail": {"object_type": "round", "id_kwarg": "round_id", **ROUND},
    "round_item": {"object_type": "round", "id_kwarg": "round_id", **ROUND},
    "item_form": {"object_type": "round", "id_kwarg": "round_id", **ROUND},
    "label_form": {"object_type": "goal", "id_kwarg": "goal_id", **ROUND},
    "round_together": {"object_type": "round", "id_kwarg": "round_id", **ROUND},
    "round_together_item": {"object_type": "round", "id_kwarg": "round_id", **ROUND},
    "goals_save": {"object_type": "round", "id_kwarg": "round_id", **ROUND},
    "submission_withdraw": {"object_type": "round", "id_kwarg": "round_id", **ROUND},
    "round_close": {"object_type": "round", "id_kwarg": "round_id", **ROUND},
    "round_close_at_reassignment": {"object_type": "round", "id_kwarg": "round_id", **ROUND},
    "label_create": {"object_type": "goal", "id_kwarg": "goal_id", **ROUND},
    "label_withdraw": {"object_type": "label", "id_kwarg": "label_id", **ROUND},
    "link_create": {"object_type": "link", **ROUND},
    "link_remove": {"object_type": "link", "id_kwarg": "link_id", **ROUND},
    "comment_create": {"object_type": "comment", **ROUND},
    "resolution_propose": {"object_type": "resolution", **ROUND},
    "resolution_confirm": {"object_type": "resolution", "id_kwarg": "resolution_id", **ROUND},
    "round_report": {"object_type": "round_report", "id_kwarg": "round_id", **ROUND},
    "round_report_csv": {"object_type": "round_csv", "id_kwarg": "round_id", **ROUND},
    "caseload": {"object_type": "caseload"},
    "client_history": {"object_type": "client_history", "id_kwarg": "client_id"},
    "client_agreed_goals": {"object_type": "client_agreed_goals", "id_kwarg": "client_id"},
    "my_history": {"object_type": "client_history"},
    "clinic_overview": {"object_type": "clinic_overview"},
}

# Pages of this app that show no clinical data, and why.
NOT_AUDITED = {
    # Lists who saw the person's own rounds: names and dates, no goal, label or comment.
    "who_has_seen",
}


def register_all():
    for url_name, entry in AUDITED.items():
        register(url_name, **entry)
