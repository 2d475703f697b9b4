"""maker_announces: "Pilatus announced that an undisclosed African air force has ordered six
PC-7 trainers", "Embraer said the Hungarian Air Force will receive its first KC-390 next year"."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Filler
from ....construction import construction
from ....lexicon import words
from ..common import is_firm
from ..reading import Reading

WORDS = words("constructions/transfer", "maker_announces")
FIRMS = words("firms", "firms")


@construction(EventType.TRANSFER, "frame", 746, "maker_announces")
def maker_announces(r: Reading) -> None:
    """A firm announcing that a buyer ordered, bought or will receive materiel, from no one
    named, is its seller: trade-press reports of a maker's own orders name the customer and
    leave the seller to the attribution ("an undisclosed customer has ordered", "the customer,
    the Hungarian Air Force, will receive"). Only for materiel the firm's state could make: a
    system the knowledge base gives another state is someone else's sale the firm reports."""
    f, m, token = r.f, r.mention, r.token
    if r.item is None or (r.give and token.pos_ != "NOUN"):
        return  # "Saab said Sweden would donate": a giving verb names its giver
    speaker = _announcer(r, token)
    firms = [a for a in f.actors(speaker) if a.id and is_firm(a)] if speaker is not None else []
    if len(firms) != 1:
        return
    named = _customer_named(r)
    if named:
        m.roles["recipient"] = named
    recipients = {a.state or a.id for a in m.roles.get("recipient") or [] if a.id}
    if m.roles.get("supplier") or firms[0].state in recipients or firms[0].id in recipients:
        return
    if token.lemma_.lower() in WORDS.receiving_words and not any(
            set(a.text.lower().split()) & FIRMS.service_words for a in m.roles.get("recipient") or []):
        # "Lockheed Martin said Ukraine will receive F-16 jets": a state receiving may be given
        # them by others; a maker's customer is named as the service ("the Thai Air Force")
        return
    item = r.item
    origin = getattr(f.kb.get(item.id), "country", None) if item.id and f.kb is not None else None
    if origin and origin != firms[0].state:
        return  # "Saab said Ukraine received Leopard tanks": not Saab's sale
    m.add("supplier", [Filler("actor", firms[0].text, firms[0].start, firms[0].end, id=firms[0].id,
                              name=firms[0].name, via="announcer", state=firms[0].state)])


def _customer_named(r: Reading) -> list[Filler]:
    """"the customer, the Hungarian Air Force, will receive": the buyer a customer word is put
    beside, when the customer itself names no one."""
    f, m = r.f, r.mention
    recipients = m.roles.get("recipient") or []
    if len(recipients) != 1 or recipients[0].id:
        return []
    span = f.doc.char_span(recipients[0].start, recipients[0].end, alignment_mode="expand")
    if span is None:
        return []
    return [a for c in span.root.children if c.dep_ == "appos" for a in f.actors(c) if a.id][:1]


def _announcer(r: Reading, trigger: Token) -> Token | None:
    """The subject of the statement verb the trigger's clause is reported by ("Pilatus announced
    that ... has ordered"), or the one it is "according to", when the trigger is a buying or
    receiving word."""
    if trigger.lemma_.lower() not in WORDS.buying_words:
        return None
    chain = r.f.chain(trigger, 4)
    for node in chain[1:]:
        if node.lemma_.lower() in r.f.lex.attribution and node.pos_ == "VERB":
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            return subjects[0] if subjects else None
    # "According to Hanwha Aerospace, the Estonian Defence Forces will receive ...": the firm a
    # phrase of attribution on the clause names
    for node in chain:
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in WORDS.attributing_preps:
                to = [o for c in prep.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children
                      if o.dep_ == "pobj"]
                if to:
                    return to[0]
    return None
