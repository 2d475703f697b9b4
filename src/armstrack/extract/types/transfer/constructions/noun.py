"""The noun shape: a transfer noun with its phrase ("deliveries of the Yakhont missiles", "arms
sales to Taiwan", "Russia's delivery of S-400s", "a package that includes HIMARS ammunition")."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....labels import ITEM_LABELS
from ....lexicon import words
from ..reading import NOUN, Reading

ANNOUNCED = words("constructions/transfer", "announced")


def is_agent_noun(r: Reading) -> bool:
    """A trigger noun that names a party ("supplier", "buyer"), not the transfer."""
    return r.lemma in r.lex.agent_nouns or r.token.lower_ in r.lex.agent_nouns


@construction(EventType.TRANSFER, "frame", 400, "of_phrase", shapes=(NOUN,))
def of_phrase(r: Reading) -> None:
    """"deliveries of the Yakhont missiles": the "of" phrase is the item, or, of a get noun, the
    buyer ("the purchase of Iraq"); "the largest customer for British arms": an agent noun's
    "for" names what it buys."""
    f = r.f
    # "will take possession of its first frigate": the parser may hang the "of" on the taking verb
    taken = pobjs(r.token.head, "of") if _takes_delivery(r) else []
    for of in pobjs(r.token, "of") + taken + (pobjs(r.token, "for") if is_agent_noun(r) else []):
        if is_item(f, of):
            item, quantity = f.item(of)
            if r.item is not None and r.item.id and not item.id:
                continue  # "delivery of Carl-Gustaf M4 rifles", torn in two "of" objects: the system
            r.item, r.quantity = item, quantity
            if r.give and r.item is not None and not r.mention.roles.get("recipient"):
                # "the sale of eight MQ-9 Reapers to Qatar": the parser may hang the destination
                # on the item's name (issue 23)
                named = [t for t in of.subtree if r.item.start <= t.idx < r.item.end]
                for to in [to for t in named for to in pobjs(t, "to")]:
                    r.mention.add("recipient", [a for a in f.actors(to) if a.id])
        elif not r.give:
            r.mention.add("recipient", f.actors(of))


@construction(EventType.TRANSFER, "frame", 405, "sale_to_then_of", shapes=(NOUN,))
def sale_to_then_of(r: Reading) -> None:
    """"approved a possible Foreign Military Sale to Taiwan of 66 F-16 jets", "a possible sale to
    the Government of Poland of 96 Apache helicopters": the item named after the destination (the
    State Department's form); the parser hangs its "of" on the destination or on the verb."""
    token, f = r.token, r.f
    if r.item is not None or not r.give:
        return
    verb = token.head if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX") else None
    tos = pobjs(token, "to") + (pobjs(verb, "to") if verb is not None else [])
    if not tos:
        return
    found = [o for to in tos for t in to.subtree for o in pobjs(t, "of")] + (
        pobjs(verb, "of") if verb is not None else [])
    for of in found:
        if of.i > min(to.i for to in tos) and is_item(f, of):
            r.item, r.quantity = f.item(of)
            r.item_tokens.add(of.i)
            return


@construction(EventType.TRANSFER, "frame", 410, "package_contents", shapes=(NOUN,))
def package_contents(r: Reading) -> None:
    """"a package for Ukraine that includes HIMARS ammunition", "the latest tranche of German aid
    to Ukraine includes four IRIS-T launchers": what the package includes (`content_verbs`)."""
    if r.item is not None:
        return
    f, m = r.f, r.mention
    for obj in _contents(r, r.token):
        if is_item(f, obj):
            r.item, r.quantity = f.item(obj)
            r.item_tokens.add(obj.i)
            if not m.roles.get("recipient"):
                for fr in pobjs(obj, "for", "to"):
                    m.add("recipient", [a for a in f.actors(fr) if a.id])
            break


