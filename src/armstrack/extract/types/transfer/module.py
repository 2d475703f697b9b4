"""TRANSFER: who supplies which materiel to whom, brokered by whom, how far it went.

The reader (`reader.py`) runs named constructions, one unit each in `constructions/`, in their
order; their words are in data/patterns/types/transfer.yaml (the type's triggers and the lists
the relevance gate also reads) and data/patterns/constructions/transfer.yaml (one section per
construction); their written cases are in tests/constructions/. `group.py` is the merge policy.
"""
from __future__ import annotations

from ....records import EventType
from ...registry import EventModule, register_type
from . import constructions  # noqa: F401  (registers every construction unit)
from .group import group
from .reader import TransferReader

MODULE = register_type(EventModule(EventType.TRANSFER, roles=('supplier', 'recipient', 'broker', 'item', 'transit'),
                                   reader=TransferReader, group=group))
