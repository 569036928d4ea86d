"""The gazetteer: source districts, transit points, destinations and other ad cities.

Data live in `data/places.json`; this module gives them types and builds routes
(source → transit → destination) that always cross at least three states.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from functools import cache
from importlib import resources

Pair = tuple[str, str]  # (latin, devanagari)


@dataclass(frozen=True, slots=True)
class Place:
    """A district-level place of the world with what records need to mention it."""

    kind: str  # source | transit | destination | city
    name: Pair  # the place itself (a transit town, a district, a city)
    district: Pair
    state: str
    state_deva: str
    hindi_belt: bool  # case reports here are often written in Hindi
    lat: float
    lon: float
    regions: tuple[tuple[str, float], ...]  # name regions of people living here, weighted
    police_stations: tuple[Pair, ...]
    spots: tuple[Pair, ...]  # villages (source), stations (transit), localities (others)
    pin: str  # first three digits of local PIN codes, "" outside India
    city: Pair  # the name an ad uses for the place (Noida for Gautam Buddha Nagar)

    def region(self, rng: random.Random) -> str:
        """A name region drawn by how common it is here."""
        r = rng.random()
        for region, w in self.regions:
            r -= w
            if r < 0:
                return region
        return self.regions[-1][0]


@dataclass(frozen=True, slots=True)
class Route:
    """Where an operation's victims come from, pass through and are exploited."""

    sources: tuple[Place, ...]
    transits: tuple[Place, ...]
    destinations: tuple[Place, ...]

    @property
    def states(self) -> list[str]:
        """Distinct states along the route, in route order."""
        seen: list[str] = []
        for p in (*self.sources, *self.transits, *self.destinations):
            if p.state not in seen:
                seen.append(p.state)
        return seen


class Gazetteer:
    """All places of the world, loaded from `data/places.json`."""

    def __init__(self, data: dict) -> None:
        self.states: dict[str, tuple[str, bool]] = {
            k: (v[0], v[1]) for k, v in data["states"].items()
        }
        self.sources = [self._place("source", r) for r in data["sources"]]
        self.transits = [self._place("transit", r) for r in data["transits"]]
        self.destinations = [self._place("destination", r) for r in data["destinations"]]
        self.other_cities = [self._place("city", r) for r in data["ad_cities"]]
        self.transit_by_source_state: dict[str, list[str]] = data["transit_by_source_state"]
        self.generic_police_stations: list[Pair] = [
            tuple(p) for p in data["generic_police_stations"]
        ]
        self.ad_cities = self.destinations + self.other_cities
        self._transit_by_name = {t.name[0]: t for t in self.transits}

    def _place(self, kind: str, row: dict) -> Place:
        name = tuple(row.get("name") or row.get("city") or row["district"])
        district = tuple(row.get("district") or name)
        city = tuple(row.get("city") or name)
        state = row["state"]
        deva, belt = self.states[state]
        spots = row.get("villages") or row.get("stations") or row.get("localities") or []
        regions = tuple(row.get("regions", {"hindi": 1.0}).items())
        return Place(
            kind=kind,
            name=name,  # type: ignore[arg-type]
            district=district,  # type: ignore[arg-type]
            state=state,
            state_deva=deva,
            hindi_belt=belt,
            lat=row.get("lat", 0.0),
            lon=row.get("lon", 0.0),
            regions=regions,
            police_stations=tuple(tuple(p) for p in row.get("police_stations", [])),  # type: ignore[misc]
            spots=tuple(tuple(s) for s in spots),  # type: ignore[misc]
            pin=row.get("pin", ""),
            city=city,  # type: ignore[arg-type]
        )

    def state_deva(self, state: str) -> str:
        """Devanagari name of a state (or Nepal)."""
        return self.states[state][0]

    def route(self, rng: random.Random) -> Route:
        """A plausible route crossing at least three states, transits ordered by distance."""
        while True:
            first = rng.choice(self.sources)
            sources = [first]
            if rng.random() < 0.35:
                # Networks often recruit in two neighbouring districts of one state.
                same_state = [s for s in self.sources if s.state == first.state and s is not first]
                if same_state:
                    sources.append(rng.choice(same_state))
            names = self.transit_by_source_state[first.state]
            k = 1 if rng.random() < 0.45 else 2
            transits = [self._transit_by_name[n] for n in rng.sample(names, k)]
            transits.sort(key=lambda t: _distance(first, t))
            n_dest = rng.choices((1, 2, 3), (0.55, 0.33, 0.12))[0]
            primary = rng.choice(self.destinations)
            near = sorted(self.destinations, key=lambda d: _distance(primary, d))[1:5]
            destinations = [primary, *rng.sample(near, n_dest - 1)]
            route = Route(tuple(sources), tuple(transits), tuple(destinations))
            if len(route.states) >= 3 and all(
                t.district != d.district for t in transits for d in destinations
            ):
                return route


def _distance(a: Place, b: Place) -> float:
    return math.hypot(a.lat - b.lat, (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2)))


@cache
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once."""
    text = resources.files("kadiyan.scenario").joinpath("data/places.json").read_text("utf-8")
    return Gazetteer(json.loads(text))
