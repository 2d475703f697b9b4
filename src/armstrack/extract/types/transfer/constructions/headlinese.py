"""headlinese: "Iran ships drones to Russia", read by position where the tagger misreads it."""
from __future__ import annotations

from .....records import EventType, Status
from ....construction import construction
from ....labels import ITEM_LABELS
from ....lexicon import words
from ....mention import Mention
from ..common import is_firm
from ..reading import Reading

WORDS = words("constructions/transfer", "headlinese")
# who a headline names by position: a state, group or firm, its capital or its demonym
PARTIES = ("ACTOR", "CAPITAL", "DEMONYM")


def _short_unended(sent, most: int) -> bool:
    """A line of at most `most` tokens with no full stop: how a headline reads."""
    return len(sent) <= most and sent.text.rstrip()[-1:] not in ".!?\"'\u201d"


def _past_fillers(doc, i: int, end: int, *, sums: bool = False) -> int:
    """The first token from `i` past the words a headline puts before a weapon or a deal ("first
    Su-35 jets", "96 Apache helicopters", with `sums` "$6.5 billion deal")."""
    while i < end and (doc[i].lower_ in WORDS.before_item or doc[i].like_num or (sums and doc[i].ent_type_ == "MONEY")):
        i += 1
    return i


@construction(EventType.TRANSFER, "trigger", 10, "headlinese")
def headlinese(r: Reading) -> Mention | None:
    """A headline the tagger misreads: "Iran ships drones to Russia" (ships a noun, drones
    the verb), "Russia delivers first Su-35 jets to Algeria" (the object torn off). In a
    short line with no full stop, an actor, a present-tense transfer verb, a weapon, and
    "to" or "from" an actor, in that order, are read by position."""
    token, sent, f, lex = r.token, r.sent, r.f, r.lex
    if token.i != sent.start + 1 and not (token.i > sent.start and f.ent_at.get(token.i - 1) is not None):
        return None
    if not _short_unended(sent, 14) or not token.lower_.endswith("s"):
        return None
    entry = lex.transfer_verbs.get(token.lemma_.lower()) or lex.transfer_verbs.get(token.lower_[:-1]) \
        or lex.transfer_verbs.get(token.lower_[:-2] if token.lower_.endswith("es") else "")
    if entry is None or (token.pos_ == "VERB" and any(c.dep_ == "dobj" for c in token.children)):
        return None  # a verb the parser read rightly is read the usual way
    actor = f.ent_at.get(token.i - 1)
    if actor is None or actor.label_ not in PARTIES or actor.start != sent.start:
        return None
    doc = f.doc
    i = _past_fillers(doc, token.i + 1, sent.end)
    item_ent = f.ent_at.get(i)
    if item_ent is None or item_ent.label_ not in ITEM_LABELS:
        return None
    item, quantity = f.item(item_ent.root)
    if item is None:
        return None
    j = item_ent.end
    if j >= sent.end or doc[j].lower_ not in ("to", "from") or j + 1 >= sent.end:
        return None
    other = f.ent_at.get(j + 1) or f.ent_at.get(j + 2)
    if other is None or other.label_ not in PARTIES:
        return None
    give = entry["frame"] == "give"
    m = Mention(EventType.TRANSFER, token, sent)
    sides = [f._filler_from_ent(actor), f._filler_from_ent(other)]
    if (doc[j].lower_ == "from") == give:
        return None  # "sells ... from", "buys ... to": not a headline this reads
    m.add("supplier", [sides[0] if give else sides[1]])
    m.add("recipient", [sides[1] if give else sides[0]])
    m.add("item", [item])
    m.quantity = quantity
    m.status = Status(entry["status"])
    return m


@construction(EventType.TRANSFER, "trigger", 11, "headline_deal")
def headline_deal(r: Reading) -> Mention | None:
    """"Poland signs deal for 96 Apache helicopters", "Egypt inks contract with France for 30
    Rafales": a headline's deal, read by position where the tagger takes the verb for a noun. An
    actor, a deal verb, a deal noun, then "with" a party and "for" a weapon (either order); the
    actor buys, unless it is a firm, which sells."""
    token, sent, f = r.token, r.sent, r.f
    if token.i != sent.start + 1 or token.lower_ not in WORDS.deal_verbs:
        return None
    if not _short_unended(sent, 16):
        return None
    actor = f.ent_at.get(sent.start)
    if actor is None or actor.label_ not in PARTIES or actor.end != token.i:
        return None
    doc = f.doc
    i = _past_fillers(doc, token.i + 1, sent.end, sums=True)
    if i >= sent.end or doc[i].lemma_.lower() not in WORDS.deal_nouns:
        return None
    item, quantity, other = None, None, None
    for j in range(i + 1, sent.end - 1):
        if doc[j].lower_ == "for" and item is None:
            ent = f.ent_at.get(_past_fillers(doc, j + 1, sent.end))
            if ent is not None and ent.label_ in ITEM_LABELS:
                item, quantity = f.item(ent.root)
        elif doc[j].lower_ == "with" and other is None:
            ent = f.ent_at.get(j + 1) or f.ent_at.get(j + 2)
            other = ent if ent is not None and ent.label_ in PARTIES else None
    if item is None:
        return None
    m = Mention(EventType.TRANSFER, token, sent)
    first = f._filler_from_ent(actor)
    seller = is_firm(first)
    m.add("supplier" if seller else "recipient", [first])
    if other is not None:
        m.add("recipient" if seller else "supplier", [f._filler_from_ent(other)])
    m.add("item", [item])
    m.quantity = quantity
    m.status = Status.AGREED
    return m
