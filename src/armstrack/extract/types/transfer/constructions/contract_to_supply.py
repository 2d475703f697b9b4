"""contract_to_supply: "Lockheed Martin signed a contract with Bulgaria to supply eight F-16 jets"."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Filler, Status
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....frames import FrameReader
from ....lexicon import words
from ..reading import NOUN, Reading

WORDS = words("constructions/transfer", "contract_to_supply")


def _contract(r: Reading, token: Token) -> tuple[Token, Token | None] | None:
    """(the contract noun, the verb it is the object or subject of) when `token` is what a
    contract is to do: "a contract to build frigates", "signed a contract with Spain to build"."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in WORDS.supplying_verbs | WORDS.buying_verbs or \
            not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return None
    contracts = r.words["deal_nouns"] | WORDS.contract_nouns
    head = token.head
    if token.dep_ in ("acl", "relcl") and (head.lemma_.lower() in contracts or _intent_noun(head) is not None):
        verb = head.head if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB" else None
        return head, verb
    if token.dep_ in ("advcl", "xcomp") and head.pos_ == "VERB":
        contract = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and c.i < token.i
                         and (c.lemma_.lower() in contracts or _intent_noun(c) is not None)), None)
        if contract is not None:
            return contract, head
    return None


@construction(EventType.TRANSFER, "trigger", 86, "contract_to_supply")
def contract_to_supply(r: Reading) -> None:
    """"Lockheed Martin signed a contract with Bulgaria to supply eight F-16 jets", "BAE won a
    contract to build Australia's new frigates", "Kongsberg has signed a contract with Spain to
    build Naval Strike Missiles": what a contract is to supply or build is a transfer agreed
    (its sides: `contract_to_supply_sides`)."""
    token = r.token
    if token.lemma_.lower() not in WORDS.supplying_verbs or _contract(r, token) is None or \
            not any(is_item(r.f, o) for o in children(token, "dobj")):
        return
    r.entry = {**r.lex.transfer_verbs["supply"], "status": Status.AGREED.value}


@construction(EventType.TRANSFER, "trigger", 85, "intent_signed")
def intent_signed(r: Reading) -> None:
    """"Croatia signed a letter of intent with Dassault for 12 Rafale jets", "Indonesia signed a
    memorandum of understanding with TAI for ANKA drones", "the US Army exercised an option for
    50 more Strykers": a paper short of a contract, or an option in one, signed or exercised
    for a weapon commits its buyer as an order does (its sides: `signed_contract`). Its words
    alone are no trade ("a letter to the minister", "all options are open")."""
    token, f = r.token, r.f
    if r.entry is not None or token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "dobj" or \
            _intent_noun(token) is None:
        return
    if token.head.lemma_.lower() not in WORDS.signing_verbs | WORDS.exercising_verbs:
        return
    wanted = [p for h in (token, token.head) for p in pobjs(h, "for")]
    # "for the purchase of": that noun is the trade and reads itself
    if any(p.lemma_.lower() in r.lex.transfer_nouns for p in wanted) or \
            not any(is_item(f, p) for p in wanted):
        return
    r.entry = {**r.lex.transfer_nouns["order"], "status": Status.AGREED.value}


@construction(EventType.TRANSFER, "frame", 808, "option_exercised")
def option_exercised(r: Reading) -> None:
    """"Lithuania has exercised an option to acquire 18 more Caesar howitzers": an option is a
    thing considered until it is exercised or signed; then the purchase it is for is agreed."""
    token, m = r.token, r.mention
    if token.dep_ not in ("acl", "relcl") or _intent_noun(token.head) is None or m.status is None:
        return
    if token.head.head.lemma_.lower() in WORDS.signing_verbs | WORDS.exercising_verbs and \
            m.status.rank < Status.AGREED.rank and not m.status.halts:
        m.status = Status.AGREED


def _intent_noun(token: Token) -> str | None:
    """The paper `token` is: "memorandum", "option", or "letter" when it is "of intent"."""
    lemma = token.lemma_.lower()
    if lemma in WORDS.intent_nouns:
        return lemma
    if any(f"{lemma} of {p.lower_}" in WORDS.intent_phrases for p in pobjs(token, "of")):
        return lemma
    return None


