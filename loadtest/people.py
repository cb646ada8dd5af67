"""Simulated people: each signs in and writes through the real pages, as a browser would.

A write counts as acknowledged when the server answered it with a redirect and no error
message; each carries a unique marker so the database can be searched for it afterwards.
"""

import http.cookiejar
import math
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field


@dataclass
class Sample:
    kind: str
    started: float
    seconds: float
    status: int  # 0: no answer at all (connection refused or reset)


@dataclass
class Journal:
    """Every request made and every write acknowledged, shared by all people (thread-safe)."""

    samples: list = field(default_factory=list)
    acknowledged: list = field(default_factory=list)  # (kind, key)
    lock: threading.Lock = field(default_factory=threading.Lock)

    refused: int = 0  # writes answered with a redirect carrying an error message

    def record(self, sample, ack=None, refused=False):
        with self.lock:
            self.samples.append(sample)
            self.refused += refused
            if ack is not None:
                self.acknowledged.append(ack)

    def acknowledge(self, ack):
        """A further record kept by a write already acknowledged (a form saving two goals)."""
        with self.lock:
            self.acknowledged.append(ack)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def percentile(values, fraction):
    """The value below which `fraction` of `values` fall (nearest rank); None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summarize(samples, seconds):
    durations = [s.seconds for s in samples]
    return {
        "requests": len(samples),
        "req_per_s": len(samples) / seconds if seconds else 0.0,
        "p50_ms": (percentile(durations, 0.5) or 0) * 1000,
        "p99_ms": (percentile(durations, 0.99) or 0) * 1000,
        "5xx": sum(1 for s in samples if s.status >= 500),
        "no_answer": sum(1 for s in samples if s.status == 0),
    }


class Browser:
    """One person's cookies, spread over the app servers in turn (sessions live in the DB)."""

    def __init__(self, ports, journal, decode_messages):
        self.ports = list(ports)
        self.turn = random.randrange(len(self.ports))
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.journal = journal
        self.decode_messages = decode_messages

    def _url(self, path):
        self.turn = (self.turn + 1) % len(self.ports)
        return f"http://127.0.0.1:{self.ports[self.turn]}{path}"

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), "")

    def request(self, kind, path, data=None, ack=None):
        """GET (data None) or POST; returns the status. `ack` is recorded if the write held."""
        body = None
        headers = {}
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["X-CSRFToken"] = self.cookie("csrftoken")
        request = urllib.request.Request(self._url(path), data=body, headers=headers)
        started = time.monotonic()
        error_message = False
        try:
            with self.opener.open(request, timeout=60) as response:
                status = response.status
                response.read()
        except urllib.error.HTTPError as answer:
            status = answer.code
            answer.read()
            raw = answer.headers.get_all("Set-Cookie") or []
            error_message = any(self.decode_messages(c) for c in raw if c.startswith("messages="))
        except OSError:
            status = 0
        seconds = time.monotonic() - started
        held = data is not None and status == 302 and not error_message
        self.journal.record(
            Sample(kind, started, seconds, status), ack if held else None, refused=error_message
        )
        return status

    def use_session(self, name, key):
        """Carry a session made on the server side, as if signed in on this browser."""
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0, name, key, None, False, "127.0.0.1", False, False, "/", True,
                False, None, False, None, None, {},
            )
        )  # fmt: skip
        self.request("page", "/")  # picks up the CSRF cookie

    def sign_in(self, email, password):
        self.request("page", "/accounts/login/")
        status = self.request(
            "sign-in", "/accounts/login/", {"username": email, "password": password}
        )
        if status != 302:
            raise RuntimeError(f"sign-in as {email} answered {status}")


def marker(kind):
    return f"LT-{kind}-{uuid.uuid4().hex[:16]}"


class Person:
    """One side of one pair, acting on its round until `deadline`.

    `db` answers questions a person would read off the page (ids, versions, state), so the
    load measures the writes rather than HTML parsing.
    """

    def __init__(self, *, browser, db, round_id, side, deadline):
        self.browser = browser
        self.db = db
        self.round_id = round_id
        self.side = side
        self.deadline = deadline
        self.labelled = set()

    def run(self):
        base = f"/rounds/{self.round_id}"
        titles = [marker("goal"), marker("goal")]
        rows = [{"goal_id": "", "title": t, "area": "other", "importance": "3"} for t in titles]
        self._save(base, rows, "save", [("goal", t) for t in titles])
        ids = self.db.own_goal_ids(self.round_id, self.side)
        rows = [
            {"goal_id": str(i), "title": t, "area": "other", "importance": "3"}
            for i, t in zip(ids, titles, strict=False)
        ]
        self._save(base, rows, "submit", ("submit", (self.round_id, self.side)))
        while time.monotonic() < self.deadline and not self.db.revealed(self.round_id):
            time.sleep(0.2)
        while time.monotonic() < self.deadline:
            self.browser.request("page", f"{base}/")
            random.choice(
                [self._label, self._comment, self._comment, self._propose, self._confirm]
            )(base)

    def _save(self, base, rows, action, ack):
        data = {
            "goals-TOTAL_FORMS": str(len(rows)),
            "goals-INITIAL_FORMS": str(sum(1 for r in rows if r["goal_id"])),
            "goals-MIN_NUM_FORMS": "0",
            "goals-MAX_NUM_FORMS": "10",
            "version": str(self.db.version(self.round_id, self.side)),
            "action": action,
        }
        for i, row in enumerate(rows):
            data.update({f"goals-{i}-{name}": value for name, value in row.items()})
            data[f"goals-{i}-success"] = ""
        acks = ack if isinstance(ack, list) else [ack]
        status = self.browser.request(action, f"{base}/goals/", data, ack=acks[0])
        if status == 302:
            for extra in acks[1:]:
                self.browser.journal.acknowledge(extra)

    def _other_goal(self):
        return random.choice(self.db.other_goal_ids(self.round_id, self.side))

    def _label(self, base):
        goal = self._other_goal()
        if goal in self.labelled:
            return self._comment(base)
        reason = marker("label")
        status = self.browser.request(
            "label",
            f"{base}/goals/{goal}/label/",
            {"kind": "other", "reason": reason, "form_token": str(uuid.uuid4())},
            ack=("label", reason),
        )
        if status == 302:
            self.labelled.add(goal)

    def _comment(self, base):
        body = marker("comment")
        self.browser.request(
            "comment",
            f"{base}/comments/",
            {"item": f"g{self._other_goal()}", "body": body, "form_token": str(uuid.uuid4())},
            ack=("comment", body),
        )

    def _propose(self, base):
        title = marker("proposal")
        self.browser.request(
            "propose",
            f"{base}/resolutions/",
            {
                "item": f"g{self._other_goal()}",
                "decision": "revise",
                "new_title": title,
                "form_token": str(uuid.uuid4()),
            },
            ack=("propose", title),
        )

    def _confirm(self, base):
        pending = self.db.pending_resolution(self.round_id, self.side)
        if pending is None:
            return self._comment(base)
        self.browser.request(
            "confirm", f"{base}/resolutions/{pending}/confirm/", {}, ack=("confirm", pending)
        )
