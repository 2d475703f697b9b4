"""withheld_from: "Washington withheld a shipment of bombs from Israel"."""
from __future__ import annotations

from .....records import EventType, Status
from ....arguments import children, is_item, pobjs
from ....construction import REJECT, construction
from ....lexicon import words
from ....mention import Mention
from ..common import mention_to
from ..reading import Reading

WORDS = words("constructions/transfer", "withheld_from")


@construction(EventType.TRANSFER, "trigger", 98, "withheld_from")
def withheld_from(r: Reading) -> object:
    """"Washington withheld a shipment of bombs from Israel", "Berlin withheld Taurus missiles
    from Ukraine", "has been holding back a shipment of bombs to Israel": the one withholding
    supplies, "from" names who goes without (not where the weapons come from), and the flow is
    suspended. The shipment noun under the verb is read here, so it is not read again with
    "from Israel" as its source."""
    token, lex = r.token, r.lex
    if token.dep_ == "dobj" and token.lemma_.lower() in lex.transfer_nouns and _withholding(token.head):
        return REJECT if _read(r, token.head) is not None else None
    if r.entry is not None or token.pos_ != "VERB" or not _withholding(token):
        return None
    return _read(r, token)


def _withholding(verb) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in WORDS.verbs or any(f"{lemma} {c.lower_}" in WORDS.verbs for c in verb.children if c.dep_ in ("prt", "advmod"))


def _read(r: Reading, verb) -> Mention | None:
    f, lex = r.f, r.lex
    objects = children(verb, "dobj")
    if not objects:
        return None
    held = objects[0]
    if held.lemma_.lower() in lex.transfer_nouns:
        contents = [p for p in pobjs(held, "of") if is_item(f, p)]
        if not contents:
            return None
        item_token = contents[0]
    elif is_item(f, held):
        item_token = held
    else:
        return None
    # "from Israel" on the verb or anywhere in the object; "to Israel" on the shipment
    places = pobjs(verb, "from") + [p for t in held.subtree if t.dep_ == "prep" and t.lower_ in ("from", "to")
                                    and t.head.i in {held.i, item_token.i} for p in children(t, "pobj")]
    recipients = [a for p in places for a in f.actors(p) if a.id]
    started = mention_to(f, r.sent, verb, item_token, recipients)
    if started is None:
        return None
    m, item, quantity = started
    m.add("supplier", [a for a in f.actors(f.subject_of(verb)) if a.id and a.id != recipients[0].id][:1])
    m.add("item", [item])
    m.quantity = quantity
    m.status = Status.SUSPENDED
    m.when = f.date_of(verb)
    return m
