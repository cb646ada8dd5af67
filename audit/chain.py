"""Append to the hash chain, and check it.

Each row's hash is SHA-256 over a canonical serialisation of its fields and the previous row's
hash. Appending locks the one-row chain head first (SELECT ... FOR UPDATE on PostgreSQL; SQLite
serialises writers), so two requests at once can never both extend the same row; `seq` is
unique as a second guard.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.utils import timezone

from audit.context import current_request
from audit.models import AuditEvent, ChainHead
from audit.request_info import client_ip

GENESIS = "0" * 64
# "Not given": take the actor from the request being served (None is a real value: nobody).
FROM_REQUEST = object()
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "round_id",
    "clinic_id",
    "detail",
    "ip",
    "outcome",
    "prev_hash",
)


def canonical(event):
    """The bytes that are hashed: the row's fields as sorted JSON, times in UTC."""
    values = {name: getattr(event, name) for name in HASHED_FIELDS}
    values["at"] = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    return json.dumps(values, sort_keys=True, separators=(",", ":")).encode()


def event_hash(event):
    return hashlib.sha256(canonical(event)).hexdigest()


def record(
    *,
    action,
    outcome,
    actor=FROM_REQUEST,
    object_type="",
    object_id=None,
    round_id=None,
    clinic_id=None,
    detail="",
    ip=None,
):
    """Append one event to the trail, inside the caller's transaction if there is one.

    Called during a request, the actor (when not given) and the IP address come from it.
    """
    request = current_request.get()
    if actor is FROM_REQUEST:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    actor_id = getattr(actor, "pk", actor) if actor is not None else None
    ip = ip or client_ip(request)
    # No savepoint of its own: if the record fails, the change it records must fail with it.
    with transaction.atomic(savepoint=False):
        head, _created = ChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            round_id=round_id,
            clinic_id=clinic_id,
            detail=detail,
            ip=ip or None,
            outcome=str(outcome),
            prev_hash=head.hash,
        )
        event.hash = event_hash(event)
        event.save(force_insert=True)
        head.seq, head.hash = event.seq, event.hash
        head.save(update_fields=["seq", "hash"])
    return event


@dataclass(frozen=True)
class Problem:
    seq: int
    event_id: int | None
    reason: str

    def __str__(self):
        where = f"row seq={self.seq}" + (f" (id {self.event_id})" if self.event_id else "")
        return f"{where}: {self.reason}"


def verify():
    """The first problem in the chain, or None when every row is intact and in place."""
    expected_seq, prev_hash = 1, GENESIS
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return Problem(expected_seq, None, "missing (deleted?)")
        if event.prev_hash != prev_hash:
            return Problem(event.seq, event.pk, "does not follow the row before it")
        if event_hash(event) != event.hash:
            return Problem(event.seq, event.pk, "changed after it was written")
        expected_seq, prev_hash = expected_seq + 1, event.hash
    head = ChainHead.objects.filter(pk=1).first()
    last_seq = expected_seq - 1
    if head is not None and (head.seq, head.hash) != (last_seq, prev_hash):
        if head.seq > last_seq:
            return Problem(last_seq + 1, None, "missing (deleted?)")
        return Problem(head.seq, None, "chain head does not match the last row")
    return None
