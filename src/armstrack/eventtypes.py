"""The registry of event types: what every layer needs to know of a type without reading text.

An event type is one package. The built-in ones are `armstrack.extract.types.<type>`; another
is any importable package named by the `armstrack.event_types` entry point group or by the
`ARMSTRACK_EVENT_TYPES` environment variable (comma-separated module names). A package's
`__init__` registers a `TypeSpec` with `register`: its roles, the payload its records always
carry, its rows in the claims index, its one-line summary for tables, the roles an evaluation
scores, and the module that registers its reader (`extraction`), which only extraction imports.
So a read command (`armstrack events --type X`) knows every type without loading spaCy, and
adding a type touches its package, its word file and its tests.

This module sits below records (records ask it which names are types and what a type's payload
is), so it imports nothing of armstrack but its errors; it finds the packages by name (dynamic
imports, the way plugins are found), on first use.
"""
from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points

from .errors import ArmstrackError

# the built-in types, in reading order: a sentence's triggers are read, and an article's
# mentions grouped, type by type in this order
BUILTIN = ("transfer", "meeting", "sanction", "attack", "statement")
ENV = "ARMSTRACK_EVENT_TYPES"
ENTRY_POINTS = "armstrack.event_types"


def _no_rows(data: dict, base: dict) -> Iterator[dict]:
    return iter(())


def name_of(value) -> str:
    """A role's filler (or fillers) in an event dict as a table cell: its id, else its name,
    else its text."""
    if not value:
        return ""
    if isinstance(value, list):
        return ", ".join(name_of(v) for v in value)
    return value.get("id") or value.get("name") or value.get("text") or ""


def id_of(value) -> str | None:
    """A one-filler role's id in an event dict."""
    return value.get("id") if isinstance(value, dict) else None


def summary_by_roles(roles: tuple[str, ...]) -> Callable[[dict], tuple[str, str]]:
    """A table's "who" and "what" for a type that declares no summary of its own: the first
    two roles as "a -> b", the rest after them."""
    def summary(e: dict) -> tuple[str, str]:
        who = " -> ".join(name_of(e.get(r)) or "?" for r in roles[:2])
        what = "; ".join(f"{r} {name_of(e.get(r))}" for r in roles[2:] if e.get(r))
        return who, what
    return summary


@dataclass(frozen=True)
class TypeSpec:
    name: str                                  # upper case, as stored: "TRANSFER"
    roles: tuple[str, ...]                     # every role its records may fill, in contract order
    extraction: str                            # the module whose import registers its reader
    package: str = ""                          # where it is declared (set by `register`)
    plural_roles: frozenset[str] = frozenset()  # roles written as a list in the contract
    payload: tuple[str, ...] = ()              # fields written even when empty ("status": null)
    role_lists: tuple[tuple[str, str], ...] = ()  # (role, key): a one-filler role's fillers all listed under key
    index: Callable[[dict, dict], Iterator[dict]] = _no_rows  # (event data, base row) -> claims-index rows
    summary: Callable[[dict], tuple[str, str]] | None = None  # event dict -> (who, what) for tables
    scored_roles: tuple[str, ...] = ()         # roles an evaluation scores; empty: the type is not scored
    direction: tuple[str, str] | None = None   # (source side, target side) roles, for direction agreement
    label: str = ""                            # a plural noun for pages: "transfers"
    # words whose sentence the relevance gate keeps for this type (with the sentences before it);
    # the built-in types' rules need an item or actors beside the word and are the gate's own
    gate_words: tuple[str, ...] = ()

    def summarise(self, e: dict) -> tuple[str, str]:
        return (self.summary or summary_by_roles(self.roles))(e)


_SPECS: dict[str, TypeSpec] = {}
_ORDER: dict[str, int] = {}     # package -> its place in reading order, once loaded
_loaded = False
_loading = False


def register(spec: TypeSpec) -> TypeSpec:
    """Declare a type (from its package's `__init__`). Registering the same package again is a
    no-op, so a package can be imported twice (a test's reload); two packages claiming one
    name is an error."""
    name = spec.name.upper()
    old = _SPECS.get(name)
    package = spec.package or _caller_package()
    if old is not None and old.package != package:
        raise ValueError(f"event type {name} is declared by both {old.package} and {package}")
    spec = TypeSpec(**{**spec.__dict__, "name": name, "package": package,
                       "plural_roles": frozenset(spec.plural_roles)})
    _SPECS[name] = spec
    return spec


def _caller_package() -> str:
    frame = sys._getframe(2)
    return frame.f_globals.get("__name__", "")


def _module_names() -> list[str]:
    names = [f"armstrack.extract.types.{t}" for t in BUILTIN]
    names += [ep.value for ep in sorted(entry_points(group=ENTRY_POINTS), key=lambda ep: ep.name)]
    names += [n.strip() for n in os.environ.get(ENV, "").split(",") if n.strip()]
    return list(dict.fromkeys(names))


def load() -> None:
    """Import every type package once (built-in first, in reading order). A package that cannot
    be imported is an error naming it and where it was asked for."""
    global _loaded, _loading
    if _loaded or _loading:
        return
    _loading = True
    try:
        names = _module_names()
        for name in names:
            try:
                importlib.import_module(name)
            except ImportError as exc:
                raise ArmstrackError(f"event type package {name!r} (named in {ENV} or the "
                                  f"{ENTRY_POINTS} entry points) cannot be imported: {exc}") from exc
        _ORDER.clear()
        _ORDER.update({name: i for i, name in enumerate(names)})
        _loaded = True
    finally:
        _loading = False


def specs() -> list[TypeSpec]:
    """Every registered type, in reading order: the order their packages are named in (one
    package's import may declare another first, as sanction's reads statement's rows)."""
    load()
    return sorted(_SPECS.values(), key=lambda s: _ORDER.get(s.package, len(_ORDER)))


def names() -> list[str]:
    return [s.name for s in specs()]


def spec(name: str) -> TypeSpec | None:
    load()
    return _SPECS.get(str(name).upper())
