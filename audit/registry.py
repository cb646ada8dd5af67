"""Which URLs show or change clinical data, so the middleware records every request to them.

Apps that own such pages register them (alignment does in its AppConfig.ready): the audit app
itself knows no other app. Keyed by URL name, so views can be rewritten freely.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    object_type: str
    id_kwarg: str | None = None
    round_kwarg: str | None = None


_entries: dict[str, Entry] = {}


def register(url_name, *, object_type, id_kwarg=None, round_kwarg=None):
    _entries[url_name] = Entry(object_type, id_kwarg, round_kwarg)


def lookup(url_name):
    return _entries.get(url_name)


def registered_names():
    return frozenset(_entries)
