"""The ad profile's hot modules compiled to C by mypyc, used only while they match their sources.

Reading ads is a loop of string tests and small tuples, where CPython's interpreter is most
of the cost; the same modules compiled by mypyc read an ad in about four fifths of the
time, with the same answer. `scripts/compile_extract.py` (run by `scripts/setup.sh` where a
C compiler is found) builds them into `_compiled/` beside this file, with a manifest of the
sources' digests and the interpreter they were built for.

`use_compiled` puts that folder at the front of the package's search path, so that the
compiled modules are imported in place of the sources, but only while every source still
has its built digest: an edited `.py` is never shadowed by a stale build, it is read as
it is until the next build. Anywhere else (no compiler, another Python, an edit since, or
`KADIYAN_PURE_PYTHON=1`) the sources are read as they are; the answer is the same.

Writing the compiled modules for both forms:
- Their annotations hold at run time: compiled, a value of another type than annotated is a
  `TypeError`. `tests/extract/test_native.py` reads thousands of texts both ways and
  compares.
- A dataclass takes no `slots=True`: compiled, a class is a C struct with its own slots, and
  `slots=True` would swap it for an ordinary Python class.
- A class made for every text is a plain class with its own `__init__`: compiled, a
  dataclass's `__init__` is still the Python one `dataclasses` writes, interpreted.
- A tuple of a fixed shape is unpacked into C values and packed anew when it is returned or
  stored: its identity is not kept, so compare such tuples by value.
- Module-level names read in a loop cost a dictionary look-up each time unless `Final`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from collections.abc import Mapping, MutableSequence
from dataclasses import dataclass
from pathlib import Path

# The modules the ad profile spends its time in, and what they import from each other.
COMPILED: tuple[str, ...] = (
    "casing", "separators", "phones", "places", "platforms", "identifiers", "indicators",
    "vehicles", "payments", "combine",
)
# mypyc puts the compiled code of all modules in one library, `compiled__mypyc`, imported
# by each module's own small extension: inside the package, so that the folder holds all.
GROUP = "kadiyan.extract.compiled"
PACKAGE_DIR = Path(__file__).parent
BUILD_DIR = PACKAGE_DIR / "_compiled"
MANIFEST = "manifest.json"
PURE_ENV = "KADIYAN_PURE_PYTHON"


@dataclass(frozen=True)
class Form:
    """Whether the compiled modules are in use, and why (or why not), in words."""

    compiled: bool
    reason: str

    def __str__(self) -> str:
        return f"{'compiled' if self.compiled else 'pure Python'} ({self.reason})"


def fingerprint(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """What a build was made from: each compiled module's source digest and the interpreter."""
    digests = {
        name: hashlib.sha256((package_dir / f"{name}.py").read_bytes()).hexdigest()
        for name in COMPILED
    }
    return {"python": interpreter(), **digests}


def interpreter() -> str:
    """The interpreter and ABI that compiled modules must be built for."""
    return f"{sys.implementation.cache_tag}{sysconfig.get_config_var('EXT_SUFFIX')}"


def choose(
    build_dir: Path = BUILD_DIR,
    package_dir: Path = PACKAGE_DIR,
    environ: Mapping[str, str] = os.environ,
) -> Form:
    """Whether a build in `build_dir` may stand in for the sources in `package_dir`."""
    if environ.get(PURE_ENV) == "1":
        return Form(False, f"{PURE_ENV} is set")
    try:
        manifest = json.loads((build_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Form(False, "no build; scripts/setup.sh makes one where a C compiler is found")
    built = manifest.get("fingerprint", {})
    now = fingerprint(package_dir)
    if built.get("python") != now["python"]:
        return Form(False, f"built for {built.get('python')}, not {now['python']}")
    changed = [name for name in COMPILED if built.get(name) != now[name]]
    if changed:
        return Form(False, f"{', '.join(changed)} changed since the build")
    missing = [name for name in manifest.get("libraries", []) if not (build_dir / name).exists()]
    if missing or not manifest.get("libraries"):
        return Form(False, f"the build lacks {', '.join(missing) or 'its libraries'}")
    return Form(True, f"mypyc {manifest.get('mypyc', '?')}")


def use_compiled(search_path: MutableSequence[str]) -> Form:
    """Put the build first on the package's `search_path` if `choose` allows it."""
    global _chosen
    _chosen = choose()
    if _chosen.compiled and str(BUILD_DIR) not in search_path:
        search_path.insert(0, str(BUILD_DIR))
    return _chosen


def in_use() -> Form:
    """The form the compiled modules were imported in, judged by the files they came from."""
    files = [Path(getattr(sys.modules.get(f"kadiyan.extract.{name}"), "__file__", None) or "")
             for name in COMPILED]
    if _chosen.compiled and not all(file.is_relative_to(BUILD_DIR) for file in files):
        return Form(False, "the build was chosen but the sources were imported")
    return _chosen


_chosen = Form(False, "kadiyan.extract not imported yet")
