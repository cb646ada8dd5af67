"""The embedded SQLite database takes concurrent writers without "database is locked".

Ten threads each run transactions that read and then write, the pattern every service
follows. With SQLite's default (DEFERRED) transactions a reader cannot upgrade its lock and
fails at once; config.settings.sqlite_options() makes them wait their turn instead.
"""

import threading
import time

import pytest
from django.db import OperationalError, connections, transaction

from config.settings import sqlite_options

THREADS = 10
TRANSACTIONS_EACH = 20


@pytest.fixture
def file_sqlite(tmp_path, django_db_blocker):
    """A SQLite file configured like the application's, under its own connection alias."""
    alias = "concurrency"
    database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "concurrency.sqlite3"),
        "OPTIONS": sqlite_options(),
    }
    connections.settings[alias] = connections.configure_settings(
        {"default": dict(database), alias: database}
    )[alias]
    with django_db_blocker.unblock():
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
            cursor.execute("CREATE TABLE event (id INTEGER PRIMARY KEY, who INTEGER NOT NULL)")
            cursor.execute("INSERT INTO counter (id, n) VALUES (1, 0)")
        yield alias
        connections[alias].close()
    del connections.settings[alias]


def test_ten_threads_writing_at_once_get_no_errors(file_sqlite):
    errors = []

    def writer(who):
        try:
            for _ in range(TRANSACTIONS_EACH):
                try:
                    with (
                        transaction.atomic(using=file_sqlite),
                        connections[file_sqlite].cursor() as cursor,
                    ):
                        cursor.execute("SELECT n FROM counter WHERE id = 1")
                        (n,) = cursor.fetchone()
                        time.sleep(0.001)  # a request does some work between the two
                        cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
                        cursor.execute("INSERT INTO event (who) VALUES (%s)", [who])
                except OperationalError as error:
                    errors.append(str(error))
        finally:
            connections[file_sqlite].close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with connections[file_sqlite].cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone() == (THREADS * TRANSACTIONS_EACH,)  # no update lost
        cursor.execute("SELECT COUNT(*) FROM event")
        assert cursor.fetchone() == (THREADS * TRANSACTIONS_EACH,)
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
