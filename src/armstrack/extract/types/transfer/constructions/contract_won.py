"""contract_won: "Saab won an order from Brazil for Gripen jets"."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Filler, Status
from ....arguments import children, is_item, pobjs
from ....construction import REJECT, construction
from ....frames import FrameReader
from ....labels import ITEM_LABELS
from ....lexicon import words
from ..common import is_firm, is_state_id
from ..reading import CLAUSE, NOUN, Reading

WORDS = words("constructions/transfer", "contract_won")
SIGNING_VERBS = words("constructions/transfer", "contract_to_supply").signing_verbs


@construction(EventType.TRANSFER, "frame", 760, "contract_won")
def contract_won(r: Reading) -> None:
    """"Saab won an order from Brazil for Gripen jets", "Lockheed Martin was awarded a contract to
    build F-16 jets for Bulgaria", "Bulgaria awarded Lockheed Martin a contract for", "TAIS won a
    contract with the Indian Navy", "Saab received an order from Thailand": who wins, receives
    or is awarded an order supplies it; who places or awards it receives."""
    token, f, m, words_ = r.token, r.f, r.mention, r.words
    contracts = words_["deal_nouns"] | WORDS.order_nouns | WORDS.competition_nouns
    contract = token if token.lemma_.lower() in contracts else (
        token.head if token.dep_ in ("acl", "relcl") and token.head.lemma_.lower() in words_["deal_nouns"] else None)
    if contract is None:
        return
    if not (contract.dep_ in ("dobj", "nsubjpass") or _absolute(contract) is not None):
        _awarded_participle(r, contract)
        return
    verb = contract.head
    lemma = verb.lemma_.lower()
    # "won a contract worth $400 million from India": the parties may hang on the amount
    holders = [contract, verb] + [c for c in contract.children if c.i > contract.i and (
        c.dep_ in ("amod", "acl") or c.lower_ in WORDS.amount_words)]
    if contract.dep_ == "dobj" and (lemma in words_["winning_verbs"] or lemma in WORDS.receiving_verbs):
        # "won a contract from / with the Indian Navy", "received an order from Thailand", "secured a
        # firm order for two C-390 aircraft from South Korea" (the buyer hung on what it is for)
        winner = f.subject_of(verb)
        giver = next(iter(p for h in holders for p in pobjs(h, "from", "with")), None) or next(iter(
            p for w in pobjs(contract, "for") for p in pobjs(w, "from") if any(
                is_state_id(f, a.id) for a in f.actors(p) if a.id)), None)
    elif lemma in words_["awarding_verbs"]:
        winner, giver = _awarded(f, contract, verb, holders)
    else:
        return
    winners, givers = _parties(f, contract, winner, giver)
    if not winners:
        return
    ids = {a.id for a in winners}
    # read before the winner takes the supplier's place: "won an order for 180 K2 tanks from
    # Poland" hung the buyer on the item after the order word, where it was read as the
    # supplier ("for F-35 jets made in the United States" names the winner's own state, no
    # buyer; "its order" is the winner's)
    home = {a.state for a in winners if a.state}
    phrase = range(contract.idx + 1, contract.right_edge.idx + 1)
    recipients = givers or [a for a in m.roles.get("recipient", []) if a.id not in ids] + [
        a for a in m.roles.get("supplier", []) if a.id not in ids and a.id not in home and a.start in phrase]
    m.roles["supplier"] = winners
    m.roles.pop("recipient", None)
    if recipients:
        m.roles["recipient"] = recipients[:1]


def _parties(f: FrameReader, contract: Token, winner: Token | None, giver: Token | None) -> tuple[list, list]:
    """The known actors who win the contract, and those who give it: the giver named, else the
    one said before it (`_giver_before`); no givers are read when no winner is known."""
    winners = [a for a in f.actors(winner) if a.id] if winner is not None else []
    if not winners:
        return [], []
    ids = {a.id for a in winners}
    givers = [a for a in f.actors(giver) if a.id] if giver is not None else _giver_before(f, contract, ids)
    return winners, givers


def _awarded(f: FrameReader, contract: Token, verb: Token, holders: list[Token]) -> tuple[Token | None, Token | None]:
    """(winner, giver) of a contract awarded: "Bulgaria awarded Lockheed Martin a contract",
    "has been awarded a contract by Romania's Ministry of National Defence", "awarded the
    contract for 12 radars to the French company Brevanor", "the contract was awarded to Brevanor
    by Chile"."""
    # the one it goes "to": on the verb or the contract, or on what it is for, a firm alone
    # ("for 12 radars to X", where "to Ukraine" could be where the radars go)
    to = [p for h in holders for p in pobjs(h, "to")]
    to += [p for h in holders for w in pobjs(h, "for") for p in pobjs(w, "to")
           if all(a.state or (a.id or "").startswith("org:") for a in f.actors(p) if a.id)]
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _absolute(contract) is not None:
        winner = next(iter(children(verb, "nsubjpass")), None) if contract.dep_ == "dobj" else None
        # "bought 30 howitzers, with the contract awarded to X": who the clause is of awards it
        clause = _absolute(contract)
        giver = next(iter(p for h in holders for p in pobjs(h, "by")), None) or (
            f.subject_of(clause) if clause is not None else None)
        return winner or next(iter(to), None), giver
    if contract.dep_ != "dobj":
        return None, None
    winner = next((c for c in children(verb, "dative", "iobj") if c.lower_ not in ("to", "for")), None)
    return winner or next(iter(to), None), next(iter(children(verb, "nsubj")), None)


