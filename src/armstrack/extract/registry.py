"""Event types' readers. A type is one package (`armstrack.eventtypes` finds them and holds
what they declare); its extraction module registers here, with `register_type`, its reader (built
on the shared argument layer in `arguments.py`), its merge policy and a last look at each
mention. The readers run, and the mentions group, in the order the types are declared."""
from __future__ import annotations

from collections.abc import Callable
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import eventtypes
from ..errors import ArmstrackError
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
    """Every declared type's reader, in reading order (importing each type's extraction module
    registers it)."""
    out = []
    for spec in eventtypes.specs():
        importlib.import_module(spec.extraction)
        if spec.name not in _TYPES:
            raise ArmstrackError(f"event type {spec.name}: {spec.extraction} registered no reader")
        out.append(_TYPES[spec.name])
    return out
