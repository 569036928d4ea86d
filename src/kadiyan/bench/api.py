"""`kadiyan bench api`: the web app and JSON API under load, on loopback.

The real app is served as an operator serves it, by `kadiyan serve --workers N` in a
process of its own (uvicorn in `workers` processes, each listening on its own socket), over
a store holding a generated world that was ingested, linked and given the demo's agencies
and users. Requests are made as the demo investigator: the API with an `Authorization:
Bearer` token, the pages with a session cookie, as a browser would. Every request passes
the guard and is audited, exactly as in production.

Request samples come from the store: phones as ads wrote them (for search), phones,
persons and hotels drawn from the most linked tenth of their kind, records of every kind,
and pairs of entities a few links apart (for paths), all inside the investigator's scope.

The load is made by an asyncio driver over aiohttp (on uvloop), in this process: it can
hold a fixed number of requests in flight (closed loop: how much the app can serve) and
it can send at a fixed rate whatever the app answers (open loop: latency at a given load,
timed from when each request was due, so a slow answer cannot hide the requests queued
behind it).
wrk or locust would need a system package or a second framework, and neither keeps
per-endpoint latency in a mixed open-loop run; aiohttp spends little CPU per request,
and the driver's own CPU time is reported beside the server's so the share the client
takes from the two cores is visible.

Phases, each `seconds` long after a short warm-up: a static file (the baseline: the
server's own cost per request, measured in the same run), the read mix in a closed loop
(capacity), and the read mix at `rate` requests per second (the goal: at least 300/s with
p99 at most 100 ms, and the entity page at most 150 ms p95); then each endpoint alone,
for its share of the server's CPU.
"""

from __future__ import annotations

import asyncio
import gc
import math
import os
import random
import re
import socket
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from sqlalchemy import func, select

from kadiyan.access.directory import viewer_for
from kadiyan.access.login import issue_api_token, principal_of
from kadiyan.access.reader import ScopedReader
from kadiyan.access.scope import Viewer
from kadiyan.store import Store, open_store, schema
from kadiyan.store import access as db

USER = "investigator"
GOAL_RATE = 300.0  # read requests per second the app must sustain ...
GOAL_P99_MS = 100.0  # ... with this p99 over the read mix
GOAL_ENTITY_P95_MS = 150.0  # the entity page's p95 at that load
BASELINE_PATH = "/static/style.css"
# The read mix: endpoint name -> share of requests. Searches and entity views dominate an
# investigator's day; paths are asked for now and then, from the graph explorer.
MIX: dict[str, int] = {
    "api_search": 3, "api_entity": 2, "api_record": 2, "api_neighbourhood": 2,
    "api_path": 1, "page_entity": 2, "page_record": 2, "page_search": 2,
}
SAMPLES = 60  # of each sort
T = TypeVar("T")


# -- the store ------------------------------------------------------------------------------


def prepare_store(url: str, world: Path) -> Store:
    """The store at `url`, holding `world` ingested, linked and peopled (done once).

    A store whose demo investigator exists is taken as ready: the people are made last.
    Ingestion is idempotent, so a preparation cut short is finished by the next one.
    """
    from kadiyan.access.demo import set_up_demo_people
    from kadiyan.cli.serve import ingest_world
    from kadiyan.engines import get_engine
    from kadiyan.engines.link import run_link

    store = open_store(url)
    if db.user_by_name(store, USER) is None:
        ingest_world(store, world)
        run_link(store, get_engine())
        set_up_demo_people(store)
    return store


def bench_viewer(store: Store) -> Viewer:
    """The investigator, with the scope the stored agencies and shares give them."""
    user = db.user_by_name(store, USER)
    if user is None:
        raise ValueError(f"the store has no user {USER!r}: prepare it first")
    return viewer_for(store, principal_of(user))


# -- what to ask for ------------------------------------------------------------------------


