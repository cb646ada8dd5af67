"""On PostgreSQL the database itself refuses UPDATE and DELETE on audit rows, and concurrent
inserts never fork the chain. These need PostgreSQL; CI runs them there (`.ci/run`)."""

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

import audit
from audit.chain import verify
from audit.models import AuditEvent

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    ["UPDATE audit_auditevent SET outcome = '500'", "DELETE FROM audit_auditevent"],
)
def test_database_refuses_to_change_or_delete_audit_rows(sql):
    audit.record(action="view", outcome=200, object_type="round", object_id=1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.get().outcome == "200"


@pytest.mark.django_db
def test_orm_delete_is_refused_too():
    event = audit.record(action="sign_in", outcome="ok")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.django_db(transaction=True)
def test_concurrent_inserts_never_fork_the_chain():
    start = threading.Barrier(4)
    errors = []

    def write(n):
        try:
            start.wait()
            for i in range(15):
                audit.record(action="view", outcome=200, object_type="round", object_id=n * 100 + i)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 61))
    assert verify() is None
