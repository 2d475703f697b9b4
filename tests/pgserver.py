"""A throwaway PostgreSQL server for the tests: `initdb` into a temporary folder, started on a
free loopback port as an unprivileged user, stopped and deleted afterwards.

Used two ways, with the standard library only (CI runs it before the venv exists):

    python3 tests/pgserver.py start FILE   # start one; write its URL to FILE and print it
    python3 tests/pgserver.py stop FILE    # stop the one FILE names and delete its folder

and from tests/conftest.py, which starts its own when ARMSTRACK_TEST_PG is not set.
"""
from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

USER = "armstrack"       # the database role the tests connect as
DATABASE = "armstrack_test"


def bindir() -> str | None:
    """Where initdb and pg_ctl are (the newest installed PostgreSQL), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return str(Path(found[-1]).parent)
    initdb = shutil.which("initdb")
    return str(Path(initdb).parent) if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _runas() -> list[str]:
    """PostgreSQL refuses to run as root: run it as `postgres` (or `nobody`) then."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"]
    raise RuntimeError("running as root and there is no unprivileged user to run PostgreSQL as")


def start() -> dict:
    """Start a server; returns {'url', 'dir', 'bin'}."""
    bin_ = bindir()
    if bin_ is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    folder = tempfile.mkdtemp(prefix="armstrack-pg-")
    runas = _runas()
    if runas:
        user = pwd.getpwnam(runas[2])
        os.chown(folder, user.pw_uid, user.pw_gid)
    data = os.path.join(folder, "data")
    run = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder)
    subprocess.run([*runas, f"{bin_}/initdb", "-D", data, "-U", USER, "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-instructions"], **run)
    port = _free_port()
    # durability off: a test server that dies loses nothing anyone needs, and fsync is slow
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    subprocess.run([*runas, f"{bin_}/pg_ctl", "-D", data, "-o", options, "-l", f"{folder}/log", "-w", "start"], **run)
    subprocess.run([f"{bin_}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE], **run)
    return {"url": f"postgresql://{USER}@127.0.0.1:{port}/{DATABASE}", "dir": folder, "bin": bin_,
            "runas": runas}


def stop(server: dict) -> None:
    subprocess.run([*server["runas"], f"{server['bin']}/pg_ctl", "-D", f"{server['dir']}/data", "-m", "immediate",
                    "-w", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=server["dir"])
    shutil.rmtree(server["dir"], ignore_errors=True)


if __name__ == "__main__":
    command, state = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        server = start()
        state.write_text(json.dumps(server))
        print(server["url"])
    elif command == "stop":
        stop(json.loads(state.read_text()))
        state.unlink()
    else:
        sys.exit(f"usage: {sys.argv[0]} start|stop STATEFILE")
