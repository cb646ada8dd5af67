"""Benchmark: every page against the anonymous login page, side by side on one real server.

For each database (SQLite, and PostgreSQL when one answers at BENCH_PG, default
postgres://postgres@127.0.0.1:5432) and each size (30 clients, and 3,000 clients / 10,000
people / 50 rounds of one client's history), it creates a throwaway database, migrates it,
seeds it (bench/pages_seed.py), starts one gunicorn (2 workers, production settings over plain
HTTP as `make serve` does) on 127.0.0.1, and loads the pages in turn, interleaved, several
times, with wrk (4 connections; a bounded Python load generator if wrk is missing). It prints
each page's requests per second, its ratio to the login page, p50/p99 latency, queries and
HTML size. The database is dropped at the end. Every run is bounded in time.

    .venv/bin/python bench/pages.py [--root TREE] [--only sqlite|postgresql] [--sizes small,large]

--root measures another checkout of the application (to compare before and after in one run).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PORT = int(os.environ.get("BENCH_PORT", "8212"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))  # one wrk run of one page
RUNS = int(os.environ.get("BENCH_RUNS", "3"))  # interleaved runs of every page
CONNECTIONS = 4
TARGETS = {"round page, client": 0.5, "round page, therapist": 0.5}
REPORT_TARGET = 0.3  # every other signed-in page


def sh(args, *, env, cwd, **kwargs):
    return subprocess.run(args, env=env, cwd=cwd, check=True, timeout=1800, **kwargs)


class Database:
    """A throwaway database: a SQLite file, or a PostgreSQL database created and dropped."""

    def __init__(self, vendor, pg_url):
        self.vendor, self.pg_url = vendor, pg_url.rstrip("/")
        self.name = f"samepage_bench_{os.getpid()}_{secrets.token_hex(3)}"
        self.tmp = tempfile.mkdtemp(prefix="samepage-bench-")

    @property
    def url(self):
        if self.vendor == "sqlite":
            return f"sqlite:///{self.tmp}/bench.sqlite3"
        return f"{self.pg_url}/{self.name}"

    def _admin(self, sql):
        import psycopg2  # installed with the application

        conn = psycopg2.connect(f"{self.pg_url}/postgres")
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql)
        conn.close()

    def __enter__(self):
        if self.vendor == "postgresql":
            self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc):
        if self.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        shutil.rmtree(self.tmp, ignore_errors=True)


def postgres_answers(pg_url):
    try:
        import psycopg2

        psycopg2.connect(f"{pg_url.rstrip('/')}/postgres", connect_timeout=3).close()
        return True
    except Exception as error:  # noqa: BLE001 - any failure means: skip PostgreSQL
        print(f"PostgreSQL at {pg_url} does not answer ({error.__class__.__name__}): skipped")
        return False


class Server:
    """One gunicorn with 2 workers and production settings, on loopback."""

    def __init__(self, root, env):
        self.root, self.env = root, env

    def __enter__(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        args = [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", "2"]
        args += ["--no-control-socket", "--log-level", "warning"]
        self.process = subprocess.Popen(args, cwd=self.root, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(url, session):
    args = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "10s"]
    args += ["-H", "Accept-Encoding: gzip"]
    if session:
        args += ["-H", f"Cookie: sessionid={session}"]
    out = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True, timeout=SECONDS + 30
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non2xx:
        raise RuntimeError(f"{url}: {non2xx.group(1)} failed responses")

    def pct(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rps, pct(50), pct(99)


def python_load(url, session):
    """A bounded stand-in for wrk: CONNECTIONS threads for SECONDS seconds."""
    headers = {"Accept-Encoding": "gzip"}
    if session:
        headers["Cookie"] = f"sessionid={session}"
    times, stop = [], time.monotonic() + SECONDS

    def loop():
        while time.monotonic() < stop:
            start = time.perf_counter()
            request = urllib.request.Request(url, headers=headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=10):  # noqa: S310 - loopback http only
                pass
            times.append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=loop) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times.sort()
    return len(times) / SECONDS, times[len(times) // 2], times[int(len(times) * 0.99)]


def measure(pages):
    load = wrk if shutil.which("wrk") else python_load
    results = {name: [] for name in pages}
    for page in pages.values():  # warm up each page (and touch each session once)
        load_once(page)
    login = pages["login page (anonymous)"]
    for _ in range(RUNS):
        for name, page in pages.items():
            results[name].append(load(f"http://127.0.0.1:{PORT}{page['url']}", page["session"]))
            # Requests still running when the load stopped would slow the next page: wait for
            # the server to answer quick requests again.
            for _ in range(CONNECTIONS):
                load_once(login)
    return {name: best(runs) for name, runs in results.items()}, load.__name__


def load_once(page):
    headers = {"Cookie": f"sessionid={page['session']}"} if page["session"] else {}
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{page['url']}", headers=headers)
    with urllib.request.urlopen(request, timeout=180) as response:  # noqa: S310 - loopback
        assert response.status == 200


def best(runs):
    """The median run by requests per second (interleaved runs even out a busy machine)."""
    return sorted(runs)[len(runs) // 2]


def bench_one(root, vendor, size, pg_url):
    with Database(vendor, pg_url) as db:
        env = {
            **os.environ,
            "DATABASE_URL": db.url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_INSECURE_HTTP": "1",
            "DJANGO_DEBUG": "",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        py = sys.executable
        sh([py, "manage.py", "migrate", "--no-input", "-v0"], env=env, cwd=root)
        seeded = sh([py, str(HERE / "pages_seed.py"), size], env=env, cwd=root, capture_output=True)
        pages = json.loads(seeded.stdout.decode().strip().splitlines()[-1])
        with Server(root, env):
            figures, tool = measure(pages)
    return pages, figures, tool


def report(title, pages, figures):
    login = figures["login page (anonymous)"][0] or float("nan")
    print(f"\n{title}")
    heads = ("req/s", "÷ login", "p50 ms", "p99 ms", "queries", "HTML KB")
    print(f"{'page':26}" + "".join(f" {head:>8}" for head in heads))
    for name, (rps, p50, p99) in figures.items():
        ratio = rps / login
        target = TARGETS.get(name, REPORT_TARGET if pages[name]["session"] else None)
        mark = "" if target is None else ("  ok" if ratio >= target else f"  < {target}")
        print(
            f"{name:26} {rps:8.1f} {ratio:8.3f} {p50:8.1f} {p99:8.1f} "
            f"{pages[name]['queries']:7d} {pages[name]['html_bytes'] / 1024:8.1f}{mark}"
        )
    return {name: rps / login for name, (rps, _p50, _p99) in figures.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(HERE.parent), help="application tree to measure")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--sizes", default="small,large")
    args = parser.parse_args()
    root = Path(args.root).resolve()
    pg_url = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    vendors = [args.only] if args.only else ["sqlite", "postgresql"]
    if "postgresql" in vendors and not postgres_answers(pg_url):
        vendors.remove("postgresql")
    env = {**os.environ, "DJANGO_SECRET_KEY": "collectstatic-only", "DJANGO_INSECURE_HTTP": "1"}
    sh([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], env=env, cwd=root)
    sizes = args.sizes.split(",")
    print(
        f"Pages of {root} ({RUNS} interleaved runs of {SECONDS:g} s per page, "
        f"{CONNECTIONS} connections, Accept-Encoding: gzip)"
    )
    for vendor in vendors:
        ratios = {}
        for size in sizes:
            pages, figures, tool = bench_one(root, vendor, size, pg_url)
            ratios[size] = report(f"{vendor}, {size} clinic (load by {tool})", pages, figures)
        if {"small", "large"} <= set(ratios):
            print(f"\n{vendor}: ratio large ÷ small (target 0.8 to 1.2)")
            for name in ratios["small"]:
                if name.startswith("login"):
                    continue
                change = ratios["large"][name] / ratios["small"][name]
                mark = "ok" if 0.8 <= change <= 1.2 else "outside"
                print(f"  {name:26} {change:6.2f}  {mark}")


if __name__ == "__main__":
    main()
