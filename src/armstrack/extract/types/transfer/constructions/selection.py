"""selection: "The Peruvian Army picked Hyundai Rotem to supply 54 K2 tanks", "Slovakia picks CV90"."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Filler, Status
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....lexicon import words
from ..common import is_firm
from ..reading import Reading

WORDS = words("constructions/transfer", "selection")


def _chosen(token: Token) -> tuple[Token, Token | None, Token | None] | None:
    """(the selecting verb, what it chose, who chose) when `token` is what the chosen one is
    chosen to do ("selected Hanwha to supply", "was tapped to build") or what it is chosen for
    ("selects TAIS for delivery of")."""
    head = token.head
    if token.pos_ == "VERB" and token.dep_ in ("xcomp", "advcl") and \
            any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        verb = head
    elif token.pos_ == "NOUN" and token.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB":
        verb = head.head
    else:
        return None
    if verb.i == token.i:
        return None
    if verb.lemma_.lower() in WORDS.turn_verbs and token.pos_ == "VERB":
        # "Indonesia is looking to Italy's Fincantieri to supply frigates": who a buyer turns to
        # supplies, if it agrees (issue 23)
        chosen = next((w for w in pobjs(verb, "to") if w.i < token.i), None)
        chooser = next(iter(children(verb, "nsubj")), None)
        return (verb, chosen, chooser) if chosen is not None else None
    if verb.lemma_.lower() not in WORDS.select_verbs and (
            token.pos_ != "VERB" or verb.lemma_.lower() not in WORDS.engage_verbs):
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        chosen = next(iter(children(verb, "nsubjpass")), None)
        chooser = next(iter(pobjs(verb, "by")), None)
    else:
        chosen = next((c for c in children(verb, "dobj") if c.i < token.i), None)
        chooser = next(iter(children(verb, "nsubj")), None)
    return (verb, chosen, chooser) if chosen is not None else None


@construction(EventType.TRANSFER, "trigger", 83, "chosen_to_supply")
def chosen_to_supply(r: Reading) -> None:
    """"Poland has selected Hanwha to supply K9 howitzers", "Egypt chose ThyssenKrupp Marine
    Systems to build two MEKO frigates", "Naval Group was selected by Greece to supply three
    frigates": what a maker is chosen to supply or build is a transfer it will make, agreed
    (the chooser receives it: `chosen_supplier`)."""
    token, f = r.token, r.f
    if token.pos_ != "VERB" or token.lemma_.lower() not in WORDS.supplying_verbs or _chosen(token) is None:
        return
    if not any(is_item(f, o) for o in children(token, "dobj")):
        return
    turned = _chosen(token)[0].lemma_.lower() in WORDS.turn_verbs
    r.entry = {**r.lex.transfer_verbs["supply"],
               "status": Status.CONSIDERED.value if turned else Status.AGREED.value}


@construction(EventType.TRANSFER, "trigger", 84, "chosen_weapon")
def chosen_weapon(r: Reading) -> None:
    """"Slovakia picks CV90 for tracked fighting vehicle programme", "Poland selected the Patriot
    system", "Saab's Gripen has been selected by Colombia": a named system chosen is ordered from
    its maker, agreed; the chooser receives it."""
    token, f = r.token, r.f
    if r.entry is not None or token.pos_ != "VERB" or token.lemma_.lower() not in WORDS.select_verbs:
        return
    objs = _chosen_objects(token)
    if any(c.dep_ == "prt" for c in token.children) or \
            any(c.dep_ == "xcomp" and not any(o.i < c.i for o in objs) for c in token.children):
        return  # "chose to buy", "picked up": another verb says what is done
    for obj in objs:
        item, _ = f.item(obj)
        if item is not None and item.id and not f.actors(obj):
            r.entry = {**r.lex.transfer_verbs["order"], "status": Status.AGREED.value}
            return
    chosen = _chosen_firm(r, token)
    if chosen is not None:
        # "Lithuania taps Kongsberg for NASAMS systems": what the firm is chosen for is the item
        r.entry = {**r.lex.transfer_verbs["order"], "status": Status.AGREED.value}
        r.item, r.quantity = f.item(chosen[1])
        r.item_tokens.add(chosen[1].i)


@construction(EventType.TRANSFER, "frame", 763, "chosen_supplier")
def chosen_supplier(r: Reading) -> None:
    """"The Philippine Navy has selected HD Hyundai Heavy Industries to supply six patrol
    vessels", "has chosen BAE Systems Hägglunds' CV90 to supply 152 vehicles to the Slovak
    Army", "Indian Navy selects TAIS for delivery of five ships": the one chosen supplies (a
    chosen system, its maker), the one choosing receives unless a "to" names another."""
    token, f, m = r.token, r.f, r.mention
    found = _chosen(token)
    if found is None:
        chosen = _chosen_firm(r, token) if token.lemma_.lower() in WORDS.select_verbs else None
        if chosen is not None:
            # "Lithuania taps Kongsberg for NASAMS systems": the firm supplies, the chooser receives
            firms = chosen[0]
            m.roles["supplier"] = firms
            ids = {a.id for a in firms}
            choosers = [a for a in f.actors(f.subject_of(token)) if a.id and a.id not in ids]
            m.roles.pop("recipient", None)
            if choosers:
                m.roles["recipient"] = choosers
        elif token.lemma_.lower() in WORDS.select_verbs and not m.roles.get("supplier"):
            maker = _maker(r, next(iter(_chosen_objects(token)), None))
            if maker:
                m.roles["supplier"] = maker   # "Slovakia picks CV90": its maker supplies
        return
    _verb, chosen, chooser = found
    suppliers = [a for a in f.actors(chosen) if a.id] or _maker(r, chosen)
    if not suppliers:
        return
    ids = {a.state or a.id for a in suppliers}
    recipients = [a for a in m.roles.get("recipient") or [] if (a.state or a.id) not in ids]
    if not recipients and chooser is not None:
        recipients = [a for a in f.actors(chooser) if a.id and (a.state or a.id) not in ids]
    m.roles["supplier"] = suppliers
    m.roles.pop("recipient", None)
    if recipients:
        m.roles["recipient"] = recipients


@construction(EventType.TRANSFER, "frame", 803, "chosen_status")
def chosen_status(r: Reading) -> None:
    """"selects TAIS for delivery of five ships": a delivery the supplier is chosen for is
    agreed, not made yet."""
    m = r.mention
    if _chosen(r.token) is not None and m.status in (Status.DELIVERED, Status.DELIVERING):
        m.status = Status.AGREED


def _chosen_firm(r: Reading, verb: Token) -> tuple[list[Filler], Token] | None:
    """(the firms, the weapon's word) when a selecting verb chose a firm for a named weapon: "Lithuania
    taps Kongsberg for NASAMS systems", "selected Saab for its Sea Giraffe radars". Only when no
    firm chooses: a firm that taps another for parts buys from a subcontractor."""
    f = r.f
    if verb.lemma_.lower() not in WORDS.select_verbs or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if any(is_firm(a) for a in f.actors(f.subject_of(verb))):
        return None
    for obj in children(verb, "dobj"):
        firms = [a for a in f.actors(obj) if a.id and is_firm(a)]
        if not firms:
            continue
        for w in pobjs(verb, "for") + pobjs(obj, "for"):
            if is_item(f, w):
                return firms, w
    return None


def _chosen_objects(verb: Token) -> list[Token]:
    """What a selecting verb chose: its object, or its subject when passive ("the Gripen was
    selected by Colombia")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return children(verb, "nsubjpass")
    return children(verb, "dobj")


def _maker(r: Reading, obj: Token | None) -> list[Filler]:
    """Who makes the system named at `obj`: the firm or state it is written with ("BAE Systems
    Hägglunds' CV90"), else the knowledge base's country of the system."""
    f = r.f
    if obj is None:
        return []
    for child in obj.children:
        if child.dep_ in ("poss", "compound", "nmod") and child.i < obj.i:
            makers = [a for a in f.actors(child) if a.id]
            if makers:
                return makers
    item, _ = f.item(obj)
    entry = f.kb.get(item.id) if item is not None and item.id and f.kb is not None else None
    state = f.kb.get(entry.country) if entry is not None and getattr(entry, "country", None) else None
    if state is None:
        return []
    return [Filler("actor", item.text, item.start, item.end, id=state.id, name=state.name, via="maker")]
