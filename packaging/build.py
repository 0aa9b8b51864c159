"""Build the one-folder bundle with PyInstaller, unless the one under build/ is still current.

`python packaging/build.py` builds when any input changed (our sources, resources, the spec, the
installed packages); `--force` always builds. The bundle lands in build/dist/bostadsinkasso/ with
the fingerprint of its inputs beside it, so `make test` rebuilds only when something changed.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no lock; one build at a time is then up to the user
    fcntl = None

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "bostadsinkasso.spec"
BUILD = ROOT / "build"
DIST = BUILD / "dist"
WORK = BUILD / "pyinstaller"
BUNDLE = DIST / "bostadsinkasso"
FINGERPRINT = BUILD / "bundle.fingerprint"
INFO = BUILD / "bundle.json"  # build time and size, for bench/results.md
INPUTS = ("app", "ui", "resources", "packaging")
SKIPPED = {"__pycache__", ".pytest_cache"}


def executable(bundle: Path = BUNDLE) -> Path:
    """The program that runs commands with a console (on Windows and macOS the -cli one beside the GUI)."""
    if sys.platform == "win32":
        return bundle / "bostadsinkasso-cli.exe"
    return bundle / ("bostadsinkasso-cli" if sys.platform == "darwin" else "bostadsinkasso")


def fingerprint() -> str:
    """A hash over every file the bundle is made of and the versions of the installed packages."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for dist in sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()):
        digest.update(dist.encode())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    for folder in INPUTS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and not SKIPPED.intersection(path.parts) and path.suffix not in {".pyc", ".pyo"}:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current(expected: str | None = None) -> bool:
    if not executable().exists() or not FINGERPRINT.exists():
        return False
    return FINGERPRINT.read_text().strip() == (expected or fingerprint())


def bundle_size(bundle: Path = BUNDLE) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def build(force: bool = False) -> Path:
    """The bundle's folder, built first if it is missing or stale. Two builds never run at once."""
    BUILD.mkdir(exist_ok=True)
    with open(BUILD / "bundle.lock", "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # a second `make test` or pytest waits for the first build
        expected = fingerprint()
        if not force and is_current(expected):
            print(f"Bundle is current: {BUNDLE}")
            return BUNDLE
        FINGERPRINT.unlink(missing_ok=True)
        shutil.rmtree(BUNDLE, ignore_errors=True)
        start = time.perf_counter()
        command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                   "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
        subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        seconds = time.perf_counter() - start
        FINGERPRINT.write_text(expected + "\n")
        size = bundle_size()
        INFO.write_text(json.dumps({"build_seconds": round(seconds, 1), "size_bytes": size}) + "\n")
        print(f"Built {BUNDLE} in {seconds:.0f} s; size {size / 1024 / 1024:.0f} MB")
        return BUNDLE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="build even if the bundle is current")
    build(force=parser.parse_args(argv).force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
