"""`kadiyan serve` as an operator starts it: worker processes over the configured store."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _workers(pid: int) -> list[int]:
    """The worker processes uvicorn spawned (not multiprocessing's resource tracker)."""
    found = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [child for child in found
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


def _holders(port: int, pids: list[int], state: str = "01") -> Counter[int]:
    """How many sockets on `port` in a TCP state (01 established, 0A listening) each of the
    processes holds."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == state:
                inodes.add(fields[9])
    held: Counter[int] = Counter()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue  # closed since the listing: a starting worker opens and closes files
            if target.startswith("socket:[") and target[8:-1] in inodes:
                held[pid] += 1
    return held


@contextmanager
def _serving(*options: str, port: int = 0) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = port or _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kadiyan", "serve", "--port", str(port), *options],
        env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "kadiyan serve did not answer in time"
            time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_with_workers_runs_that_many_processes_over_the_same_store(
    kadiyan_env: str,
) -> None:
    with _serving("--workers", "2", "--insecure-cookies") as (base, process):
        deadline = time.monotonic() + 30
        while len(_workers(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = _workers(process.pid)
        health = httpx.get(base + "/health").json()
        form = httpx.get(base + "/login")

    assert len(workers) == 2
    assert health["status"] == "ok"
    # The workers were told what the command was: cookies over plain HTTP, without Secure.
    assert form.status_code == 200
    assert "secure" not in form.headers["set-cookie"].lower()


def test_serve_workers_send_secure_cookies_unless_told_otherwise(kadiyan_env: str) -> None:
    with _serving("--workers", "2") as (base, _process):
        form = httpx.get(base + "/login")

    assert "secure" in form.headers["set-cookie"].lower()


def test_a_burst_of_connections_is_shared_out_between_the_workers(kadiyan_env: str) -> None:
    with _serving("--workers", "2", "--insecure-cookies") as (base, process):
        port = int(base.rsplit(":", 1)[1])
        workers = _workers(process.pid)
        # Sixteen connections opened at once, as a load test or a proxy's pool opens them.
        burst = [socket.create_connection(("127.0.0.1", port)) for _ in range(16)]
        try:
            for connection in burst:
                connection.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            answers = [connection.recv(4096) for connection in burst]
            held = _holders(port, workers)
        finally:
            for connection in burst:
                connection.close()

    assert all(answer.startswith(b"HTTP/1.1 200") for answer in answers)
    assert sum(held.values()) == 16
    # One listening socket for all would leave them all to whichever worker woke first;
    # spread by the kernel, both workers hold some (all on one: 2 chances in 65,536).
    assert len(held) == 2, held


def test_serve_stops_with_a_clear_error_when_its_port_is_taken(kadiyan_env: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "kadiyan", "serve", "--port", str(port), "--workers", "2"],
            env=dict(os.environ), capture_output=True, text=True, timeout=120)

    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "a worker could not serve" in done.stderr


def test_ctrl_c_stops_the_workers_quietly(kadiyan_env: str) -> None:
    port = _free_port()
    # A terminal's Ctrl+C is SIGINT to the whole process group: supervisor and workers.
    process = subprocess.Popen(
        [sys.executable, "-m", "kadiyan", "serve", "--port", str(port), "--workers", "2"],
        env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        # Both workers listen (one may still be building the app) and one answers.
        while len(_holders(port, _workers(process.pid), "0A")) < 2 or not _answers(port):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        workers = _workers(process.pid)
        os.killpg(process.pid, signal.SIGINT)
        _, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()

    assert process.returncode == 0
    assert b"Traceback" not in errors, errors.decode()
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200
    except httpx.TransportError:
        return False
