"""Claim exporters, registered by name: `armstrack export --format NAME` looks them up here.

Built-in exporters register through the same `register_exporter` a later addition would use:

    @register_exporter("csv", what=("claims", "reports"), suffix=".csv")
    def write_csv(claims, out, *, what="claims") -> int: ...

A writer takes the claims to export, a text stream and `what` ("claims" or "reports"), writes,
and returns the number of records written.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
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
