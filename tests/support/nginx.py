"""A real nginx on 127.0.0.1 with the generated configuration, stopped by its pid.

Debian's nginx (``apt-get install nginx``, as ``.ci/run`` and ``make system-deps``
do) runs unprivileged: ``nginx -p PREFIX -c FILE`` with everything under PREFIX.
Set ``COMPACT_BASE_URL`` to run the same checks against a live site instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.deploy.nginx import nginx_config
from generator.model import Compact

NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")


def nginx_binary() -> str:
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise AssertionError("nginx is missing: run 'make system-deps' (apt-get install nginx)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_nginx(site_dir: Path, compact: Compact, prefix: Path) -> Iterator[str]:
    """``site_dir`` served by nginx with the configuration ``python -m generator nginx`` writes."""
    live = os.environ.get("COMPACT_BASE_URL")
    if live:
        yield live.rstrip("/") + "/"
        return
    (prefix / "logs").mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = prefix / "nginx.conf"
    config.write_text(nginx_config(compact, site_dir, f"127.0.0.1:{port}"), encoding="utf-8")
    # Started by root (as in CI), nginx's workers would become "nobody", who cannot read pytest's
    # private temporary folders: keep them as the user that runs the tests.
    directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    process = subprocess.Popen(
        [nginx_binary(), "-p", str(prefix), "-c", str(config), "-g", directives],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    error = process.stderr.read().decode() if process.stderr else ""
                    raise AssertionError(f"nginx did not start: {error}") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGQUIT)  # graceful: the master stops its worker
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
        if process.stderr:
            process.stderr.close()