@construction(EventType.TRANSFER, "frame", 212, "order_received", shapes=(CLAUSE,))
def order_received(r: Reading) -> object:
    """"Saab has received an order from Slovakia for CV90 vehicles": what is received is the
    order, the firm's to fill (`contract_won`), not the vehicles it is for."""
    token = r.token
    if token.lemma_.lower() in WORDS.receiving_verbs and any(
            o.lemma_.lower() in r.words["deal_nouns"] | WORDS.order_nouns for o in children(token, "dobj")):
        return REJECT
    return None


@construction(EventType.TRANSFER, "frame", 761, "own_order")
def own_order(r: Reading) -> None:
    """"Indonesia has firmed up its order for 42 Rafale jets with Dassault Aviation": a state's own
    order ("its", "their"), whatever is done to it, is the state's to receive."""
    token, f, m = r.token, r.f, r.mention
    if m.roles.get("recipient") or token.lemma_.lower() not in WORDS.buyers_nouns or token.dep_ != "dobj" or \
            not any(c.dep_ == "poss" and c.lower_ in WORDS.own_pronouns for c in token.children):
        return
    verb = token.head
    if verb.lemma_.lower() in r.words["winning_verbs"] or verb.lemma_.lower() in WORDS.receiving_verbs:
        return  # "Saab won its largest order": the winner's, who supplies
    subject = f.subject_of(verb)
    suppliers = {a.state or a.id for a in m.roles.get("supplier") or []}
    buyers = [a for a in f.actors(subject) if a.id and is_state_id(f, a.id) and a.id not in suppliers] \
        if subject is not None else []
    if buyers:
        m.roles["recipient"] = buyers


def _with_party(r: Reading, contract: Token, verb: list[Token]) -> None:
    """"Australia scrapped its contract with Naval Group for Attack-class submarines": the other
    party of a contract found by what it is for supplies it, as `contract_contents` reads it when
    the contents hang on the contract (the signers' units settle which of two signers sells)."""
    if r.give or r.mention.roles.get("supplier"):
        return
    for other in pobjs(contract, "with") + [p for v in verb for p in pobjs(v, "with")]:
        r.mention.add("supplier", r.f.actors(other))


def _awarded_participle(r: Reading, contract: Token) -> None:
    """"The Saudi contract, awarded to Navantia in 2018, covers five corvettes", "the Brazilian
    contract, signed with Saab in 2014", "the Greek contract, signed with France": a contract
    said to be awarded to or signed with a firm, in a participle on it, is that firm's to supply
    (a state's, when another state is said to give it); the state it is said of, before it or
    "by", receives."""
    f, m = r.f, r.mention
    for verb in children(contract, "acl"):
        lemma = verb.lemma_.lower()
        if verb.tag_ != "VBN":
            continue
        if lemma in r.words["awarding_verbs"]:
            winner = next(iter(pobjs(verb, "to")), None)
        elif lemma in SIGNING_VERBS:
            winner = next(iter(pobjs(verb, "with")), None)
        else:
            continue
        winners, givers = _parties(f, contract, winner, next(iter(pobjs(verb, "by")), None))
        if not winners:
            return
        ids = {a.id for a in winners}
        if not givers and not all(is_firm(a) for a in winners):
            # "the contract signed with Poland": a state alone may buy or sell
            return
        m.roles["supplier"] = winners
        recipients = givers or [a for a in m.roles.get("recipient", []) if a.id not in ids]
        m.roles.pop("recipient", None)
        if recipients:
            m.roles["recipient"] = recipients[:1]
        return


