"""decided_by_speaker: "A possible sale of Harpoon missiles to Taiwan was notified to Congress, the
Pentagon said": who announces a decision no one is named as taking took it."""
from __future__ import annotations

from .....records import EventType, Status
from ....arguments import children
from ....construction import construction
from ....context import SentenceContext
from ..common import is_state_id

# the decisions a seller takes: its government approves, suspends, refuses or cancels a sale
DECISIONS = frozenset({Status.APPROVED, Status.SUSPENDED, Status.REFUSED, Status.CANCELLED})


@construction(EventType.TRANSFER, "sentence", 65, "decided_by_speaker")
def decided_by_speaker(here: SentenceContext) -> None:
    """"A possible sale of Harpoon missiles to Taiwan was notified to Congress, the Pentagon
    said", "Deliveries of Leopard tanks to Ukraine have been suspended, Berlin said": a seller's
    decision (approved, suspended, refused, cancelled) told in the passive with no agent, about a
    transfer with no supplier, was taken by the state that announces it, when one state (not the
    recipient) says so (issue 23, class 2)."""
    f = here.frames
    for m in here.read:
        if m.type != EventType.TRANSFER or m.status not in DECISIONS or m.roles.get("supplier"):
            continue
        verb = _deciding_verb(f, m.trigger)
        if verb is None or not any(c.dep_ == "auxpass" for c in verb.children) or \
                any(c.dep_ == "agent" for c in verb.children):
            continue
        recipients = {a.state or a.id for a in m.roles.get("recipient") or []}
        speakers = {a.state or a.id for t in here.sent if t.pos_ == "VERB" and t.lemma_.lower() in f.lex.attribution
                    for s in children(t, "nsubj") for a in f.actors(s) if a.id}
        speakers = {s for s in speakers if is_state_id(f, s)} - recipients
        if len(speakers) == 1:
            speaker = next(a for t in here.sent if t.pos_ == "VERB" and t.lemma_.lower() in f.lex.attribution
                           for s in children(t, "nsubj") for a in f.actors(s) if (a.state or a.id) in speakers)
            m.add("supplier", [speaker])


def _deciding_verb(f, trigger):
    """The verb that says the decision: the trigger's own (a passive), or the one its noun is
    the subject of ("the sale was approved")."""
    if trigger.pos_ == "VERB":
        return trigger
    if trigger.dep_ == "nsubjpass" and trigger.head.pos_ == "VERB":
        return trigger.head
    return None
