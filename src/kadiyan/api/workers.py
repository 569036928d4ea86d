"""Worker processes that each listen on the address with a socket of their own.

uvicorn's own workers share one listening socket, and whichever wakes first accepts every
connection waiting (asyncio and libuv both accept until the queue is empty). A burst of new
connections (a browser opening six, a proxy filling its pool, a load test starting) then
lands on one worker, which serves them one request at a time (see `kadiyan.api.deps`) while
the others idle: `kadiyan bench api` measured 190 requests a second so against 450 when
the connections were shared out. Here each worker binds the address itself with
`SO_REUSEPORT`, and the kernel hands each new connection to one of the workers' sockets by
a hash of its addresses, so a burst is spread out whoever wakes first.

The supervisor starts the workers, stops them all when it is told to stop (SIGINT or
SIGTERM) or when one cannot start (the address is taken), and starts again a worker that
dies after it started.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import socket
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from multiprocessing.context import SpawnProcess
from multiprocessing.synchronize import Event
from types import FrameType

__all__ = ["WorkerSettings", "listening_socket", "serve_workers"]

# Connections the kernel keeps waiting for each worker to accept (uvicorn's default).
BACKLOG = 2048
CANNOT_START = 3  # a worker's exit status when it could not bind or build the app


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker serves, and where."""

    app: str  # "module:factory", called in each worker to build the app
    host: str
    port: int
    log_level: str = "warning"


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket listening on `host:port` that other sockets may listen on too.

    Only sockets of the same user may join (the kernel's rule for `SO_REUSEPORT`), so
    another user's server on the port is still a clash.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def serve_workers(settings: WorkerSettings, workers: int) -> int:
    """Serve with `workers` processes until told to stop; the exit status for the command.

    0 after a stop asked for by a signal; 1 when a worker could not start, once the
    others have been stopped.
    """
    context = multiprocessing.get_context("spawn")
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    running: list[_Worker] = []
    try:
        running = [_Worker.start(context, settings) for _ in range(workers)]
        while not stopping:
            wait([w.process.sentinel for w in running], timeout=0.5)
            for index, worker in enumerate(running):
                if worker.process.is_alive() or stopping:
                    continue
                if worker.process.exitcode == 0:
                    return 0  # stopped as asked: the signal reached the worker first
                if not worker.started.is_set():
                    print(f"kadiyan: a worker could not serve on {settings.host}:"
                          f"{settings.port} (exit status {worker.process.exitcode}); "
                          "stopping", file=sys.stderr)
                    return 1
                print(f"kadiyan: worker {worker.process.pid} stopped (exit status "
                      f"{worker.process.exitcode}); starting another", file=sys.stderr)
                running[index] = _Worker.start(context, settings)
        return 0
    finally:
        _stop_all(running)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@dataclass
class _Worker:
    """One worker process, and the flag it raises once it listens with the app built."""

    process: SpawnProcess
    started: Event

    @classmethod
    def start(cls, context: multiprocessing.context.SpawnContext,
              settings: WorkerSettings) -> _Worker:
        started = context.Event()
        process = context.Process(target=_serve_one, args=(settings, started), daemon=False)
        process.start()
        return cls(process, started)


def _stop_all(running: list[_Worker]) -> None:
    """SIGTERM to every worker (uvicorn finishes the requests in hand), then wait."""
    for worker in running:
        if worker.process.is_alive():
            worker.process.terminate()
    deadline = time.monotonic() + 30
    for worker in running:
        worker.process.join(max(deadline - time.monotonic(), 0.1))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()


def _serve_one(settings: WorkerSettings, started: Event) -> None:  # pragma: no cover
    """A worker's life: listen, build the app, serve until SIGTERM or SIGINT.

    Runs in a spawned process, where coverage does not follow; `tests/cli/test_serve.py`
    checks it from outside. Ctrl+C in a terminal reaches every worker, whatever it is
    doing: the KeyboardInterrupt it becomes is the stop asked for, not an error to print.
    """
    with contextlib.suppress(KeyboardInterrupt):
        _listen_and_serve(settings, started)


def _listen_and_serve(settings: WorkerSettings, started: Event) -> None:  # pragma: no cover
    import uvicorn

    try:
        sock = listening_socket(settings.host, settings.port)
    except OSError as error:
        print(f"kadiyan: cannot listen on {settings.host}:{settings.port}: {error.strerror}",
              file=sys.stderr)
        sys.exit(CANNOT_START)
    config = uvicorn.Config(settings.app, factory=True, log_level=settings.log_level,
                            access_log=False, host=settings.host, port=settings.port)
    config.load()
    started.set()
    # uvicorn installs its own SIGINT/SIGTERM handlers here: a stop finishes what is in
    # hand, then the signal is raised again.
    uvicorn.Server(config).run(sockets=[sock])
