"""Claim exporters, registered by name: `armstrack export --format NAME` looks them up here.

Built-in exporters register through the same `register_exporter` a later addition would use:

    @register_exporter("csv", what=("claims", "reports"), suffix=".csv")
    def write_csv(claims, out, *, what="claims") -> int: ...

A writer takes the claims to export, a text stream and `what` ("claims" or "reports"), writes,
and returns the number of records written.

`export_file` writes to a named file without ever losing data (issue 9, "nothing lost"): it refuses
to write onto the store it reads (the database or its -wal, -shm and -journal files) and onto any
SQLite database or journal, and it writes a temporary file in the same folder that replaces the
output only once complete, so a failed export leaves no partial file and an older output intact.
"""
from __future__ import annotations

import importlib
import os
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from ..errors import ArmstrackError, NotFound

Writer = Callable[..., int]
BUILTIN_MODULES = ("tabular", "register", "graphml")


@dataclass(frozen=True, slots=True)
class Exporter:
    name: str
    write: Writer
    what: tuple[str, ...]        # which record kinds it can write
    suffix: str
    help: str


EXPORTERS: dict[str, Exporter] = {}


def register_exporter(name: str, *, what: Sequence[str] = ("claims",), suffix: str = "",
                      help: str = "") -> Callable[[Writer], Writer]:
    """Register a writer under `name` (decorator)."""
    def decorate(write: Writer) -> Writer:
        summary = help or (write.__doc__ or "").strip().splitlines()[0]
        EXPORTERS[name] = Exporter(name, write, tuple(what), suffix, summary)
        return write
    return decorate


def _load_builtins() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(f"{__package__}.{module}")


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name, built-in ones included."""
    _load_builtins()
    return dict(sorted(EXPORTERS.items()))


def get_exporter(name: str) -> Exporter:
    """The exporter called `name`; the error lists the ones that exist."""
    found = exporters().get(name)
    if found is None:
        raise NotFound(f"no exporter {name!r}; choose one of: {', '.join(exporters())}")
    return found


def export(claims: list, out: TextIO, *, format: str, what: str = "claims") -> int:
    """Write `claims` (or their reports) to `out` in `format`; returns the record count."""
    exporter = get_exporter(format)
    if what not in exporter.what:
        raise ArmstrackError(f"the {format} export writes {' or '.join(exporter.what)}, not {what}")
    return exporter.write(claims, out, what=what)


# the first bytes of a database, a write-ahead log (two byte orders) and a rollback journal
SQLITE_MAGIC = (b"SQLite format 3\0", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83",
                b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")
STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _is_sqlite_file(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return any(head.startswith(magic) for magic in SQLITE_MAGIC)


def check_output(path: str, *, inputs: Iterable[str] = ()) -> str:
    """The real path to write `path` to; ArmstrackError if writing there could destroy data.

    `inputs` are the database files the export reads (":memory:" is skipped).
    """
    if not path:
        raise ArmstrackError("the output file name is empty; name a file, or - for standard output")
    target = os.path.realpath(path)  # through a symlink, so the link stays a link
    if os.path.isdir(target):
        raise ArmstrackError(f"cannot write {path}: it is a folder; name a file in it")
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise ArmstrackError(f"cannot write {path}: folder {os.path.dirname(os.path.abspath(path))} "
                             "does not exist; create it first")
    for database in inputs:
        if not database or database == ":memory:":
            continue
        for suffix in STORE_SUFFIXES:
            protected = database + suffix
            same = os.path.realpath(protected) == target
            if not same and os.path.exists(target) and os.path.exists(protected):
                same = os.path.samefile(protected, target)  # also a hard link to it
            if same:
                what = "" if protected == path else f" ({protected})"
                raise ArmstrackError(f"refusing to write the export onto {path}: it is the database "
                                     f"being exported{what}; choose another output file")
    if _is_sqlite_file(target):
        raise ArmstrackError(f"refusing to overwrite {path}: it is an SQLite database or journal; "
                             "choose another output file")
    return target


def _temporary(folder: str, name: str) -> tuple[int, str]:
    """Create a new file beside the output, with the mode a plain open() would give it."""
    while True:
        path = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), path
        except FileExistsError:
            continue


def export_file(claims: list, path: str, *, format: str, what: str = "claims",
                inputs: Iterable[str] = ()) -> int:
    """Write `claims` to the file `path` in `format`, atomically; returns the record count.

    Refuses (ArmstrackError) to write onto `inputs` (the database being exported) or onto any
    SQLite file. The output appears only complete: it is written to a temporary file in the
    same folder and renamed over `path`, so an error leaves an existing output untouched.
    """
    exporter = get_exporter(format)
    if what not in exporter.what:
        raise ArmstrackError(f"the {format} export writes {' or '.join(exporter.what)}, not {what}")
    target = check_output(path, inputs=inputs)
    folder, name = os.path.split(target)
    try:
        fd, temporary = _temporary(folder, name)
    except OSError as exc:
        raise ArmstrackError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                if os.path.exists(target):  # an overwritten output keeps its permissions
                    os.chmod(temporary, os.stat(target).st_mode & 0o7777)
                count = export(claims, handle, format=format, what=what)
                handle.flush()
                os.fsync(handle.fileno())
            # checked again: the output may have become a database while the export ran
            check_output(path, inputs=inputs)
            os.replace(temporary, target)
        except OSError as exc:
            raise ArmstrackError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    return count