def _contents(r: Reading, token: Token) -> list[Token]:
    """The objects of the verb that says what a package, deal or aid noun holds: its own
    relative clause ("a package that includes"), the verb it is the subject of ("the deal
    includes"), or that of the amount it is "of" ("the latest tranche of aid includes")."""
    verbs = r.words["content_verbs"]
    holders = [token]
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        holders.append(token.head.head)
    # "an $85 million sale to Bahrain that includes 60 AMRAAM missiles": the parser may hang
    # the relative clause on the recipient named last (issue 23)
    holders += [w for w in pobjs(token, "to", "for") if r.f.actors(w)]
    found = []
    for holder in holders:
        found += [c for c in holder.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in verbs]
        if holder.dep_ in ("nsubj", "nsubjpass") and holder.head.lemma_.lower() in verbs:
            found.append(holder.head)
    return [o for verb in found for o in children(verb, "dobj")]


@construction(EventType.TRANSFER, "frame", 420, "contract_contents", shapes=(NOUN,))
def contract_contents(r: Reading) -> None:
    """"a package for Ukraine including HIMARS ammunition" (the list may hang on the recipient's
    phrase), "signed a contract with Russia for S-400s" (the parser may hang the contents, and
    the other party, on the verb the contract is the object of): a `content_nouns` word's
    `content_preps` phrase is the item."""
    token, f, lex = r.token, r.f, r.lex
    if r.item is not None or not (r.lemma in lex.content_nouns or token.lower_ in lex.content_nouns):
        return
    verb = token.head if token.dep_ == "dobj" and token.head.pos_ == "VERB" else None
    for w in pobjs(token, *lex.content_preps) + [
            w for p in pobjs(token, "for", "to") for w in pobjs(p, *lex.content_preps)] + (
            pobjs(verb, "for") if verb is not None else []):
        if w.lemma_.lower() in lex.transfer_nouns:
            continue  # "a deal for the supply of S-400s": the supply is its own event
        if is_item(f, w):
            r.item, r.quantity = f.item(w)
            r.item_tokens.add(w.i)
            break
    if r.item is not None and not r.give:
        for other in pobjs(token, "with") + (pobjs(verb, "with") if verb is not None else []):
            r.mention.add("supplier", f.actors(other))


def _takes_delivery(r: Reading) -> bool:
    token = r.token
    return token.dep_ == "dobj" and token.head.lemma_.lower() in r.lex.receiving_support_verbs and \
        token.lower_ in r.words["receiving_objects"]


@construction(EventType.TRANSFER, "frame", 430, "took_delivery", shapes=(NOUN,))
def took_delivery(r: Reading) -> None:
    """"Belarus took delivery of Su-30s (from Russia)": the subject of a receiving verb gets what
    the noun names, and the verb's "from" supplies."""
    if not _takes_delivery(r):
        return
    f, head = r.f, r.token.head
    r.mention.add("recipient", f.actors(f.subject_of(head)))
    for frm in pobjs(head, "from"):
        r.mention.add("supplier", f.actors(frm))


@construction(EventType.TRANSFER, "frame", 440, "announced", shapes=(NOUN,))
def announced(r: Reading) -> None:
    """"the Pentagon announced a package", "Poland unveiled the purchase": who announces a sale or
    aid is its giver, a purchase its buyer (not where `took_delivery` read the verb)."""
    token, f = r.token, r.f
    holder = token
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in ANNOUNCED.batches:
        holder = token.head.head  # "announced a $250 million package of military aid": the aid's giver
    if not _takes_delivery(r) and holder.dep_ == "dobj" and holder.head.lemma_.lower() in r.lex.announcing_verbs:
        r.mention.add("supplier" if r.give else "recipient", f.actors(f.subject_of(holder.head)))


@construction(EventType.TRANSFER, "frame", 450, "agent_on_recipient", shapes=(NOUN,))
def agent_on_recipient(r: Reading) -> None:
    """"the delivery of Patriots to Ukraine by Germany": the agent may hang on the recipient,
    which takes no "by" of its own."""
    for to in pobjs(r.token, "to"):
        for by in pobjs(to, "by"):
            r.mention.add("supplier" if r.give else "recipient", r.f.actors(by))