def _absolute(contract: Token) -> Token | None:
    """The verb of the clause a "with" absolute of a contract awarded hangs on ("began the overhaul
    of its howitzers with the contract being awarded to X", "with the contract awarded to X")."""
    verb = contract.head
    if contract.dep_ in ("nsubjpass", "nsubj") and verb.tag_ == "VBN" and verb.dep_ == "pcomp" and \
            verb.head.lower_ == "with" and verb.head.head.pos_ == "VERB":
        return verb.head.head
    return None


def _giver_before(f: FrameReader, contract: Token, winners: set[str]) -> list[Filler]:
    """"Hanwha wins Polish tank order", "Saab lands Indian Navy contract", "Rheinmetall wins
    Romanian howitzer competition": a state or its service named before the contract
    word, in its phrase, places the order (a firm so named is a partner or the winner's own)."""
    mods = [c for c in contract.children if c.i < contract.i and c.dep_ in ("amod", "compound", "nmod", "poss")]
    mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ in ("amod", "compound", "poss")]
    for child in sorted(mods, key=lambda t: t.i):
        found = [a for a in f.actors(child) if a.id and not a.state and a.id not in winners and
                 not a.id.startswith("org:")]
        if found:
            return found[:1]
    return []


@construction(EventType.TRANSFER, "trigger", 88, "competition_won")
def competition_won(r: Reading) -> None:
    """"Hanwha wins $1 billion Romanian howitzer competition", "Hanwha won the tender
    for K9 howitzers": a competition or tender for materiel won is an order won, agreed (its
    sides: `contract_won`)."""
    token, f = r.token, r.f
    if r.entry is not None or token.pos_ != "NOUN" or token.lemma_.lower() not in WORDS.competition_nouns or \
            token.dep_ != "dobj" or token.head.lemma_.lower() not in r.words["winning_verbs"]:
        return
    if any(is_item(f, c) for c in token.children if c.dep_ in ("compound", "nmod", "amod") and c.i < token.i) or \
            any(is_item(f, w) for w in pobjs(token, "for") + pobjs(token.head, "for")):
        r.entry = {**r.lex.transfer_nouns["order"], "status": Status.AGREED.value}


@construction(EventType.TRANSFER, "frame", 425, "contract_for", shapes=(NOUN,))
def contract_for(r: Reading) -> None:
    """"won a contract worth $400 million from India for Carl-Gustaf M4 rifles", "received an
    order from the Czech Republic for Carl-Gustaf weapons", "won a contract with the Indian Navy
    for the delivery of five fleet support ships": what a contract is for, hung by the parser on
    its amount or on its other party."""
    token, f = r.token, r.f
    if r.item is not None or token.lemma_.lower() not in r.words["deal_nouns"] | WORDS.order_nouns:
        return
    holders = [c for c in token.children if c.i > token.i and (
        c.dep_ in ("amod", "acl") or c.lower_ in WORDS.amount_words)]
    verb = [token.head] if token.dep_ == "dobj" and token.head.pos_ == "VERB" else []
    holders += [p for h in [token] + holders + verb for p in pobjs(h, "from", "with", "by")]
    for w in (w for h in [token] + verb + holders for w in pobjs(h, "for")):
        # "a contract with the Indian Navy for the delivery of five fleet support ships": what
        # the delivery is of
        for x in ([w] if w.lemma_.lower() not in r.lex.transfer_nouns else pobjs(w, "of")):
            if is_item(f, x):
                r.item, r.quantity = f.item(x)
                r.item_tokens.add(x.i)
                _with_party(r, token, verb)
                return
    clause = _absolute(token)
    for obj in children(clause, "dobj") if clause is not None else []:
        # "began the overhaul of its howitzers with the contract being awarded to X": what the
        # clause the contract is of is done to, or its "of"
        for x in [obj] + pobjs(obj, "of"):
            if is_item(f, x):
                r.item, r.quantity = f.item(x)
                r.item_tokens.add(x.i)
                return
    # "for Carl-Gustaf M4 recoilless rifles", parsed as a clause: the weapon named right after "for"
    doc = f.doc
    after = next((t for t in doc[token.i + 1:min(token.i + 12, r.sent.end)] if t.lower_ == "for"
                  and t.dep_ == "mark"), None)
    ent = f.ent_at.get(after.i + 1) if after is not None and after.i + 1 < r.sent.end else None
    if ent is not None and ent.label_ in ITEM_LABELS:
        r.item, r.quantity = f.item(ent.root)
