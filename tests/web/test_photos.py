"""An ad's photo is served sharp to those who may see its victims and blurred to others."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import numpy as np
from PIL import Image
from sqlalchemy import select

from kadiyan.access.demo import DEMO_PASSWORD
from kadiyan.access.directory import create_user
from kadiyan.access.principal import system_principal
from kadiyan.access.roles import Role
from kadiyan.store import schema
from kadiyan.store.access import user_by_name
from tests.api.conftest import sign_in
from tests.web.demo_app import DemoApp


@contextmanager
def signed_in(app: DemoApp, username: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=app.base_url, timeout=60) as http:
        assert sign_in(http, username, DEMO_PASSWORD).status_code == 303
        yield http


def detail(data: bytes) -> float:
    """How much fine detail a picture has: the mean difference between neighbouring pixels."""
    pixels = np.asarray(Image.open(io.BytesIO(data)).convert("L"), dtype=float)
    return float(np.abs(np.diff(pixels, axis=1)).mean())


def test_a_photo_is_blurred_for_a_police_unit_the_ads_were_shared_with(
    demo_app: DemoApp,
) -> None:
    with demo_app.store.engine.connect() as conn:
        image = conn.execute(select(schema.entities.c.id).where(
            schema.entities.c.kind == "image").limit(1)).scalar_one()
    # The cyber cell brought the ads: its own users see the photo as it is.
    if user_by_name(demo_app.store, "cyber.io") is None:
        create_user(demo_app.store, system_principal("tests"), "cyber.io", DEMO_PASSWORD,
                    "cyber-crime-coordination-cell", frozenset({Role.INVESTIGATOR}))
    with signed_in(demo_app, "cyber.io") as owner, signed_in(demo_app, "investigator") as other:
        sharp = owner.get("/photo", params={"id": image})
        blurred = other.get("/photo", params={"id": image})
    assert sharp.status_code == blurred.status_code == 200
    assert sharp.headers["content-type"] == "image/jpeg"
    assert detail(blurred.content) < detail(sharp.content) / 3