@dataclass(frozen=True)
class Samples:
    """Request parameters, all inside the viewer's scope."""

    searches: list[str]  # phones as ads wrote them
    entities: list[str]  # phones, persons and hotels among the most linked of their kind
    records: list[str]  # records of every kind the viewer sees
    paths: list[tuple[str, str]]  # pairs of entities with a path between them
    entity_links: dict[str, Any] = field(default_factory=dict)  # how linked, by kind

    def counts(self) -> dict[str, Any]:
        """How many of each sort, and how linked the entities are."""
        return {"searches": len(self.searches), "entities": len(self.entities),
                "records": len(self.records), "paths": len(self.paths),
                "entity_links": self.entity_links}


def pick_samples(store: Store, viewer: Viewer, count: int = SAMPLES, seed: int = 5) -> Samples:
    """Samples of each sort for `viewer`, the same for the same store and seed."""
    rng = random.Random(seed)
    reader = ScopedReader(store, viewer)
    entities, described = _linked_entities(store, reader, count, rng)
    return Samples(
        searches=_ad_phones(store, viewer, count, rng),
        entities=entities,
        records=_records(store, viewer, count, rng),
        paths=_paths(reader, entities, max(count // 3, 1), rng),
        entity_links=described,
    )


def _ad_phones(store: Store, viewer: Viewer, count: int, rng: random.Random) -> list[str]:
    """Phones exactly as ads in scope wrote them (spaced, disguised, in words)."""
    m, r = schema.mentions, schema.records
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(m.c.raw, r.c.agency, r.c.id)
            .join_from(m, r, r.c.seq == m.c.record_seq)
            .where(r.c.kind == "ad", m.c.kind == "phone", m.c.raw != "")
        ).all()
    written = sorted({raw.strip() for raw, agency, record_id in rows
                      if viewer.sees(agency, record_id) and re.search(r"\w", raw)})
    return rng.sample(written, min(count, len(written)))


def _linked_entities(
    store: Store, reader: ScopedReader, count: int, rng: random.Random
) -> tuple[list[str], dict[str, Any]]:
    """Phones, persons and hotels among the most linked tenth of their kind, in scope.

    "Most linked" is counted in records that name the entity; each kind's top tenth (at
    least two records) is sampled at random, so the pages measured are heavy ones without
    being only the handful of largest hubs. Also returns, per kind, the threshold and the
    median and largest number of records of the entities chosen.
    """
    m = schema.mentions
    kinds = ("phone", "person", "hotel")
    per_kind = max(count // len(kinds), 1)
    found: list[list[str]] = []
    described: dict[str, Any] = {}
    with store.engine.connect() as conn:
        for kind in kinds:
            # A range on the id rather than LIKE, so the index on entity ids is used.
            counts = dict(conn.execute(
                select(m.c.entity_id, func.count())
                .where(m.c.link.is_not(None), m.c.entity_id >= f"{kind}:",
                       m.c.entity_id < f"{kind};")
                .group_by(m.c.entity_id)
            ).all())
            if not counts:
                found.append([])
                continue
            ordered = sorted(counts.values())
            floor = max(ordered[int(0.9 * (len(ordered) - 1))], 2)
            candidates = sorted(e for e, n in counts.items() if n >= floor)
            rng.shuffle(candidates)
            chosen: list[str] = []
            for start in range(0, len(candidates), per_kind * 2):
                batch = candidates[start:start + per_kind * 2]
                chosen += [e.id for e in reader.entities(batch)]
                if len(chosen) >= per_kind:
                    break
            chosen = chosen[:per_kind]
            sizes = sorted(counts[e] for e in chosen) or [0]
            described[kind] = {"at_least_records": floor, "median_records": sizes[len(sizes) // 2],
                               "most_records": sizes[-1], "chosen": len(chosen)}
            found.append(chosen)
    longest = max((len(group) for group in found), default=0)
    return [group[i] for i in range(longest) for group in found if i < len(group)], described


def _records(store: Store, viewer: Viewer, count: int, rng: random.Random) -> list[str]:
    """Records in scope, as many of each kind as there are kinds allow."""
    r = schema.records
    by_kind: dict[str, list[str]] = defaultdict(list)
    with store.engine.connect() as conn:
        for record_id, kind, agency in conn.execute(select(r.c.id, r.c.kind, r.c.agency)
                                                    .order_by(r.c.seq)):
            if viewer.sees(agency, record_id):
                by_kind[kind].append(record_id)
    per_kind = max(count // max(len(by_kind), 1), 1)
    chosen = []
    for kind in sorted(by_kind):
        ids = by_kind[kind]
        chosen += rng.sample(ids, min(per_kind, len(ids)))
    rng.shuffle(chosen)
    return chosen


def _paths(
    reader: ScopedReader, entities: list[str], count: int, rng: random.Random
) -> list[tuple[str, str]]:
    """Pairs (a, b) of entities joined by a chain of two to four links."""
    from kadiyan.graph import find_path, neighbourhood

    pairs: list[tuple[str, str]] = []
    for start in entities:
        if len(pairs) >= count:
            break
        goal = start
        for _ in range(2):  # two steps of two hops: entity, record, entity
            near = neighbourhood(reader, goal, hops=2, limit=200).nodes
            ahead = sorted(n for n, hop in near.items() if hop == 2 and not n.startswith("r"))
            if not ahead:
                break
            goal = rng.choice(ahead)
        # Pairs the app's own path search joins (it goes around hubs), so that every
        # path asked for has an answer to send.
        if goal != start and find_path(reader, start, goal, max_hops=8).path:
            pairs.append((start, goal))
    return pairs


def request_plan(samples: Samples, length: int = 20_000, seed: int = 5) -> list[tuple[str, str]]:
    """(endpoint, path and query) in the proportions of `MIX`, drawn in a fixed order."""
    rng = random.Random(seed)
    urls = endpoint_urls(samples)
    names = [name for name in MIX if urls.get(name)]
    weights = [MIX[name] for name in names]
    plan = []
    for name in rng.choices(names, weights, k=length):
        plan.append((name, rng.choice(urls[name])))
    return plan


def endpoint_urls(samples: Samples) -> dict[str, list[str]]:
    """Every request the samples make, by endpoint (parameters as the app's clients send)."""
    def q(path: str, **params: Any) -> str:
        return f"{path}?{urlencode(params)}"

    return {
        "api_search": [q("/api/search", q=s) for s in samples.searches],
        "api_entity": [q("/api/entity", id=e) for e in samples.entities],
        "api_record": [q("/api/record", id=r) for r in samples.records],
        # As the graph explorer asks: one hop, at most 200 nodes; paths up to 8 links.
        "api_neighbourhood": [q("/api/neighbourhood", id=e, hops=1, limit=200)
                              for e in samples.entities],
        "api_path": [q("/api/path", a=a, b=b, max_hops=8) for a, b in samples.paths],
        "page_entity": [q("/entity", id=e) for e in samples.entities],
        "page_record": [q("/record", id=r) for r in samples.records],
        "page_search": [q("/search", q=s) for s in samples.searches],
    }


# -- the server -----------------------------------------------------------------------------


@dataclass
class Server:
    """The app served by `kadiyan serve` in a process of its own."""

    base_url: str
    process: subprocess.Popen[bytes]

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server and its worker processes."""
        return sum(self.cpu_by_process().values())

    def cpu_by_process(self) -> dict[int, float]:
        """CPU time used so far by each process of the server (the supervisor and its
        workers), by pid."""
        from kadiyan.bench.memory import _children

        pids, index = [self.process.pid], 0
        while index < len(pids):
            pids += _children(pids[index])
            index += 1
        return {pid: _cpu_seconds(pid) for pid in pids}


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the command: state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(url: str, workers: int, start_timeout: float = 120.0) -> Iterator[Server]:
    """`kadiyan serve` serving the app over the store at `url` on a free loopback port."""
    import httpx

    import kadiyan

    port = _free_port()
    source = str(Path(kadiyan.__file__).resolve().parents[1])
    # Cookies without `Secure`: the benchmark speaks plain HTTP on loopback, like the demo.
    env = {**os.environ, "KADIYAN_DATABASE_URL": url,
           "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "kadiyan", "serve", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers), "--insecure-cookies"]
    process = subprocess.Popen(command, env=env)
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kadiyan serve exited with status {process.returncode}")
            try:
                if httpx.get(server.base_url + BASELINE_PATH, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("kadiyan serve did not answer in time")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in(base_url: str, username: str, password: str) -> str:
    """A session id for the cookie, got through the log-in form as a browser gets it."""
    import httpx

    with httpx.Client(base_url=base_url, timeout=30) as http:
        form = http.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        if csrf is None:
            raise RuntimeError("the log-in form carries no CSRF token")
        done = http.post("/login", data={"username": username, "password": password,
                                         "csrf": csrf[1], "next": "/"})
        session = done.cookies.get("kadiyan_session")
        if done.status_code != 303 or not session:
            raise RuntimeError(f"could not sign in as {username!r}: {done.status_code}")
        return session


# -- the load -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One request: its endpoint, status (0 when it failed in transport) and latency."""

    endpoint: str
    status: int
    seconds: float


@dataclass
class Phase:
    """What one phase measured."""

    name: str
    seconds: float  # from the first request sent to the last answer
    outcomes: list[Outcome] = field(default_factory=list)
    server_cpu: float = 0.0  # seconds of CPU the server used in the phase
    client_cpu: float = 0.0  # seconds of CPU this process (the driver) used
    offered_rate: float | None = None  # requests per second sent, in an open loop
    # Seconds of CPU each server process used, busiest first: a worker serves one request
    # at a time, so two workers share the load only if the connections are shared too.
    process_cpu: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Overall figures, per endpoint figures, and where the CPU went."""
        sent = sum(o.status != -1 for o in self.outcomes)
        by: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            by[outcome.endpoint].append(outcome)
        return {
            "seconds": round(self.seconds, 2),
            "offered_rate": self.offered_rate,
            "overall": figures(self.outcomes, self.seconds),
            "endpoints": {name: figures(found, self.seconds) for name, found in by.items()},
            "server_cpu_seconds": round(self.server_cpu, 2),
            "server_cpu_by_process": [round(cpu, 2) for cpu in self.process_cpu],
            "client_cpu_seconds": round(self.client_cpu, 2),
            "server_cpu_ms_per_request": round(1000 * self.server_cpu / sent, 2) if sent else None,
        }


def percentile(sorted_values: list[float], share: float) -> float:
    """The nearest-rank percentile (`share` in 0..1) of values sorted ascending."""
    if not sorted_values:
        return float("nan")
    rank = math.ceil(share * len(sorted_values))
    return sorted_values[min(max(rank, 1), len(sorted_values)) - 1]


def figures(outcomes: list[Outcome], seconds: float) -> dict[str, Any]:
    """Requests, requests per second, latency percentiles (ms) and errors of outcomes.

    Errors are answers other than 2xx, failures to connect or read (status 0) and requests
    an overloaded open loop did not send (status -1, counted as `unsent` too)."""
    sent = [o for o in outcomes if o.status != -1]
    latencies = sorted(o.seconds * 1000 for o in sent)
    statuses: dict[str, int] = defaultdict(int)
    for outcome in outcomes:
        statuses[str(outcome.status)] += 1
    return {
        "requests": len(sent),
        "unsent": len(outcomes) - len(sent),
        "rps": round(len(sent) / seconds, 1) if seconds > 0 else 0.0,
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "max_ms": round(latencies[-1], 1) if latencies else float("nan"),
        "errors": sum(n for status, n in statuses.items() if not status.startswith("2")),
        "statuses": dict(sorted(statuses.items())),
    }


@dataclass(frozen=True)
class Client:
    """Where to send requests and how each endpoint is signed in."""

    base_url: str
    token: str  # for the API
    session: str  # for the pages

    def headers(self, endpoint: str) -> dict[str, str]:
        """A bearer token for the API, the session cookie for pages."""
        if endpoint.startswith("api_"):
            return {"authorization": f"Bearer {self.token}", "accept": "application/json"}
        return {"cookie": f"kadiyan_session={self.session}", "accept": "text/html"}


async def _get(http: Any, client: Client, endpoint: str, path: str) -> int:
    import aiohttp

    try:
        async with http.get(client.base_url + path, headers=client.headers(endpoint),
                            allow_redirects=False) as response:
            await response.read()
            return int(response.status)
    except (TimeoutError, aiohttp.ClientError):
        return 0


def _session(connections: int) -> Any:
    import aiohttp

    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=connections, force_close=False),
        timeout=aiohttp.ClientTimeout(total=60),
    )


async def closed_loop(
    client: Client, plan: list[tuple[str, str]], concurrency: int, seconds: float,
    start_at: int = 0,
) -> tuple[list[Outcome], float]:
    """`concurrency` requests always in flight for `seconds`: (outcomes, elapsed seconds)."""
    outcomes: list[Outcome] = []
    position = [start_at]

    async def user(http: Any, deadline: float) -> None:
        while time.perf_counter() < deadline:
            endpoint, path = plan[position[0] % len(plan)]
            position[0] += 1
            began = time.perf_counter()
            status = await _get(http, client, endpoint, path)
            outcomes.append(Outcome(endpoint, status, time.perf_counter() - began))

    async with _session(concurrency) as http:
        began = time.perf_counter()
        await asyncio.gather(*(user(http, began + seconds) for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return outcomes, elapsed


async def open_loop(
    client: Client, plan: list[tuple[str, str]], rate: float, seconds: float,
    connections: int = 64, seed: int = 5, start_at: int = 0, backlog: float = 2.0,
) -> tuple[list[Outcome], float]:
    """Requests sent at `rate` per second on average (Poisson arrivals) for `seconds`,
    each timed from when it was due, whether or not the app had answered the earlier ones.

    An app that falls `backlog` seconds of requests behind will not catch up: the rest of
    the phase's requests are then not sent, and each counts as an error (status -1).
    """
    rng = random.Random(seed)
    outcomes: list[Outcome] = []
    waiting = [0]

    async def one(http: Any, endpoint: str, path: str, due: float) -> None:
        waiting[0] += 1
        status = await _get(http, client, endpoint, path)
        waiting[0] -= 1
        outcomes.append(Outcome(endpoint, status, time.perf_counter() - due))

    async with _session(connections) as http:
        began = time.perf_counter()
        due, index, tasks, behind = began, start_at, [], False
        while True:
            due += rng.expovariate(rate)
            if due > began + seconds:
                break
            endpoint, path = plan[index % len(plan)]
            index += 1
            behind = behind or waiting[0] > rate * backlog
            if behind:
                outcomes.append(Outcome(endpoint, -1, 0.0))
                continue
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(http, endpoint, path, due)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - began
    return outcomes, elapsed


def drive(load: Coroutine[Any, Any, T]) -> T:
    """Run the driver's load on libuv's event loop where there is one (as the server does).

    The driver shares the machine's two cores with the server it measures: on uvloop it
    takes about a tenth less of them than on asyncio's own loop (1.87 against 2.08 s of
    CPU in 15 s at 300 requests a second), and notes each answer a little sooner.
    """
    try:
        import uvloop
    except ImportError:  # pragma: no cover (Windows)
        return asyncio.run(load)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(load)


def measure(name: str, server: Server, run: Any, offered_rate: float | None = None) -> Phase:
    """Run one phase (a coroutine factory) and note the CPU each side used.

    What the driver holds already (the plan, earlier phases' outcomes) is left out of its
    garbage collection first: a full collection over it stopped the driver for 80 ms and
    more in the middle of a phase, and every answer due meanwhile was counted that late.
    """
    gc.collect()
    gc.freeze()
    server_before, client_before = server.cpu_by_process(), time.process_time()
    outcomes, elapsed = drive(run())
    after = server.cpu_by_process()
    used = sorted((cpu - server_before.get(pid, 0.0) for pid, cpu in after.items()),
                  reverse=True)
    return Phase(name, elapsed, outcomes, sum(used), time.process_time() - client_before,
                 offered_rate, used)


# -- the whole benchmark --------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How the benchmark runs."""

    seconds: float = 20.0  # per measured phase
    warmup: float = 3.0  # of load before each measured phase, not counted
    workers: int = 2  # worker processes (the machine has two cores)
    concurrency: int = 16  # requests in flight in the closed loop
    rate: float = GOAL_RATE  # requests per second in the open loop
    seed: int = 5


def run(store: Store, url: str, settings: Settings) -> dict[str, Any]:
    """Serve the store at `url` and measure every phase; the results as plain data."""
    from kadiyan.access.demo import DEMO_PASSWORD

    viewer = bench_viewer(store)
    started = time.perf_counter()
    samples = pick_samples(store, viewer, seed=settings.seed)
    sampling_seconds = time.perf_counter() - started
    plan = request_plan(samples, seed=settings.seed)
    user = db.user_by_name(store, USER)
    assert user is not None
    token = issue_api_token(store, user.id, label="bench api")
    audit_before = _audit_count(store)
    phases: list[Phase] = []
    with serving(url, settings.workers) as server:
        client = Client(server.base_url, token, sign_in(server.base_url, USER, DEMO_PASSWORD))
        static = [("static", BASELINE_PATH)]
        s, c, w = settings.seconds, settings.concurrency, settings.warmup
        if w:
            drive(closed_loop(client, plan, c, w))
        phases.append(measure("baseline_static", server,
                              lambda: closed_loop(client, static, c, s)))
        if w:
            drive(closed_loop(client, plan, c, w, start_at=5000))
        phases.append(measure("capacity", server, lambda: closed_loop(client, plan, c, s)))
        if w:
            drive(open_loop(client, plan, settings.rate, w, start_at=7000))
        phases.append(measure("at_rate", server,
                              lambda: open_loop(client, plan, settings.rate, s,
                                                seed=settings.seed, start_at=10_000),
                              offered_rate=settings.rate))
        alone = each_endpoint_alone(server, client, samples, settings)
    summaries = {phase.name: phase.summary() for phase in phases}
    return {
        "store": url,
        "settings": asdict(settings),
        "mix": MIX,
        "samples": samples.counts(),
        "sampling_seconds": round(sampling_seconds, 1),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "phases": summaries,
        "endpoints_alone": alone,
        "audit_entries_added": _audit_count(store) - audit_before,
        "goals": goals(summaries, settings.rate),
    }


def each_endpoint_alone(
    server: Server, client: Client, samples: Samples, settings: Settings
) -> dict[str, dict[str, Any]]:
    """Each endpoint asked alone (two in flight, a third of a phase): the server's CPU per
    request and its latency, so the mix's cost can be traced to the endpoints that make it."""
    alone: dict[str, dict[str, Any]] = {}
    length = max(settings.seconds / 3, 0.5)
    for name, paths in endpoint_urls(samples).items():
        if not paths:
            continue
        plan = [(name, path) for path in paths]
        phase = measure(name, server, lambda plan=plan: closed_loop(client, plan, 2, length))
        summary = phase.summary()
        alone[name] = {"server_cpu_ms_per_request": summary["server_cpu_ms_per_request"],
                       **{k: summary["overall"][k] for k in ("requests", "p50_ms", "p95_ms",
                                                             "errors")}}
    return alone


def goals(phases: dict[str, Any], rate: float) -> dict[str, Any]:
    """The issue's goals against what the open-loop phase measured, with the ratios."""
    at_rate = phases["at_rate"]["overall"]
    entity = phases["at_rate"]["endpoints"].get("page_entity", {})
    baseline = phases["baseline_static"]["overall"]["rps"]
    capacity = phases["capacity"]["overall"]["rps"]
    sustained = at_rate["rps"] >= 0.97 * GOAL_RATE and at_rate["errors"] == 0
    return {
        "offered_rate": rate,
        "read_rps": at_rate["rps"],
        "read_p99_ms": at_rate["p99_ms"],
        "entity_page_p95_ms": entity.get("p95_ms"),
        "capacity_rps": capacity,
        "baseline_static_rps": baseline,
        "capacity_over_baseline": round(capacity / baseline, 3) if baseline else None,
        "rate_met": bool(rate >= GOAL_RATE and sustained),
        "p99_met": bool(at_rate["p99_ms"] <= GOAL_P99_MS),
        "entity_p95_met": bool(entity and entity["p95_ms"] <= GOAL_ENTITY_P95_MS),
    }


def _audit_count(store: Store) -> int:
    with store.audit_engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.audit)).scalar_one())
