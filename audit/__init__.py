"""The audit trail. Other apps call `audit.record(...)`; this app imports none of them."""


def record(**fields):
    """Append one event (see audit.chain.record); imported lazily so apps load in any order."""
    from audit.chain import record as append

    return append(**fields)
