"""Run the web server and the background worker together; Ctrl+C stops both.

    python -m jobs.supervise "<web server command>" "<worker command>"

If either process ends, the other is stopped too, so nothing half-runs unnoticed.
"""

import shlex
import signal
import subprocess
import sys
import time

GRACE_SECONDS = 10


def supervise(commands, *, poll=0.2):
    """Start each command; when one exits or we are told to stop, stop all. Returns exit code."""
    # The commands come from the Makefile or the operator, never from a request.
    processes = [subprocess.Popen(command) for command in commands]  # noqa: S603
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopping and all(p.poll() is None for p in processes):
            time.sleep(poll)
        ended = next((p for p in processes if p.poll() is not None), None)
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + GRACE_SECONDS
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stopping or ended is None:
        return 0
    # The process that ended on its own decides: its failure is the supervisor's failure.
    return ended.returncode if ended.returncode >= 0 else 1


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(supervise([shlex.split(command) for command in sys.argv[1:]]))
