"""The hash chain: each row holds the hash of the one before; audit_verify finds any tampering."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

import audit
from audit.chain import GENESIS, event_hash, verify
from audit.models import AuditEvent, ChainHead


def three_events():
    return [
        audit.record(action="view", outcome=200, object_type="round", object_id=n, round_id=n)
        for n in (1, 2, 3)
    ]


def raw_sql(sql, params=()):
    """Tamper the way someone with database access would, past the application."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The append-only trigger would refuse; the table owner can switch it off.
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_append_only")
        cursor.execute(sql, params)


def verify_command():
    """(exit code, message) of `manage.py audit_verify`."""
    try:
        call_command("audit_verify", stdout=open("/dev/null", "w"))  # noqa: SIM115
    except CommandError as error:
        return error.returncode, str(error)
    return 0, ""


@pytest.mark.django_db
def test_each_row_carries_the_hash_of_the_row_before():
    first, second, third = three_events()
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert [e.seq for e in AuditEvent.objects.all()] == [1, 2, 3]
    assert ChainHead.objects.get(pk=1).hash == third.hash


@pytest.mark.django_db
def test_hash_covers_every_field_read_back_from_the_database():
    event = three_events()[1]
    stored = AuditEvent.objects.get(pk=event.pk)
    assert event_hash(stored) == stored.hash
    stored.outcome = "404"
    assert event_hash(stored) != stored.hash


@pytest.mark.django_db
def test_verify_passes_on_an_intact_chain():
    three_events()
    assert verify() is None
    assert verify_command() == (0, "")


@pytest.mark.django_db
def test_verify_passes_on_an_empty_trail():
    assert verify_command() == (0, "")


@pytest.mark.django_db
def test_row_changed_with_sql_is_named_by_audit_verify():
    events = three_events()
    raw_sql("UPDATE audit_auditevent SET outcome = %s WHERE id = %s", ["403", events[1].pk])
    code, message = verify_command()
    assert code == 1
    assert f"seq=2 (id {events[1].pk})" in message
    assert "changed" in message


@pytest.mark.django_db
def test_row_changed_together_with_its_hash_breaks_the_next_link():
    events = three_events()
    stored = AuditEvent.objects.get(pk=events[1].pk)
    stored.actor_id = 999
    raw_sql(
        "UPDATE audit_auditevent SET actor_id = 999, hash = %s WHERE id = %s",
        [event_hash(stored), stored.pk],
    )
    code, message = verify_command()
    assert code == 1
    assert f"seq=3 (id {events[2].pk})" in message


@pytest.mark.django_db
def test_deleted_row_is_named_by_audit_verify():
    events = three_events()
    raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    code, message = verify_command()
    assert code == 1
    assert "seq=2" in message and "missing" in message


@pytest.mark.django_db
def test_deleting_the_last_row_is_noticed():
    events = three_events()
    raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    code, message = verify_command()
    assert code == 1
    assert "seq=3" in message


@pytest.mark.django_db
def test_two_rows_can_never_take_the_same_place_in_the_chain():
    first = three_events()[0]
    twin = AuditEvent.objects.get(pk=first.pk)
    twin.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save(force_insert=True)
