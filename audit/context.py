"""The request being served, so `audit.record` called from a service knows who and from where.

Services take no request (they are called from views, commands and the demo alike); the
middleware puts the request here for the length of each request, and only for that.
"""

from contextvars import ContextVar

current_request: ContextVar = ContextVar("audit_current_request", default=None)
