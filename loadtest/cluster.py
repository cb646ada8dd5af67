"""The pieces a load or fault test runs: a private PostgreSQL, app servers, a worker.

Everything listens on 127.0.0.1 only and is stopped when the test ends. The PostgreSQL
cluster is a throwaway one in a temporary folder, so restarting it never disturbs another
database on the machine.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in versions:
        if (folder / name).exists():
            return str(folder / name)
    sys.exit(f"PostgreSQL's {name} was not found: install PostgreSQL (apt-get install postgresql).")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class PrivatePostgres:
    """A PostgreSQL cluster of our own, trust authentication on loopback only."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="samepage-loadtest-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_user = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.folder, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/samepage"

    def _run(self, *args):
        subprocess.run([*self.as_user, *args], check=True, stdout=subprocess.DEVNULL)

    def start(self):
        self._run(
            pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )
        self._pg_ctl("start")
        subprocess.run(
            [
                pg_bin("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "samepage",
            ],
            check=True,
        )

    def _pg_ctl(self, action, *extra):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.folder} -c max_connections=200"
        )
        self._run(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "log"),
            action,
            *extra,
        )

    def stop(self):
        self._pg_ctl("stop", "-m", "fast")

    def restart(self):
        """Stop (ending every connection) and start again; returns when it accepts connections."""
        self._pg_ctl("restart", "-m", "fast")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def app_environment(database_url, **extra):
    """Production settings over plain HTTP on loopback, as `make serve`."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY="loadtest-only-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_INSECURE_HTTP="1",
        DJANGO_DEBUG="",
        DJANGO_LOG_LEVEL="WARNING",
        SAMEPAGE_SITE_URL="http://127.0.0.1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


class Processes:
    """App servers and workers started for a test; stop() ends them all."""

    def __init__(self, env, log_folder):
        self.env = env
        self.log_folder = Path(log_folder)
        self.started = []

    def _start(self, name, command):
        log = open(self.log_folder / f"{name}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.started.append((process, log))
        return process

    def gunicorn(self, port, workers=3):
        self._start(
            f"gunicorn-{port}",
            [
                str(VENV_BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--no-control-socket",
                "--timeout",
                "60",
            ],
        )
        if not wait_for_port(port):
            sys.exit(f"gunicorn on port {port} did not start; see {self.log_folder}")

    def worker(self):
        self._start(
            f"worker-{len(self.started)}",
            [sys.executable, "manage.py", "run_worker", "--interval", "0.2"],
        )

    def stop(self):
        for process, _log in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process, log in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
