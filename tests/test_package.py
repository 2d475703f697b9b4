"""The package installs as declared (issue 20): the wheel, built from this checkout, goes into
an empty virtual environment with only the dependencies pyproject.toml declares (versions held
to the lock's), and its command line works there: --help, ingest of an example, claims."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT


def pins(lock: Path) -> str:
    """The lock's `name==version` lines without hashes: constraints, which hold versions but
    add no package the wheel does not ask for."""
    return "\n".join(re.findall(r"^([A-Za-z0-9_.\-]+==[^\s\\]+)", lock.read_text(), re.M)) + "\n"


# the empty venv sees only what it installed: no PYTHONPATH leaking this checkout's sources in
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp), str(ROOT)],
                   check=True, capture_output=True, env=CLEAN_ENV)
    [wheel] = tmp.glob("armstrack-*.whl")
    target = tmp / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    (tmp / "constraints.txt").write_text(pins(ROOT / "requirements.lock"))
    # this venv's pip installs into the new one (--python), so its own age does not matter
    done = subprocess.run([*pip, "--python", str(python), "install", f"{wheel}[model]",
                           "-c", str(tmp / "constraints.txt")], capture_output=True, text=True, env=CLEAN_ENV)
    assert done.returncode == 0, done.stderr[-2000:]
    return target


def test_the_wheel_holds_what_the_code_imports(installed, tmp_path):
    armstrack = installed / "bin" / "armstrack"

    def run(*args):
        return subprocess.run([str(armstrack), *args], capture_output=True, text=True, cwd=tmp_path, env=CLEAN_ENV)

    assert "ingest" in run("--help").stdout
    db = str(tmp_path / "w.db")
    ingest = run("ingest", "--db", db, "--quiet", str(EXAMPLES / "2025-06-20-air-defence-package.txt"))
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stdout.startswith("1 article(s) added")
    claims = run("claims", "--db", db)
    assert claims.returncode == 0, claims.stderr
    assert "DEU -> UKR" in claims.stdout and "IRIS-T SLM" in claims.stdout
    # the data files travel inside the wheel: the knowledge base answers from site-packages
    assert "IRIS-T" in run("kb", "search", "IRIS-T SLM").stdout
    # the optional engines are extras: without them, one line says which extra to install
    pg = run("claims", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert pg.returncode == 1 and "armstrack[postgres]" in pg.stderr and "Traceback" not in pg.stderr
    dask = run("ingest", "--db", db, "--dask", "local:1", str(EXAMPLES))
    assert dask.returncode != 0 and "armstrack[dask]" in dask.stderr and "Traceback" not in dask.stderr


def test_pyproject_declares_every_third_party_import():
    """Every module the code imports, at the top or inside a function, comes from the standard
    library, from armstrack, or from a distribution pyproject.toml names (extras included)."""
    import ast
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [*project["dependencies"], *sum(project["optional-dependencies"].values(), [])]
    names = {re.split(r"[\[<>=!~ ;]", spec)[0].lower().replace("_", "-") for spec in declared}
    owners = packages_distributions()
    imported = set()
    for path in (ROOT / "src" / "armstrack").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {m for m in imported - set(sys.stdlib_module_names) if m != "armstrack"}
    undeclared = {m: owners.get(m) for m in third_party
                  if not {d.lower().replace("_", "-") for d in owners.get(m, [m])} & names}
    assert undeclared == {}, undeclared
