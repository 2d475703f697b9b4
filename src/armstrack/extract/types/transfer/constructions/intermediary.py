"""through_intermediary and intermediary_described: the broker named by what it is and where it
sits ("through a front company in Singapore", "brokered by a Dubai-based arms dealer", "an Italian
businessman acting as a middleman"), when the broker constructions before found no actor."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Filler
from .....resources import load_yaml
from ....arguments import pobjs
from ....construction import construction
from ....firms import open_actor, state_of
from ....lexicon import words
from ..reading import Reading
from .broker import hyphenated_word

WORDS = words("constructions/transfer", "through_intermediary")
HUBS = {k.lower(): v for k, v in
        load_yaml("patterns/constructions/transfer.yaml")["through_intermediary"]["hub_cities"].items()}


def _word(token: Token) -> str:
    return token.lower_ if token.lower_ in WORDS.intermediary_nouns else token.lemma_.lower()


def _involved(r: Reading) -> set:
    return {x for role in ("supplier", "recipient") for f in r.mention.roles.get(role, [])
            for x in (f.id, f.state) if x}


def _state_filler(r: Reading, token: Token) -> Filler | None:
    """The state a word names: a state, its demonym or capital, or a trading hub ("Dubai")."""
    f = r.f
    state = state_of(f, token)
    if state is None:
        ent = f.ent_at.get(token.i)
        text = (ent.text if ent is not None else token.text).lower()
        state = HUBS.get(text)
    if state is None or f.kb is None or f.kb.get(state) is None:
        return None
    ent = f.ent_at.get(token.i)
    start, end = (ent.start_char, ent.end_char) if ent is not None else (token.idx, token.idx + len(token))
    return Filler("actor", f.doc.text[start:end], start, end, id=state, name=f.kb.get(state).name, via="seat")


def _seat(r: Reading, noun: Token) -> Filler | None:
    """Where an intermediary sits: "in Singapore", "registered in Cyprus", "Dubai-based", "Polish
    brokers", "an Italian businessman"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "from"):
            for pobj in pobjs(noun, child.lower_):
                found = _state_filler(r, pobj)
                if found:
                    return found
        if child.dep_ in ("acl", "amod") and child.lower_ in WORDS.seat_participles:
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ == "in":
                    for pobj in grand.children:
                        if pobj.dep_ == "pobj" and (found := _state_filler(r, pobj)):
                            return found
                if grand.dep_ in ("npadvmod", "compound", "nmod") and (found := _state_filler(r, grand)):
                    return found
        if child.dep_ in ("amod", "compound", "nmod") and (found := _state_filler(r, child)):
            return found
    return None


def _broker(r: Reading, noun: Token) -> list[Filler]:
    """The broker an intermediary phrase names: a firm or actor it names, else the state it sits in."""
    f, involved = r.f, _involved(r)
    named = [a for a in f.actors(noun) if a.id and a.id not in involved and a.state not in involved]
    if not named:
        ent = f.ent_at.get(noun.i)
        firm = open_actor(f, ent) if ent is not None else None
        named = [firm] if firm is not None else []
    if named:
        return named[:1]
    seat = _seat(r, noun)
    if seat is None and noun.lower_ in WORDS.collective_nouns:
        members = pobjs(noun, "of")
        return _broker(r, members[0]) if members else []
    return [seat] if seat is not None and seat.id not in involved else []


def _settle(r: Reading, broker: list[Filler]) -> None:
    r.mention.roles.pop("broker", None)
    r.mention.add("broker", broker)
    r.settled.add("broker")


@construction(EventType.TRANSFER, "frame", 788, "through_intermediary")
def through_intermediary(r: Reading) -> None:
    """"North Korea sold missile parts to Iran through a front company in the UAE", "received
    drones via intermediaries in the UAE", "were shipped to Ukraine through brokers in Poland": an
    intermediary reached through "through" or "via" on the trigger or a verb above it brokers."""
    if "broker" in r.settled or r.mention.roles.get("broker"):
        return
    for node in r.f.chain(r.mention.trigger, 3):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in WORDS.through_preps):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if _word(pobj) in WORDS.intermediary_nouns:
                    broker = _broker(r, pobj)
                    if broker:
                        return _settle(r, broker)


@construction(EventType.TRANSFER, "frame", 789, "intermediary_described")
def intermediary_described(r: Reading) -> None:
    """"in a deal brokered by a company registered in Cyprus", "was brokered by a Dubai-based arms
    dealer", "an Italian businessman accused of acting as a middleman in the sale": a broker
    described, not named, is the firm it names or the state it sits in."""
    if "broker" in r.settled or r.mention.roles.get("broker"):
        return
    f, mediation = r.f, r.lex.mediation
    for node in f.chain(r.mention.trigger, 6):
        # "brokered by ...": on the trigger, the noun above it, or the verb it is the subject of
        deals = [node] + [p for prep in node.children if prep.dep_ == "prep" and prep.lower_ in ("in", "under")
                          for p in prep.children if p.dep_ == "pobj"]   # "sold ... in a deal brokered by"
        verbs = [c for d in deals for c in d.children if c.dep_ == "acl"] + ([node] if node.pos_ == "VERB" else [])
        for verb in verbs:
            if verb.lemma_.lower() in mediation:
                for agent in pobjs(verb, "by"):
                    broker = _broker(r, agent)
                    if broker:
                        return _settle(r, broker)
        # "acting as a middleman in the sale": the one who acts, up to the clause's subject
        roles = [node] + [p for prep in node.children if prep.dep_ == "prep" and prep.lower_ == "as"
                          for p in prep.children if p.dep_ == "pobj"]
        role = next((t for t in roles if t.dep_ == "pobj" and t.head.lower_ == "as"
                     and hyphenated_word(t) in r.words["broker_nouns"]), None)
        if role is not None:
            verb = role.head.head
            for _ in range(4):
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    broker = _broker(r, subj)
                    if broker:
                        return _settle(r, broker)
                    break
                verb = verb.head
