"""contract_won: "Saab won an order from Brazil for Gripen jets"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....labels import ITEM_LABELS
from ....lexicon import words
from ..reading import NOUN, Reading

WORDS = words("constructions/transfer", "contract_won")


@construction(EventType.TRANSFER, "frame", 760, "contract_won")
def contract_won(r: Reading) -> None:
    """"Saab won an order from Brazil for Gripen jets", "Lockheed Martin was awarded a contract to
    build F-16 jets for Bulgaria", "Bulgaria awarded Lockheed Martin a contract for", "TAIS won a
    contract with the Indian Navy", "Saab received an order from Thailand": who wins, receives
    or is awarded an order supplies it; who places or awards it receives."""
    token, f, m, words_ = r.token, r.f, r.mention, r.words
    contracts = words_["deal_nouns"] | WORDS.order_nouns
    contract = token if token.lemma_.lower() in contracts else (
        token.head if token.dep_ in ("acl", "relcl") and token.head.lemma_.lower() in words_["deal_nouns"] else None)
    if contract is None or contract.dep_ != "dobj":
        return
    verb = contract.head
    lemma = verb.lemma_.lower()
    # "won a contract worth $400 million from India": the parties may hang on the amount
    holders = [contract, verb] + [c for c in contract.children if c.i > contract.i and (
        c.dep_ in ("amod", "acl") or c.lower_ in WORDS.amount_words)]
    if lemma in words_["winning_verbs"] or lemma in WORDS.receiving_verbs:
        # "won a contract from / with the Indian Navy", "received an order from Thailand"
        winner, giver = f.subject_of(verb), next(iter(p for h in holders for p in pobjs(h, "from", "with")), None)
    elif lemma in words_["awarding_verbs"]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            # "has been awarded a contract by Romania's Ministry of National Defence"
            winner = next(iter(children(verb, "nsubjpass")), None)
            giver = next(iter(p for h in holders for p in pobjs(h, "by")), None)
        else:
            winner = next(iter(children(verb, "dative", "iobj")), None)
            giver = next(iter(children(verb, "nsubj")), None)
    else:
        return
    winners = [a for a in f.actors(winner) if a.id] if winner is not None else []
    if not winners:
        return
    givers = [a for a in f.actors(giver) if a.id] if giver is not None else []
    ids = {a.id for a in winners}
    m.roles["supplier"] = winners
    recipients = givers or [a for a in m.roles.get("recipient", []) + m.roles.get("supplier", []) if a.id not in ids]
    m.roles.pop("recipient", None)
    if recipients:
        m.roles["recipient"] = recipients[:1]


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
                return
    # "for Carl-Gustaf M4 recoilless rifles", parsed as a clause: the weapon named right after "for"
    doc = f.doc
    after = next((t for t in doc[token.i + 1:min(token.i + 12, r.sent.end)] if t.lower_ == "for"
                  and t.dep_ == "mark"), None)
    ent = f.ent_at.get(after.i + 1) if after is not None and after.i + 1 < r.sent.end else None
    if ent is not None and ent.label_ in ITEM_LABELS:
        r.item, r.quantity = f.item(ent.root)
