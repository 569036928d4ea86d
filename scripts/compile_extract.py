"""Compile the ad profile's hot modules with mypyc (see `kadiyan.extract.native`).

Run by `scripts/setup.sh`; quick when the build matches the sources. Without a C compiler or
Python's headers it says so and leaves the sources to be read as they are, unless
KADIYAN_REQUIRE_COMPILED=1, when that (or any failure to build) is an error.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

from kadiyan.extract.native import (
    BUILD_DIR,
    COMPILED,
    GROUP,
    MANIFEST,
    PACKAGE_DIR,
    choose,
    fingerprint,
)

SRC = PACKAGE_DIR.parent.parent  # the folder that holds the `kadiyan` package
REQUIRED = os.environ.get("KADIYAN_REQUIRE_COMPILED") == "1"


def main() -> int:
    form = choose(environ={})
    if form.compiled:
        print(f"extract: compiled modules up to date ({form.reason})")
        return 0
    missing = _missing_tools()
    if missing:
        return _give_up(f"{missing}; the extractors run as pure Python")
    print(f"extract: compiling {', '.join(COMPILED)} with mypyc ({form.reason})")
    try:
        _build()
    except (Exception, SystemExit) as error:  # setuptools reports a failed compile by exiting
        return _give_up(f"compiling failed ({error}); the extractors run as pure Python")
    print(f"extract: {choose(environ={})}")
    return 0


def _missing_tools() -> str:
    """What the build lacks on this machine, or nothing."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if not shutil.which(compiler):
        return f"no C compiler ({compiler})"
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not headers.exists():
        return f"no Python headers ({headers}; Debian: python3-dev)"
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return "mypyc is not installed (pip install -e '.[native]')"
    return ""


def _build() -> None:
    """Compile into a temporary folder, then move the libraries and manifest into place."""
    from mypy.version import __version__ as mypy_version
    from mypyc.build import mypycify
    from setuptools import Distribution

    before = fingerprint()
    sources = [str(Path("kadiyan/extract") / f"{name}.py") for name in COMPILED]
    with tempfile.TemporaryDirectory() as temp:
        out, work = Path(temp) / "lib", Path(temp) / "work"
        here = Path.cwd()
        os.chdir(SRC)  # mypy names the modules by their path from here
        try:
            modules = mypycify(
                ["--follow-imports=silent", "--ignore-missing-imports",
                 "--cache-dir", str(Path(temp) / "mypy"), *sources],
                group_name=GROUP, target_dir=str(work / "c"), multi_file=True,
            )
            # The group's own headers go in the package's folder, which mypyc (2.4) leaves
            # off the include path when the code is split into a file per module.
            for module in modules:
                module.include_dirs.append(str(work / "c" / "kadiyan" / "extract"))
            dist = Distribution({"name": "kadiyan-extract-compiled", "ext_modules": modules})
            dist.script_args = ["build_ext", "--build-lib", str(out), "--build-temp",
                                str(work / "o")]
            dist.parse_command_line()
            dist.run_commands()
        finally:
            os.chdir(here)
        if fingerprint() != before:
            raise RuntimeError("a source changed while it was compiled")
        shutil.rmtree(BUILD_DIR, ignore_errors=True)
        BUILD_DIR.mkdir()
        libraries = sorted(library.name for library in (out / "kadiyan" / "extract").iterdir())
        for name in libraries:
            shutil.copy2(out / "kadiyan" / "extract" / name, BUILD_DIR / name)
    # Written last: a build is used only once its manifest is there.
    manifest = {"mypyc": mypy_version, "fingerprint": before, "libraries": libraries}
    (BUILD_DIR / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _give_up(reason: str) -> int:
    print(f"extract: {reason}", file=sys.stderr)
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    return 1 if REQUIRED else 0


if __name__ == "__main__":
    sys.exit(main())
