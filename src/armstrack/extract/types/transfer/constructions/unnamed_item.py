"""A deal between a firm and a foreign buyer that does not name what it is for: "Navantia signed
a contract with the Royal Saudi Navy", "the Hungarian Ministry of Defence awarded Rheinmetall a
contract worth 2 billion euros". Trade press names the weapon in the headline or the sentence
before and then writes the deal itself without it; the parties are what such a sentence is for.

Two units, because the sides of a contract are settled by the units between them (`negotiation`,
`contract_won`, `signed_contract`): the first keeps the transfer word alive past `no_item` when a
firm is among its parties, with the trigger itself standing for the unnamed item; the second
drops it again unless the settled sides make it an arms deal."""
from __future__ import annotations

from dataclasses import replace

from .....records import EventType, Filler
from ....arguments import pobjs
from ....construction import REJECT, construction
from ....context import ArticleContext
from ....lexicon import words
from ..common import POINTED, UNNAMED, is_firm, is_state_id
from ..reading import Reading

FIRMS = words("firms", "firms")
WORDS = words("constructions/transfer", "unnamed_item")
MOTION = words("constructions/transfer", "moved_not_handed")



@construction(EventType.TRANSFER, "frame", 665, "unnamed_item")
def unnamed_item(r: Reading) -> None:
    """A transfer word with no item that says nothing else about what it is for: a contract
    word, or one with a firm among its parties so far, or one whose object points back at a
    weapon ("ordered the ship from India", "will hand it over"). The word, or the noun standing
    for the weapon ("the vessel", a ship's name), stands for the item until the sides are settled."""
    if r.item is not None:
        return
    token = r.token
    if _for_something(r) or _in_general(token):
        return   # "won a Saudi order for two oil tankers": what it is for is named, and not materiel
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] if token.pos_ in ("VERB", "AUX") else []
    stand_in = next((o for o in objects if _stands_in(r, o)), None)
    if objects and stand_in is None and not all(o.pos_ in ("PRON", "NUM") or o.lemma_.lower() in FIRMS.contract_nouns
                                                or _known_actor(r, o) for o in objects):
        return   # "received a delegation from Lockheed Martin": that is what was handed over
    if stand_in is not None and token.lemma_.lower() in MOTION.motion_verbs and stand_in.lemma_.lower() in WORDS.self_moving:
        return   # "Russia sent the ship to Syria": a ship sent goes on its own errand
    parties = [a for side in ("supplier", "recipient") for a in r.mention.roles.get(side, [])]
    pointing = stand_in is not None and _points_back(stand_in)
    if not (pointing or any(a.id and is_firm(a) for a in parties) or token.lemma_.lower() in FIRMS.contract_nouns):
        return
    if stand_in is not None:
        # "handed over the CGS Valiant", "delivered the vessel": the phrase stands for the weapon
        start, end = stand_in.left_edge.idx, stand_in.idx + len(stand_in.text)
        if stand_in.left_edge.lower_ in WORDS.determiners and stand_in.left_edge.i < stand_in.i:
            start = stand_in.left_edge.nbor().idx
        r.item = Filler("item", r.f.doc.text[start:end], start, end, via=POINTED if pointing else UNNAMED)
    else:
        r.item = Filler("item", token.text, token.idx, token.idx + len(token.text), via=UNNAMED)


def _stands_in(r: Reading, obj) -> bool:
    """"the vessel", "the CGS Valiant", "it": an object that may stand for a weapon (a pronoun
    only when it is not a state: "will hand it over"; "them" with a "with" is who receives)."""
    if obj.lemma_.lower() in WORDS.stand_ins or obj.lower_ in WORDS.stand_ins:
        return True
    if obj.pos_ == "PROPN":
        return not _known_actor(r, obj)
    if obj.lower_ in WORDS.pronouns and not pobjs(r.token, "with"):
        return not any(a.id and is_state_id(r.f, a.id) for a in r.f.actors(obj))
    return False


def _points_back(obj) -> bool:
    """"the ship", "these vessels", "it": a definite phrase or a pronoun takes up a weapon the
    article named before."""
    return obj.pos_ == "PRON" or any(c.dep_ == "det" and c.lower_ in WORDS.definite for c in obj.children)


def _known_actor(r: Reading, token) -> bool:
    """"supplied Brazil with ...": an object that is a known party is no stand-in for the weapon."""
    return any(a.id for a in r.f.actors(token))


