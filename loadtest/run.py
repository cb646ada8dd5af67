"""`make loadtest` and `make faulttest`: real people's writes against gunicorn + PostgreSQL.

    python -m loadtest.run load  [--pairs 25] [--seconds 60]
    python -m loadtest.run fault [--pairs 25] [--seconds 30]

load:  two gunicorn servers and a worker on a private PostgreSQL; 2 x pairs people write for
       `seconds`; then every acknowledged write is looked for in the database.
fault: the same three times: normally, with a mail server that accepts connections and never
       answers (then answers: every email must arrive once), and with PostgreSQL restarted
       halfway through.
Loopback only; every process started is stopped at the end.
"""

import argparse
import signal
import sys
import tempfile
import threading
import time

from loadtest import cluster
from loadtest.database import (
    Lookups,
    error_in_messages_cookie,
    first_commit_after,
    lost_writes,
    make_pairs,
    partial_writes,
    session_for,
    setup_django,
    wait_for_emails,
)
from loadtest.people import Browser, Journal, Person, summarize
from loadtest.smtp import MailSink


def drive(ports, pairs, seconds, phase, during=None):
    """Sign everyone in, then let them write for `seconds`; returns (journal, elapsed)."""
    from django.conf import settings

    journal = Journal()
    people = []
    for therapist, client, round_id in make_pairs(pairs, phase):
        for user, side in ((therapist, "therapist"), (client, "client")):
            browser = Browser(ports, journal, error_in_messages_cookie)
            browser.use_session(settings.SESSION_COOKIE_NAME, session_for(user))
            people.append((browser, round_id, side))
    journal.samples.clear()
    journal.acknowledged.clear()
    start = time.monotonic()
    deadline = start + seconds
    threads = [
        threading.Thread(
            target=Person(browser=b, db=Lookups(), round_id=r, side=s, deadline=deadline).run
        )
        for b, r, s in people
    ]
    for thread in threads:
        thread.start()
    if during:
        during(start)
    for thread in threads:
        thread.join()
    return journal, time.monotonic() - start


def report(title, journal, elapsed, **extra):
    figures = summarize(journal.samples, elapsed)
    writes = [s for s in journal.samples if s.kind not in ("page", "sign-in")]
    held = sum(1 for s in writes if s.status == 302) - journal.refused
    lost = lost_writes(journal.acknowledged)
    print(f"== {title} ==")
    print(
        f"  {figures['requests']} requests in {elapsed:.1f} s: {figures['req_per_s']:.1f} req/s, "
        f"p50 {figures['p50_ms']:.0f} ms, p99 {figures['p99_ms']:.0f} ms"
    )
    print(
        f"  writes: {len(writes)} sent, {held} acknowledged, {journal.refused} refused by a rule "
        f"(e.g. confirming what was just superseded), {len(journal.acknowledged)} records to find"
    )
    print(f"  5xx: {figures['5xx']}, no answer: {figures['no_answer']}, lost writes: {len(lost)}")
    for name, value in extra.items():
        print(f"  {name}: {value}")
    return figures, lost


def phase_hanging_mail(ports, sink, options, seconds, normal):
    """Load while the mail server hangs, then let it answer: every email must arrive once."""
    sink.hanging.set()
    journal, elapsed = drive(ports, options.pairs, seconds, "hanging")
    title = f"Mail server accepts and never answers: {2 * options.pairs} people, {seconds:.0f} s"
    figures, lost = report(title, journal, elapsed)
    ratio = figures["req_per_s"] / normal["req_per_s"] if normal["req_per_s"] else 0
    print(f"  throughput {ratio:.0%} of normal")
    sink.answer()
    answered = time.monotonic()
    counts, received, duplicates = wait_for_emails(sink, timeout=180)
    print(
        f"  mail server answers again: {time.monotonic() - answered:.1f} s later, emails sent "
        f"{counts['sent']}, pending {counts['pending']}, failed {counts['failed']}; the server "
        f"received {received}, duplicates {duplicates}"
    )
    undelivered = counts["pending"] + counts["failed"] + abs(received - counts["sent"])
    return bool(lost or ratio < 0.8 or undelivered or duplicates)


