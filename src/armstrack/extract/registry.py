"""Event types as units. Each type is one module in `extract/types/`: its roles, its reader (built
on the shared argument layer in `arguments.py`), its merge policy and its own lexicon file
(`data/patterns/types/<type>.yaml`). A module registers itself with `register_type`, the way
exporters register with `register_exporter`; the readers run, and the mentions group, in the
order the modules are registered."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import EventType

if TYPE_CHECKING:
    from .arguments import Arguments
    from .frames import Mention
    from .merge import Group


def keep_all(mention: Mention) -> bool:
    return True


@dataclass(frozen=True)
class EventModule:
    type: EventType
    roles: tuple[str, ...]                       # every role its reader may fill
    reader: type[Arguments]                      # `reader(frames).read(token, sent)` -> Mention | None
    group: Callable[[list[Mention]], list[Group]]  # the merge policy: mentions of one article -> events
    keep: Callable[[Mention], bool] = keep_all    # a last look once realis is known

    @property
    def lexicon(self) -> str:
        """The module's own word file, under the package's data folder."""
        return f"patterns/types/{self.type.value.lower()}.yaml"


_TYPES: dict[EventType, EventModule] = {}


def register_type(module: EventModule) -> EventModule:
    if module.type in _TYPES:
        raise ValueError(f"event type {module.type} is registered twice")
    _TYPES[module.type] = module
    return module


def event_types() -> list[EventModule]:
    """The registered event types, in reading order (the built-in ones register when
    `armstrack.extract` is imported, which imports `extract/types/`)."""
    return list(_TYPES.values())