def _in_general(token) -> bool:
    """"to challenge Boeing for US defense contracts": a bare plural that a preposition takes is
    contracts in general (one that is won or signed, "won contracts from the Navy", is not)."""
    return token.tag_ == "NNS" and token.dep_ == "pobj" and not any(c.dep_ in ("det", "nummod", "poss") for c in token.children)


def _for_something(r: Reading) -> bool:
    """The trigger names what it is for and that is no party: "an order for two oil tankers",
    "a contract to build a bridge", "plans to buy a software firm"."""
    token = r.token
    if any(c.dep_ in ("xcomp", "acl") and c.pos_ == "VERB" for c in token.children):
        return True
    preps = WORDS.purpose_preps if token.pos_ == "NOUN" else WORDS.purpose_preps & {"for"}
    return any(not _known_actor(r, o) and o.ent_type_ not in WORDS.not_purposes for o in pobjs(token, *preps))


@construction(EventType.TRANSFER, "frame", 795, "unnamed_item_sides")
def unnamed_item_sides(r: Reading) -> object:
    """A deal with no item named is an arms deal only between an arms maker the knowledge base
    knows and a state or its service abroad, both named: a firm supplying its own state, one
    firm buying another ("UBS agreed to buy SoundView"), or a side left unresolved ("its
    customers") is not reported. The maker sells."""
    item = r.mention.roles.get("item") or []
    if not item or item[0].via not in (UNNAMED, POINTED):
        return None
    # a named ship that stands for the item may have been read as a side too ("handed over the
    # CGS Valiant to ...")
    for side in ("supplier", "recipient"):
        if side in r.mention.roles:
            r.mention.roles[side] = [a for a in r.mention.roles[side]
                                     if not (a.start < item[0].end and item[0].start < a.end)]
    suppliers, recipients = r.mention.roles.get("supplier") or [], r.mention.roles.get("recipient") or []
    if not (suppliers and recipients):
        return REJECT
    if all(_maker(r, a) for a in recipients) and all(_state(r, a) for a in suppliers):
        # "Austal is in contract negotiations with the government": with no item to say which
        # way it goes, the maker is the seller
        suppliers, recipients = recipients, suppliers
        r.mention.roles["supplier"], r.mention.roles["recipient"] = suppliers, recipients
    sellers = all(_maker(r, a) for a in suppliers) or (item[0].via == POINTED and all(_state(r, a) for a in suppliers))
    if not (sellers and all(_state(r, a) for a in recipients)):
        return REJECT
    if {a.state for a in suppliers} & {a.id for a in recipients}:
        return REJECT
    return None


def _maker(r: Reading, actor) -> bool:
    """A firm the knowledge base lists as an arms maker (a text's own firms may be anything)."""
    entry = r.f.kb.get(actor.id) if r.f.kb is not None and actor.id else None
    return getattr(entry, "kind", None) == "company" and bool(actor.state)


def _state(r: Reading, actor) -> bool:
    """A state, or its service: "the Nigerian Navy" is Nigeria's, "two Indian airlines" are not."""
    if actor.via == "demonym" and not set(actor.text.lower().split()) & (FIRMS.service_words | WORDS.state_heads):
        return False
    return bool(actor.id) and is_state_id(r.f, actor.id)


@construction(EventType.TRANSFER, "article", 40, "unnamed_item_named_elsewhere")
def unnamed_item_named_elsewhere(whole: ArticleContext) -> None:
    """"Spain to build five corvettes for Saudi Arabia ... Navantia signed the contract with the
    Royal Saudi Navy on Tuesday": the deal whose weapon its sentence leaves unnamed is for what
    the article's other transfers between the same two name, when they name one thing (the words
    stay the sentence's own)."""
    for mention in whole.mentions:
        item = (mention.roles.get("item") or [None])[0]
        if mention.type != EventType.TRANSFER or item is None or item.via not in (UNNAMED, POINTED):
            continue
        pair = _pair(mention)
        named = {(x.id, x.name, x.category, x.broad) for other in whole.mentions if other is not mention
                 and other.type == EventType.TRANSFER and _pair(other) == pair
                 for x in (other.roles.get("item") or [])[:1] if x.via not in (UNNAMED, POINTED) and (x.id or x.category)}
        if len(named) == 1:
            (id_, name, category, broad), = named
            mention.roles["item"] = [replace(item, id=id_, name=name, category=category, broad=broad)]


def _pair(mention) -> tuple:
    """The two sides as states: a maker's deal is its state's ("Navantia" pairs as Spain)."""
    return tuple(frozenset(a.state or a.id for a in mention.roles.get(side) or []) for side in ("supplier", "recipient"))
