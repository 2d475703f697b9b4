"""Sides read once the item is known: the asker of a delivery, the source or destination the
parser hangs on the item's phrase, the owner of what was bought or sold, the maker named on
the item; and a verb of motion that names no recipient moves the item rather than handing it
over."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .....records import EventType
from ....arguments import children, pobjs
from ....construction import REJECT, construction
from ....labels import ITEM_LABELS
from ....lexicon import words
from ..common import TAKEN_UP, is_state_id
from ..reading import Reading

WORDS = words("constructions/transfer", "moved_not_handed")
MAKERS = words("constructions/transfer", "built_by_foreign")


@construction(EventType.TRANSFER, "frame", 710, "asked_for_delivery")
def asked_for_delivery(r: Reading) -> None:
    """"Ukraine has urged allies to send more Patriot systems": who asks (`asking_verbs`) for a
    delivery and names no other destination wants it."""
    token, f, m = r.token, r.f, r.mention
    if r.give and not m.roles.get("recipient") and token.dep_ == "xcomp" and (
            token.head.lemma_.lower() in r.lex.asking_verbs or any(
                f"{token.head.lemma_.lower()} {p.lower_}" in r.lex.asking_verbs
                for p in token.head.children if p.dep_ == "prep")):
        asker = [a for a in f.actors(next(iter(children(token.head, "nsubj")), None)) if a.id]
        taken = {a.id for a in m.roles.get("supplier", [])}
        m.add("recipient", [a for a in asker if a.id not in taken])


@construction(EventType.TRANSFER, "frame", 734, "moved_not_handed")
def moved_not_handed(r: Reading) -> object:
    """"sent a drone over Israeli airspace", "sent a carrier to the Mediterranean": a verb of
    motion with no recipient moves the item, it does not hand it over; unless a pronoun takes
    up a weapon named before ("Paris sent them in January", "sent the first six of them"):
    then it waits for the earlier transfer's recipient (`taken_up_sides`), and is dropped
    without one."""
    if r.lemma not in WORDS.motion_verbs or r.mention.roles.get("recipient"):
        return None
    item = r.mention.roles.get("item") or []
    if item and r.mention.roles.get("supplier") and _pronoun_object(r.token):
        r.mention.roles["item"] = [replace(item[0], via=TAKEN_UP)] + item[1:]
        return None
    return REJECT


def _pronoun_object(verb: Token) -> bool:
    """"sent them", "sent the first six of them": the object is a pronoun, or an amount of one."""
    for obj in children(verb, "dobj"):
        if obj.lower_ in WORDS.taken_up_pronouns or any(
                p.lower_ in WORDS.taken_up_pronouns for p in pobjs(obj, "of")):
            return True
    return False


@construction(EventType.TRANSFER, "frame", 730, "item_phrase_sides")
def item_phrase_sides(r: Reading) -> None:
    """"the last of its 30 Rafale jets from France", "AH-64E helicopters from the United States",
    "missile components bound for the Houthis": the parser may hang the source or the
    destination on the item's phrase (on either head of a torn name, or on the amount the item
    is "of") instead of the verb; "produces drones for Russia": the state a weapon is made for;
    "placed an order for Rafale jets with France": the seller an order is "with"."""
    token, f, m, item = r.token, r.f, r.mention, r.item
    span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None:
        return
    after = f.ent_at.get(span.end)
    if after is not None and after.start == span.end and after.label_ in ITEM_LABELS:
        # "the first Carl-Gustaf M4 recoilless rifles from Saab": the kind after the name is
        # the same item, and the parser may hang the source on it (found by use)
        span = f.doc[span.start:after.end]
    head = span.root
    # "40 F-16 jets": a model number may be parsed as the numeral of the head noun
    while head.dep_ in ("compound", "amod", "nmod", "nummod") and head.head.i != head.i:
        head = head.head
    heads = [head]
    heads += [t for t in span if t.i != head.i and not span.start <= t.head.i < span.end]
    while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != token.i and \
            head.head.head.pos_ in ("NOUN", "ADJ", "NUM") and len(heads) < 3:
        head = head.head.head
        heads.append(head)
    for node in heads:
        for frm in pobjs(node, "from"):
            m.add("supplier", f.actors(frm, allow_place=True))
        if r.give:
            for to in pobjs(node, "to"):
                m.add("recipient", f.actors(to, allow_place=True))
            if not m.roles.get("recipient") and r.lemma in r.lex.production_verbs:
                for fr in pobjs(node, "for"):
                    m.add("recipient", [a for a in f.actors(fr) if a.id])
        elif not m.roles.get("supplier") and token.pos_ == "NOUN" and r.lemma in r.lex.content_nouns:
            for other in pobjs(node, "with"):
                m.add("supplier", [a for a in f.actors(other) if a.id])
        if not r.give and not m.roles.get("recipient") and token.pos_ == "NOUN" and r.lemma in r.lex.content_nouns:
            # "a contract for 24 Krab howitzers for Ukraine": whom a buyer's contract is for
            taken = {a.id for a in m.roles.get("supplier", [])}
            for fr in pobjs(node, "for"):
                m.add("recipient", [a for a in f.actors(fr) if a.id and a.id not in taken])
        _destined(r, node)
        for acl in node.children:
            entry = r.lex.transfer_verbs.get(acl.lemma_.lower())
            if acl.dep_ in ("acl", "relcl") and acl.i != token.i and entry is not None and \
                    not m.roles.get("supplier"):
                # "took delivery of Panthera T6s donated by the UAE", "received jets bought from
                # Russia": a participle on the item names who gave it
                for giver in pobjs(acl, "by" if entry["frame"] == "give" else "from"):
                    m.add("supplier", [a for a in f.actors(giver) if a.id])
    if token.pos_ == "NOUN" and not m.roles.get("recipient"):
        _destined(r, token)   # "a cargo of rifles destined for Libya": on the shipment itself


def _destined(r: Reading, node: Token) -> None:
    """"missile components bound for the Houthis": where a participle on `node` says it goes."""
    for acl in node.children:
        if acl.dep_ in ("acl", "amod") and acl.lemma_.lower() in r.lex.destination_participles:
            for to in pobjs(acl, "for", "to"):
                r.mention.add("recipient", r.f.actors(to, allow_place=True))


def _phrase_head(f, item) -> Token | None:
    """The head of the item's noun phrase: "Kenya's Mi-17 helicopters" -> "helicopters"."""
    span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head
    return head


