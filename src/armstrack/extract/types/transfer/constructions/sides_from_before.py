"""sides_from_before: "Iran has sent drones to Russia. Tehran also supplied ballistic missiles"."""
from __future__ import annotations

from .....records import EventType
from ....construction import construction
from ....context import SentenceContext
from ....lexicon import words
from ....mention import Mention

WORDS = words("constructions/transfer", "sides_from_before")


@construction(EventType.TRANSFER, "sentence", 40, "sides_from_before")
def sides_from_before(here: SentenceContext) -> None:
    """"Iran has sent drones to Russia. Tehran also supplied ballistic missiles": a transfer the
    text marks as another of the same ("also", "too") takes the side it leaves out from the
    nearest earlier transfer with the same other side, at most two sentences back; a buyer's
    with no supplier, from one of the same named system ("Airbus delivered a C295 to Ghana.
    Togo and Benin have also ordered C295s": from Airbus)."""
    for mention in here.read:
        _from_before(mention, here.earlier, here.number)


def _from_before(mention: Mention, earlier: list[Mention], number: dict[int, int]) -> None:
    if mention.type != EventType.TRANSFER or not any(
            c.lower_ in WORDS.again_adverbs and c.dep_ == "advmod" for c in mention.trigger.children):
        return
    for missing, known in (("recipient", "supplier"), ("supplier", "recipient")):
        if mention.roles.get(missing) or not mention.roles.get(known):
            continue
        ids = {f.id for f in mention.roles[known] if f.id}
        systems = {f.id for f in mention.roles.get("item") or [] if f.id} if missing == "supplier" else set()
        for prev in reversed(earlier):
            if prev.type != EventType.TRANSFER or prev is mention:
                continue
            if number[mention.sent.start] - number[prev.sent.start] > 2:
                break
            same = ids & {f.id for f in prev.roles.get(known) or [] if f.id} or \
                systems & {f.id for f in prev.roles.get("item") or [] if f.id}
            if same and prev.roles.get(missing) and not ids & {f.state or f.id for f in prev.roles[missing]}:
                mention.roles[missing] = list(prev.roles[missing])
                break
