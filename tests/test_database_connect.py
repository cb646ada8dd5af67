"""A new PostgreSQL connection refused during a restart is tried again for a few seconds."""

import psycopg2
import pytest
from django.db.backends.postgresql import base as django_postgresql

from config.postgresql.base import DatabaseWrapper


def wrapper():
    return DatabaseWrapper({"NAME": "x", "OPTIONS": {}, "TIME_ZONE": None}, alias="probe")


def test_a_refused_connection_is_tried_again_until_the_database_answers(monkeypatch, settings):
    settings.DATABASE_CONNECT_RETRY = 5
    attempts = []

    def connect(self, params):
        attempts.append(params)
        if len(attempts) < 3:
            raise psycopg2.OperationalError("the database system is starting up")
        return "connection"

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "get_new_connection", connect)
    assert wrapper().get_new_connection({"dbname": "x"}) == "connection"
    assert len(attempts) == 3


def test_it_gives_up_after_the_retry_time(monkeypatch, settings):
    settings.DATABASE_CONNECT_RETRY = 0.3

    def refuse(self, params):
        raise psycopg2.OperationalError("connection refused")

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "get_new_connection", refuse)
    with pytest.raises(psycopg2.OperationalError):
        wrapper().get_new_connection({"dbname": "x"})


def test_postgresql_urls_use_this_backend(monkeypatch):
    import importlib

    import config.settings

    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1:5432/db")
    try:
        fresh = importlib.reload(config.settings)
        assert fresh.DATABASES["default"]["ENGINE"] == "config.postgresql"
    finally:
        monkeypatch.undo()
        importlib.reload(config.settings)