def phase_postgres_restart(ports, pg, options, seconds):
    """Load while PostgreSQL restarts halfway; measure recovery, lost and partial writes."""
    restart = {}

    def restart_midway(start):
        time.sleep(seconds / 2)
        restart["began"] = time.monotonic()
        pg.restart()
        restart["ready"] = time.monotonic()
        restart["ready_wall"] = time.time()

    journal, elapsed = drive(ports, options.pairs, seconds, "restart", during=restart_midway)
    failures = sorted(
        s.started
        for s in journal.samples
        if (s.status >= 500 or s.status == 0) and s.started >= restart["began"] - 1
    )
    # Writes acknowledged once the database is back (requests that waited through the restart
    # count: the first of them marks when writing works again).
    acknowledged_after = [
        s.started + s.seconds
        for s in journal.samples
        if s.kind not in ("page", "sign-in")
        and s.status == 302
        and s.started + s.seconds >= restart["ready"]
    ]
    acknowledged = min(acknowledged_after, default=float("inf")) - restart["ready"]
    # When the app servers wrote again, seen in the database: on a busy machine the answer
    # itself may wait seconds in the queue of requests.
    recovery = first_commit_after(restart["ready_wall"])
    partial = partial_writes()
    _figures, lost = report(
        f"PostgreSQL restarted halfway: {2 * options.pairs} people, {seconds:.0f} s",
        journal,
        elapsed,
        **{
            "restart took": f"{restart['ready'] - restart['began']:.2f} s",
            "recovery (database back -> first write committed)": f"{recovery:.2f} s",
            "database back -> first write acknowledged": f"{acknowledged:.2f} s",
            "failing requests span": f"{(failures[-1] - failures[0]) if failures else 0:.2f} s",
            "partial writes": partial,
        },
    )
    return bool(lost or recovery > 2 or partial)


def run(options, seconds, pg, sink, ports):
    """Returns True when a target was missed."""
    people = 2 * options.pairs
    if options.mode == "load":
        journal, elapsed = drive(ports, options.pairs, seconds, "load")
        title = f"Load: {people} people, {seconds:.0f} s"
        figures, lost = report(title, journal, elapsed, **{"partial writes": partial_writes()})
        return bool(figures["5xx"] or lost)
    journal, elapsed = drive(ports, options.pairs, seconds, "normal")
    normal, lost = report(f"Normal: {people} people, {seconds:.0f} s", journal, elapsed)
    failed = bool(lost)
    failed |= phase_hanging_mail(ports, sink, options, seconds, normal)
    failed |= phase_postgres_restart(ports, pg, options, seconds)
    return failed


def stop_cleanly():
    """Ctrl+C or a kill still stops every process started (even when run in the background,
    where the shell ignores SIGINT for us)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))


def main():
    stop_cleanly()
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", choices=["load", "fault"])
    parser.add_argument("--pairs", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=None)
    options = parser.parse_args()
    seconds = options.seconds or (60 if options.mode == "load" else 30)

    pg = cluster.PrivatePostgres()
    mail_port = cluster.free_port()
    env = cluster.app_environment(
        pg.url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=mail_port,
        EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT=3,
        SAMEPAGE_EMAIL_RETRY_BASE=1,
        SAMEPAGE_EMAIL_RETRY_CAP=5,
        SAMEPAGE_DIGEST_WINDOW=5,
    )
    logs = tempfile.mkdtemp(prefix="samepage-loadtest-logs-")
    processes = cluster.Processes(env, logs)
    sink = MailSink(mail_port).start()
    ports = [cluster.free_port(), cluster.free_port()]
    try:
        print(f"PostgreSQL (private, port {pg.port}), gunicorn on {ports}, 1 worker; logs: {logs}")
        pg.start()
        cluster.manage(env, "migrate", "--no-input")
        cluster.manage(env, "collectstatic", "--no-input")
        setup_django(env)
        for port in ports:
            processes.gunicorn(port)
        processes.worker()
        failed = run(options, seconds, pg, sink, ports)
    finally:
        processes.stop()
        sink.stop()
        pg.destroy()
    print("RESULT:", "FAIL (a target was missed)" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