@construction(EventType.TRANSFER, "frame", 775, "bought_for_another")
def bought_for_another(r: Reading) -> None:
    """"The Pentagon awarded Lockheed Martin a contract for 66 F-16 jets for Taiwan", "awarded
    Raytheon a contract to build NASAMS for Ukraine": a foreign state a weapon is "for" gets it,
    over a buyer of the maker's own state who buys on its behalf."""
    f, m, item = r.f, r.mention, r.item
    head = _phrase_head(f, item) if item.start else None
    # "includes Stryker vehicles, Javelin missiles and ammunition for Ukraine": the "for" may
    # hang on the last weapon of a list
    listed = [t for t in head.subtree if t.dep_ in ("conj", "appos") and t.head.i != t.i] if head is not None else []
    nodes = [n for n in (head, r.token, *listed) if n is not None]
    makers = {a.state or a.id for a in m.roles.get("supplier") or []}
    wanted = [a for n in nodes for p in pobjs(n, "for") for a in f.actors(p)
              if a.id and is_state_id(f, a.id) and a.id not in makers]
    if not wanted:
        return
    buyers = {a.state or a.id for a in m.roles.get("recipient") or []}
    if not buyers or (makers and buyers <= makers):
        m.roles["recipient"] = wanted[:1]


@construction(EventType.TRANSFER, "frame", 732, "owner_bought")
def owner_bought(r: Reading) -> None:
    """"Kenya's Mi-17 helicopters were bought from Russia", "Ghana's C295s, bought from Spain":
    the owner of what was bought or received, named on the item that is the verb's passive
    subject or that its participle qualifies, is the buyer."""
    token, f, m, item = r.token, r.f, r.mention, r.item
    if r.give or m.roles.get("recipient") or token.pos_ != "VERB" or not item.start:
        return
    head = _phrase_head(f, item)
    if head is None:
        return
    if not (head.dep_ in ("nsubjpass", "nsubj") and head.head.i == token.i and r.passive) and \
            not (token.dep_ == "acl" and token.head.i == head.i):
        return  # "Ghana's C295s, bought from Spain in 2012": a participle on the item
    sellers = {a.state or a.id for a in m.roles.get("supplier") or []}
    owners = [a for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN" for a in f.actors(c)
              if a.id and (a.state or a.id) not in sellers]
    if owners:
        m.add("recipient", owners[:1])


@construction(EventType.TRANSFER, "frame", 733, "owner_sold")
def owner_sold(r: Reading) -> None:
    """"Pakistan's JF-17 jets have been sold to Myanmar and Nigeria": the state named as owner of
    what was sold or exported to others, the verb's passive subject, is the seller, when no "by"
    names one. A verb of motion only moves its own ("Kenya's helicopters were sent to Russia")."""
    token, f, m, item = r.token, r.f, r.mention, r.item
    if not r.give or not r.passive or m.roles.get("supplier") or not m.roles.get("recipient") or \
            token.pos_ != "VERB" or not item.start or r.lemma in WORDS.motion_verbs:
        return
    head = _phrase_head(f, item)
    if head is None:
        return
    if head.dep_ != "nsubjpass" or head.head.i != token.i:
        return
    buyers = {a.state or a.id for a in m.roles["recipient"]}
    owners = [a for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN" for a in f.actors(c)
              if a.id and is_state_id(f, a.id) and a.id not in buyers]
    if owners:
        m.add("supplier", owners[:1])


@construction(EventType.TRANSFER, "frame", 740, "maker_demonym")
def maker_demonym(r: Reading) -> None:
    """"Iranian drones", "Chinese CH-92A drones": the maker's state is the supplier when nothing
    else says who (the demonym may qualify a name compounded on the head)."""
    f, m, item = r.f, r.mention, r.item
    if m.roles.get("supplier") or not item.start:
        return
    head = f.doc.char_span(item.start, item.end, alignment_mode="expand")
    if head is None or any(c.dep_ == "acl" and c.lemma_.lower() in MAKERS.maker_verbs and pobjs(c, "by")
                           for c in head.root.children):
        return  # "Nigerian JF-17 jets made by Pakistan's PAC": the maker is named, the demonym owns
    mods, names = list(head.root.children), [c for c in head.root.children if c.dep_ == "compound"]
    while names:
        # "Chinese Wing Loong drones": a name of several words, each on the next, takes the demonym
        # on its first, and the parser may call the demonym a compound there
        mods += names[0].children
        names = names[1:] + [g for g in names[0].children if g.dep_ == "compound"]
    if head.root.dep_ == "conj" and head.root.head.pos_ == "NOUN":
        # "North Korean troops and weapons": the demonym of the first conjunct qualifies both
        mods += [c for c in head.root.head.children if c.i < head.root.head.i]
    for child in mods:
        ent = f.ent_at.get(child.i)
        if ent is not None and ent.label_ == "DEMONYM" and (child.dep_ == "amod" or (
                child.dep_ == "compound" and child.head.i != head.root.i and child.i == child.head.left_edge.i)):
            m.add("supplier", [f._filler_from_ent(ent)])
            break
