"""Regions (`Middle East`, `Sub-Saharan Africa`, `Gulf`) as filters take them in place of an
actor: their member states and every actor of the knowledge base based in one of them.

The regions are data (data/regions/regions.yaml): SIPRI's subregions, a partition of the
states, and groups joining subregions or listing states. `region_actors("middle east")` gives
the ids a `recipient` filter then matches.
"""
from __future__ import annotations

from functools import lru_cache

from ..errors import ConfigError
from ..resources import load_yaml

REGIONS_FILE = "regions/regions.yaml"


@lru_cache(maxsize=1)
def load_regions() -> dict[str, tuple[str, ...]]:
    """Every region's name (as written in the data file) and its member states, sorted."""
    data = load_yaml(REGIONS_FILE)
    out: dict[str, tuple[str, ...]] = {name: tuple(sorted(members)) for name, members in data["subregions"].items()}
    groups = dict(data.get("groups") or {})
    # a group may join groups written after it: resolve until nothing moves
    while groups:
        progressed = False
        for name, spec in list(groups.items()):
            parts = spec.get("parts") or ()
            if all(part in out for part in parts):
                members = set(spec.get("members") or ())
                for part in parts:
                    members.update(out[part])
                out[name] = tuple(sorted(members))
                del groups[name]
                progressed = True
        if not progressed:
            raise ConfigError(f"{REGIONS_FILE}: the parts of {', '.join(groups)} name no region (or a circle)")
    return out


def find_region(value: str | None) -> str | None:
    """The region a filter value names (any case, spacing as typed), or None."""
    if not value:
        return None
    wanted = " ".join(value.split()).casefold()
    return next((name for name in load_regions() if name.casefold() == wanted), None)


def region_of(state: str) -> str | None:
    """The SIPRI subregion a state (ISO3) is in, or None."""
    subregions = load_yaml(REGIONS_FILE)["subregions"]
    return next((name for name, members in subregions.items() if state in members), None)


def region_actors(name: str, kb) -> tuple[str, ...]:
    """The ids a region stands for: its states and every actor whose country is one of them."""
    states = set(load_regions()[name])
    return tuple(sorted(states | {e.id for e in kb.entities.values()
                                   if e.is_actor and e.kind != "state" and e.country in states}))
