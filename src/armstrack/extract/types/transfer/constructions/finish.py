"""The last readings of every transfer: its status and its date."""
from __future__ import annotations

from .....records import EventType
from ....construction import construction
from ..reading import Reading
from ..status import transfer_status


@construction(EventType.TRANSFER, "frame", 800, "status")
def status(r: Reading) -> None:
    """How far the transfer went: the entry's status, moved by tense, modals, negation and the
    words governing the trigger (types/transfer/status.py)."""
    transfer_status(r.f, r.mention, r.entry)


@construction(EventType.TRANSFER, "frame", 810, "date")
def date(r: Reading) -> None:
    """"on Sept. 24", "in 2024", "last week": a date on the trigger."""
    r.mention.when = r.f.date_of(r.token)
