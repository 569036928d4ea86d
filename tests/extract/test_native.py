"""The compiled extractors: used only while they match their sources, and reading alike."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from kadiyan.extract import extract_texts
from kadiyan.extract.native import (
    COMPILED,
    MANIFEST,
    PACKAGE_DIR,
    PURE_ENV,
    choose,
    fingerprint,
    in_use,
)

REQUIRED = os.environ.get("KADIYAN_REQUIRE_COMPILED") == "1"


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the compiled modules' sources and a build folder whose manifest fits them."""
    sources, build = tmp_path / "extract", tmp_path / "build"
    sources.mkdir()
    build.mkdir()
    for name in COMPILED:
        shutil.copy(PACKAGE_DIR / f"{name}.py", sources)
    (build / "places.so").write_bytes(b"")
    manifest = {"mypyc": "1.0", "fingerprint": fingerprint(sources), "libraries": ["places.so"]}
    (build / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return sources, build


def test_a_build_that_fits_its_sources_is_chosen(built: tuple[Path, Path]) -> None:
    sources, build = built

    form = choose(build, sources, environ={})

    assert form.compiled
    assert str(form) == "compiled (mypyc 1.0)"


def test_an_edited_source_is_read_as_it_is_not_from_the_build(built: tuple[Path, Path]) -> None:
    sources, build = built
    with (sources / "places.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")

    form = choose(build, sources, environ={})

    assert not form.compiled
    assert form.reason == "places changed since the build"


def test_a_build_for_another_python_is_not_chosen(built: tuple[Path, Path]) -> None:
    sources, build = built
    manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    manifest["fingerprint"]["python"] = "cpython-399.so"
    (build / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    form = choose(build, sources, environ={})

    assert not form.compiled
    assert form.reason.startswith("built for cpython-399.so")


def test_a_build_without_its_libraries_is_not_chosen(built: tuple[Path, Path]) -> None:
    sources, build = built
    (build / "places.so").unlink()  # a manifest copied without them, as package data

    form = choose(build, sources, environ={})

    assert not form.compiled
    assert form.reason == "the build lacks places.so"


def test_no_build_or_the_switch_means_pure_python(built: tuple[Path, Path]) -> None:
    sources, build = built

    assert not choose(build, sources, environ={PURE_ENV: "1"}).compiled
    assert choose(build, sources, environ={PURE_ENV: "0"}).compiled
    (build / MANIFEST).unlink()
    assert not choose(build, sources, environ={}).compiled


def test_the_form_in_use_is_the_form_chosen() -> None:
    form = in_use()

    if REQUIRED:
        assert form.compiled, f"KADIYAN_REQUIRE_COMPILED=1 but the extractors are {form}"
    assert form == choose()


@pytest.mark.skipif(not in_use().compiled and not REQUIRED,
                    reason=f"the extractors are not compiled here: {in_use()}")
def test_a_copy_of_the_package_uses_its_build_until_a_source_is_edited(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE_DIR.parent, tmp_path / "kadiyan",
                    ignore=shutil.ignore_patterns("__pycache__"))
    script = ("from kadiyan.extract import FORM, places\n"
              "print(FORM.compiled, places.__file__.endswith('.py'))")

    def imported() -> str:
        env = {**os.environ, "PYTHONPATH": str(tmp_path)}
        env.pop(PURE_ENV, None)
        return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, check=True).stdout.strip()

    assert imported() == "True False"  # the copied build, for the copied sources
    with (tmp_path / "kadiyan" / "extract" / "places.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    assert imported() == "False True"  # the edited source itself, not the stale build


def _corpus(world: Path) -> tuple[list[str], list[str]]:
    """The world's ads and case narratives, the hard cases, and text made of awkward parts."""
    ads = [orjson.loads(line)["text"] for line in (world / "ads.jsonl").open("rb")]
    ads += [orjson.loads(line)["text"]
            for line in (Path(__file__).parent / "hard_cases.jsonl").open("rb")]
    narratives = [orjson.loads(line)["narrative"] for line in (world / "cases.jsonl").open("rb")]
    parts = ["98765", "४३२१०", "0091", " ", "-", ".", "/", "O", "l", "nine", "double", "नौ",
             "aath", "Delhi", "से", "होते हुए", "via", "@", "wa.me/", "insta", "t.me/", "UP78EX4521",
             "₹5000", "😀", "7️⃣", "\u200d", "call", "new girls", "धारा 370", "उर्फ", "pay@upi",
             "Pune", "ANDHERI", "x.com/", "\n", "ll", "९", "age 17", "फ्रेश"]
    rng = random.Random(5)
    odd = ["".join(rng.choice(parts) for _ in range(rng.randint(1, 24))) for _ in range(3000)]
    return ads + odd, narratives + odd[:500]


@pytest.mark.skipif(not in_use().compiled and not REQUIRED,
                    reason=f"the extractors are not compiled here: {in_use()}")
def test_compiled_and_pure_python_extractors_find_the_same(world: Path, tmp_path: Path) -> None:
    ads, narratives = _corpus(world)
    texts = tmp_path / "texts.json"
    texts.write_bytes(orjson.dumps({"ad": ads, "narrative": narratives}))
    script = (
        "import orjson, sys\n"
        "from kadiyan.extract import FORM, extract_texts\n"
        "assert not FORM.compiled, FORM\n"
        "texts = orjson.loads(open(sys.argv[1], 'rb').read())\n"
        "print(repr([extract_texts(texts[p], p) for p in ('ad', 'narrative')]))\n"
    )

    pure = subprocess.run(
        [sys.executable, "-c", script, str(texts)], env={**os.environ, PURE_ENV: "1"},
        capture_output=True, text=True, check=True,
    ).stdout.strip()

    compiled = [extract_texts(ads, "ad"), extract_texts(narratives, "narrative")]
    assert in_use().compiled
    assert sum(map(len, compiled[0])) > len(ads)  # there was something to find
    assert repr(compiled) == pure
