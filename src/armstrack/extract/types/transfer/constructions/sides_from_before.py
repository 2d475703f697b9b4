"""sides_from_before: "Iran has sent drones to Russia. Tehran also supplied ballistic missiles"."""
from __future__ import annotations

from .....records import EventType
from ....construction import construction
from ....context import SentenceContext
from ....labels import ACTOR_LABELS
from ....lexicon import words
from ....mention import Mention

WORDS = words("constructions/transfer", "sides_from_before")
# how many sentences back a transfer "also" follows, and a recipient of the same kind of
# materiel is followed (a paragraph)
AGAIN_WINDOW = 2
KIND_WINDOW = 3


@construction(EventType.TRANSFER, "sentence", 40, "sides_from_before")
def sides_from_before(here: SentenceContext) -> None:
    """"Iran has sent drones to Russia. Tehran also supplied ballistic missiles": a transfer the
    text marks as another of the same ("also", "too") takes the side it leaves out from the
    nearest earlier transfer with the same other side, at most two sentences back; failing
    that, from one of the same named system ("The Netherlands will send F-16s to Ukraine ...
    Denmark and Norway have also promised F-16s"; "Airbus delivered a C295 to Ghana. Togo and
    Benin have also ordered C295s": from Airbus)."""
    for mention in here.read:
        _from_before(mention, here.earlier, here.number)


def _from_before(mention: Mention, earlier: list[Mention], number: dict[int, int]) -> None:
    if mention.type != EventType.TRANSFER:
        return
    if any(c.lower_ in WORDS.again_adverbs and c.dep_ == "advmod" for c in mention.trigger.children):
        _again(mention, earlier, number)
    _same_kind_recipient(mention, earlier, number)


def _again(mention: Mention, earlier: list[Mention], number: dict[int, int]) -> None:
    """A transfer marked as another of the same: the side it leaves out."""
    for missing, known in (("recipient", "supplier"), ("supplier", "recipient")):
        if mention.roles.get(missing) or not mention.roles.get(known):
            continue
        ids = {f.id for f in mention.roles[known] if f.id}
        for prev in _before(mention, earlier, number, AGAIN_WINDOW):
            same = ids & {f.id for f in prev.roles.get(known) or [] if f.id}
            if same and prev.roles.get(missing) and not ids & {f.state or f.id for f in prev.roles[missing]}:
                mention.roles[missing] = list(prev.roles[missing])
                break
        if not mention.roles.get(missing):
            _same_system(mention, earlier, number, missing, ids)


def _before(mention: Mention, earlier: list[Mention], number: dict[int, int], window: int):
    """The transfers before `mention`, nearest first, at most `window` sentences back."""
    for prev in reversed(earlier):
        if prev.type != EventType.TRANSFER or prev is mention:
            continue
        if number[mention.sent.start] - number[prev.sent.start] > window:
            return
        yield prev


def _same_system(mention: Mention, earlier: list[Mention], number: dict[int, int], missing: str,
                 ids: set) -> None:
    item = mention.first("item")
    system = item.id if item is not None else None
    if not system:
        return
    for prev in _before(mention, earlier, number, AGAIN_WINDOW):
        before = prev.first("item")
        sides = [f for f in prev.roles.get(missing) or [] if f.id and f.id not in ids and f.state not in ids]
        if before is not None and before.id == system and sides:
            mention.roles[missing] = sides
            return


def _same_kind_recipient(mention: Mention, earlier: list[Mention], number: dict[int, int]) -> None:
    """"The Netherlands will send F-16s to Ukraine ... Belgium said it would deliver its first
    jets next year": a giver with no recipient, of the same kind of materiel as the transfers
    just before, gives to the one recipient they all have."""
    item = mention.first("item")
    suppliers = {x for f in mention.roles.get("supplier") or [] for x in (f.id, f.state) if x}
    if mention.roles.get("recipient") or not suppliers or item is None or not item.broad:
        return
    taken = [(f.start, f.end) for f in mention.roles.get("supplier") or []]
    if any(e.label_ in ACTOR_LABELS and e.kb_id_ not in suppliers and not any(a <= e.start_char < b for a, b in taken)
           for e in mention.sent.ents):
        return   # another party is named here ("the Libyan missile programme"): not ours to guess
    found = set()
    recipients = []
    for prev in _before(mention, earlier, number, KIND_WINDOW):
        before = prev.first("item")
        if before is None or before.broad != item.broad:
            continue
        sides = [f for f in prev.roles.get("recipient") or [] if f.id]
        found |= {f.id for f in sides}
        recipients = recipients or sides
    if len(found) == 1 and not found & suppliers:
        mention.roles["recipient"] = list(recipients)
