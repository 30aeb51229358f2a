"""The lock files agree with the hand-edited pins and with each other (README: "Dependencies").

`make lock` writes requirements.txt from requirements.in and requirements-dev.txt from
requirements-dev.in; installs read only the locks. These checks read files, nothing else.
"""

import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
HASH = re.compile(r"--hash=(sha256:[0-9a-f]{64})")


def read_lock(name):
    """{package: (version, {hashes})} of a pip-compile --generate-hashes file."""
    packages, current = {}, None
    for line in (ROOT / name).read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match[1])
            assert current not in packages, f"{name}: {current} twice"
            packages[current] = (match[2], set())
        elif line.startswith("-") and not line.startswith("--hash"):
            pytest.fail(f"{name}: unexpected option {line!r} (the lock holds only pinned packages)")
        if current:
            packages[current][1].update(HASH.findall(line))
    return packages


def read_input(name):
    """The requirements of a .in file, following -r (not -c, which only constrains)."""
    found = []
    for raw in (ROOT / name).read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found += read_input(line[3:].strip())
        elif line and not line.startswith("-"):
            found.append(Requirement(line))
    return found


@pytest.mark.parametrize(
    ("source", "lock"), [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")]
)
def test_every_pin_is_in_its_lock(source, lock):
    locked = read_lock(lock)
    stale = []
    for requirement in read_input(source):
        name = canonicalize_name(requirement.name)
        version = locked.get(name, (None,))[0]
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            stale.append(f"{requirement} (locked: {version})")
    assert not stale, f"{source} changed since {lock} was made: run `make lock`. {stale}"


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_locked_package_has_hashes(lock):
    packages = read_lock(lock)
    assert len(packages) > 30  # the transitive packages too, not just the top-level pins
    assert not [name for name, (_, hashes) in packages.items() if not hashes]


def test_dev_lock_has_the_runtime_lock_unchanged():
    """Tests run on exactly what production installs: same versions, same hashes."""
    runtime, dev = read_lock("requirements.txt"), read_lock("requirements-dev.txt")
    assert not [name for name, pinned in runtime.items() if dev.get(name) != pinned]