@construction(EventType.TRANSFER, "frame", 460, "agent_noun", shapes=(NOUN,))
def agent_noun(r: Reading) -> None:
    """"Russia is Iran's main supplier", "Egypt, the largest buyer of French arms", "Ghana appears
    to be the customer for", "Ukraine's largest suppliers are the US and Germany": the one an
    agent noun is said of is the supplier or buyer."""
    if not is_agent_noun(r):
        return
    token = r.token
    said_of = (children(token.head, "nsubj") or [s for s in [r.f.subject_of(token.head)] if s is not None]) \
        if token.dep_ == "attr" else [token.head] if token.dep_ == "appos" else []
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        said_of = children(token.head, "attr")   # "Ukraine's largest suppliers are the US and Germany"
    for agent in said_of:
        r.mention.add("supplier" if r.give else "recipient", r.f.actors(agent))


@construction(EventType.TRANSFER, "frame", 470, "noun_modifiers", shapes=(NOUN,))
def noun_modifiers(r: Reading) -> None:
    """"Russia's delivery of S-400s", "US arms shipments", "Su-35 sale": a weapon modifier is the
    item; an actor modifier gives (of a give noun, or any but a possessor) or gets; "Iran's
    supplier": an agent noun's possessor is the other side."""
    f, m, give = r.f, r.mention, r.give
    agent = is_agent_noun(r)
    # "US military aid deliveries": the modifiers of a transfer noun compounded on this one are
    # this one's (that noun is no transfer of its own: transfer_word)
    kinds = [c for c in r.token.children if c.dep_ == "compound" and c.lemma_.lower() in r.lex.transfer_nouns]
    for child in list(r.token.children) + [g for c in kinds for g in c.children]:
        if child.dep_ in ("compound", "nmod", "amod", "poss"):
            ent = f.ent_at.get(child.i)
            if ent is not None and ent.label_ in ITEM_LABELS and r.item is None:
                r.item, r.quantity = f.item(child)
            elif ent is not None and ent.label_ in {"ACTOR", "DEMONYM", "CAPITAL", "SEAT"}:
                if agent and child.dep_ == "poss" and m.roles.get("supplier" if give else "recipient"):
                    # "Iran's supplier": the possessor is the other side
                    m.add("recipient" if give else "supplier", f.actors(child))
                    continue
                asks = r.entry.get("class") == "request"   # "a Ukrainian request for": who asks gets
                actors = f.actors(child)
                if give and child.dep_ in ("compound", "nmod") and _other_state(r, actors):
                    # "Biden announces Ukraine package", "Canada's Ukraine aid": a state named
                    # beside the giver already found is where the aid goes
                    m.add("recipient", actors)
                    continue
                m.add("supplier" if (give or child.dep_ != "poss") and not asks else "recipient", actors)


def _other_state(r: Reading, actors: list) -> bool:
    """Whether `actors` are states, none of them the supplier the mention holds (there is one)."""
    suppliers = {a.id for a in r.mention.roles.get("supplier", []) if a.id}
    kb = r.f.kb
    return bool(suppliers and actors) and kb is not None and all(
        a.id and a.id not in suppliers and getattr(kb.get(a.id), "kind", None) == "state" for a in actors)


@construction(EventType.TRANSFER, "frame", 480, "noun_agent", shapes=(NOUN,))
def noun_agent(r: Reading) -> None:
    """"Arms sales to Myanmar by China": the noun's "by" gives (or gets)."""
    for by in pobjs(r.token, "by"):
        r.mention.add("recipient" if not r.give else "supplier", r.f.actors(by))


@construction(EventType.TRANSFER, "frame", 490, "materiel_trigger", shapes=(NOUN,))
def materiel_trigger(r: Reading) -> None:
    """"military aid", "nuclear assistance": the trigger noun is itself the materiel."""
    if r.item is None:
        r.item = r.f._materiel_phrase(r.token)


@construction(EventType.TRANSFER, "frame", 500, "compound_materiel", shapes=(NOUN,))
def compound_materiel(r: Reading) -> None:
    """"technology transfer for new missiles": the compound is the materiel, and what it is for
    says so."""
    if r.item is not None:
        return
    token = r.token
    purpose = [t for t in token.subtree if t.i > token.i]
    for child in token.children:
        if child.dep_ == "compound" and child.i < token.i:
            r.item = r.f._materiel_phrase(child, context=purpose)
            if r.item is not None:
                break