@construction(EventType.TRANSFER, "frame", 766, "contract_to_supply_sides")
def contract_to_supply_sides(r: Reading) -> None:
    """The sides of what a contract is to supply: who wins or is awarded it supplies, who awards
    it receives ("awarded Saab a contract to supply"); of two that sign it, a firm supplies a
    state or service, else the one whose state makes the system ("Australia has signed a
    contract with Rheinmetall to supply military trucks"); the receiver is the other party, or
    the one the item is for or belongs to ("to build Australia's fleet of frigates"). A deal
    to buy is the other way round: "India signed a deal with France to buy 26 Rafale jets"."""
    token, f, m = r.token, r.f, r.mention
    found = _contract(r, token)
    if found is None:
        return
    contract, verb = found
    verb, subject = _signer(f, contract, verb)
    lemma = verb.lemma_.lower() if verb is not None else ""
    passive = verb is not None and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    partner = _partner(f, contract, verb)
    if token.lemma_.lower() in WORDS.buying_verbs:
        # "India signed a deal with France to buy 26 Rafale jets": the other party sells
        supplier, buyer = partner, subject
    elif lemma in r.words["awarding_verbs"]:
        winner = [a for c in children(verb, "nsubjpass" if passive else "dative", "iobj")
                  for a in f.actors(c) if a.id] + [a for p in pobjs(verb, "to") for a in f.actors(p) if a.id]
        supplier, buyer = winner, (partner if passive else subject)
    elif lemma in r.words["winning_verbs"] or lemma in WORDS.receiving_verbs:
        supplier, buyer = subject, partner
    else:
        supplier, buyer = _by_kind(f, subject, partner, m.first("item"))
    buyer = buyer or _item_owner(f, token) or [a for a in m.roles.get("recipient") or []]
    if not supplier:
        return
    ids = {a.state or a.id for a in supplier}
    m.roles["supplier"] = supplier
    buyer = [a for a in buyer if (a.state or a.id) not in ids]
    m.roles.pop("recipient", None)
    if buyer:
        m.roles["recipient"] = buyer


@construction(EventType.TRANSFER, "frame", 767, "signed_contract", shapes=(NOUN,))
def signed_contract(r: Reading) -> None:
    """"Embraer has signed a contract worth $300 million with the Portuguese Air Force for five
    KC-390 aircraft", "Spain signed a contract with Kongsberg for Naval Strike Missiles": of the
    two that sign a contract, a firm supplies a state or service, else the one whose state
    makes the system; the other receives. Two states and a third state's system stay as read.
    Two that sign as one subject ("Turkey and Pakistan signed a contract for") are read alike."""
    token, f, m = r.token, r.f, r.mention
    if token.dep_ != "dobj" or token.head.lemma_.lower() not in WORDS.signing_verbs or \
            (token.lemma_.lower() not in r.words["deal_nouns"] and _intent_noun(token) is None):
        return
    verb, subject = _signer(f, token, token.head)
    partner = _partner(f, token, verb)
    if not partner and len({a.state or a.id for a in subject}) == 2:
        # "Turkey and Pakistan signed a contract for four MILGEM corvettes": both sign as subjects
        first = subject[0].state or subject[0].id
        partner = [a for a in subject if (a.state or a.id) != first]
        subject = [a for a in subject if (a.state or a.id) == first]
    if not subject or not partner:
        return
    supplier, buyer = _by_kind(f, subject, partner, m.first("item"), decided=True)
    if supplier:
        m.roles["supplier"], m.roles["recipient"] = supplier, buyer


def _signer(f: FrameReader, contract: Token, verb: Token | None) -> tuple[Token | None, list[Filler]]:
    """The verb of the contract and its subject's actors: "it had signed a 3.3 trillion won
    contract" (the currency taken for a verb) climbs to the verb whose subject is a party."""
    node = verb or contract
    for _ in range(3):
        if node.pos_ == "VERB":
            subject = f.subject_of(node)
            found = [a for a in f.actors(subject) if a.id] if subject is not None else []
            if found:
                return node, found
        if node.head.i == node.i:
            break
        node = node.head
    return verb, []


def _partner(f: FrameReader, contract: Token, verb: Token | None) -> list[Filler]:
    """The other party of a contract: "with", "from" or "by" on it, on its verb, or on its
    amount ("a contract worth $300 million with the Portuguese Air Force")."""
    holders = [contract] + ([verb] if verb is not None else [])
    # "a memorandum of understanding with Baykar": the parser hangs the party on the complement
    holders += pobjs(contract, "of") if _intent_noun(contract) is not None or \
        contract.lemma_.lower() == "memorandum" else []
    holders += [c for c in contract.children if c.dep_ in ("amod", "acl") and c.i > contract.i
                and c.lemma_.lower() not in WORDS.supplying_verbs | WORDS.buying_verbs]
    return [a for h in holders for p in pobjs(h, "with", "from", "by") for a in f.actors(p) if a.id]


def _by_kind(f: FrameReader, subject: list[Filler], partner: list[Filler],
             item: Filler | None, *, decided: bool = False) -> tuple[list[Filler], list[Filler]]:
    """(supplier, buyer) of two that sign: a firm supplies the other; else the one whose state
    makes the system; else the subject, as "to supply" after it says (with `decided`, no one)."""
    def firm(side: list[Filler]) -> bool:
        return bool(side) and all(a.state for a in side)
    if firm(partner) and not firm(subject):
        return partner, subject
    if firm(subject) and not firm(partner):
        return subject, partner
    origin = getattr(f.kb.get(item.id), "country", None) if item is not None and item.id and f.kb else None
    if origin and any((a.state or a.id) == origin for a in partner):
        return partner, subject
    if decided:
        if origin and any((a.state or a.id) == origin for a in subject):
            return subject, partner
        return [], []
    return subject, partner


def _item_owner(f: FrameReader, token: Token) -> list[Filler]:
    """"to build Australia's fleet of new frigates": whose the item is; "for Australia"."""
    out = [a for p in pobjs(token, "for") for a in f.actors(p) if a.id]
    for obj in children(token, "dobj"):
        out += [a for c in obj.children if c.dep_ == "poss" for a in f.actors(c) if a.id]
    return out
