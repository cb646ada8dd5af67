"""`make run` and `make serve` start the web server and the worker together and stop both."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that exited but was not reaped yet still answers; its state says so.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")


def start_supervisor(tmp_path, *commands):
    """Run jobs.supervise on shell commands that write their pid to a file, then wait."""
    record_pid = "import os,time; open('{path}','w').write(str(os.getpid()))"
    wrapped = [
        f'{sys.executable} -c "{record_pid.format(path=tmp_path / f"{i}.pid")}; {code}"'
        for i, code in enumerate(commands)
    ]
    process = subprocess.Popen([sys.executable, "-m", "jobs.supervise", *wrapped], cwd=ROOT)
    pids = []
    for i in range(len(commands)):
        path = tmp_path / f"{i}.pid"
        for _ in range(100):
            if path.exists() and path.read_text():
                break
            time.sleep(0.05)
        pids.append(int(path.read_text()))
    return process, pids


def test_ctrl_c_stops_both_processes(tmp_path):
    supervisor, pids = start_supervisor(tmp_path, "time.sleep(60)", "time.sleep(60)")
    supervisor.send_signal(signal.SIGINT)
    assert supervisor.wait(timeout=15) == 0
    assert not any(alive(pid) for pid in pids)


def test_when_one_process_dies_the_other_is_stopped(tmp_path):
    supervisor, pids = start_supervisor(tmp_path, "time.sleep(60)", "time.sleep(0.3); exit(3)")
    assert supervisor.wait(timeout=15) == 3
    assert not alive(pids[0])


def site_url(target, port, environ):
    """The SAMEPAGE_SITE_URL that `make <target>` would export, evaluated by the shell."""
    recipe = subprocess.run(
        ["make", "-n", target, f"PORT={port}", "HOST=127.0.0.1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assignment = re.search(r'SAMEPAGE_SITE_URL="[^"]*"', recipe).group(0)
    env = {k: v for k, v in os.environ.items() if k != "SAMEPAGE_SITE_URL"} | environ
    return subprocess.run(
        ["bash", "-c", f"export {assignment}; echo $SAMEPAGE_SITE_URL"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_emailed_links_use_the_port_served_unless_the_site_url_is_set():
    for target in ("run", "serve"):
        assert site_url(target, 8123, {}) == "http://127.0.0.1:8123"
        chosen = {"SAMEPAGE_SITE_URL": "https://samepage.example.org"}
        assert site_url(target, 8123, chosen) == "https://samepage.example.org"
