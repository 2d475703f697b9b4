"""confirmer_receives: "The Polish defence ministry confirmed that South Korea had delivered the tanks"."""
from __future__ import annotations

from .....records import EventType, StatementKind
from ....construction import construction
from ....context import SentenceContext


@construction(EventType.TRANSFER, "sentence", 20, "confirmer_receives")
def confirmer_receives(here: SentenceContext) -> None:
    """"The Polish defence ministry confirmed that South Korea had delivered the tanks": a state
    confirming a delivery by another that names no recipient is the recipient. (An arms company
    confirming a delivery by no one named is its supplier; see `Stance.statements_over`.)"""
    read, frames = here.read, here.frames
    for s in read:
        if s.type != EventType.STATEMENT or s.kind != StatementKind.CONFIRM or s.negated:
            continue
        speaker = [f for f in s.roles.get("speaker") or [] if f.id]
        if len(speaker) != 1 or frames.kb is None or getattr(frames.kb.get(speaker[0].id), "kind", None) != "state":
            continue
        inside = {t.i for t in s.trigger.subtree}
        for t in read:
            if t.type == EventType.TRANSFER and t.trigger.i in inside and not t.roles.get("recipient") and \
                    t.roles.get("supplier") and speaker[0].id not in {f.state or f.id for f in t.roles["supplier"]}:
                t.roles["recipient"] = [speaker[0]]
