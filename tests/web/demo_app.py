"""The demo world, linked, with its agencies and users, served for the access tests.

Besides the demo's own users there is one user per role in each of three agencies: the
agency that owns the largest operation's case (`owner`), the state crime branch above it
(`sharing`: a district shares with its headquarters) and a district unit of another state
that nothing is shared with (`unrelated`). Their names are `role.place`, e.g.
`analyst.unrelated`, all with the demo password.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kadiyan.access.demo import DEMO_PASSWORD, set_up_demo_people
from kadiyan.access.directory import create_user, viewer_for
from kadiyan.access.login import principal_of
from kadiyan.access.principal import system_principal
from kadiyan.access.roles import Role
from kadiyan.access.scope import Viewer
from kadiyan.cli.serve import ingest_world
from kadiyan.engines import get_engine
from kadiyan.engines.link import run_link
from kadiyan.store import Store, open_store
from kadiyan.store import access as db

PLACES = ("owner", "sharing", "unrelated")


@dataclass(frozen=True)
class DemoApp:
    """The store, where the app answers, and which agency plays which part."""

    store: Store
    base_url: str
    agencies: dict[str, str]  # place -> agency id

    def viewer(self, username: str) -> Viewer:
        """What a user may see, as the access layer decides it."""
        user = db.user_by_name(self.store, username)
        assert user is not None, username
        return viewer_for(self.store, principal_of(user))


def build_demo_store(folder: Path, world: Path) -> tuple[Store, dict[str, str]]:
    """The demo world ingested, linked and peopled in a SQLite store under `folder`."""
    store = open_store(f"sqlite:///{folder / 'demo.sqlite'}")
    ingest_world(store, world)
    run_link(store, get_engine())
    people = set_up_demo_people(store)
    agencies = db.agencies(store)
    owner = people.investigator_agency
    sharing = agencies[owner].parent
    unrelated = next(a.id for a in agencies.values() if a.kind == "district_ahtu"
                     and a.state != agencies[owner].state)
    places = {"owner": owner, "sharing": sharing, "unrelated": unrelated}
    me = system_principal("tests")
    for place, agency in places.items():
        for role in Role:
            create_user(store, me, f"{role.value}.{place}", DEMO_PASSWORD, agency,
                        frozenset({role}))
    return store, places
