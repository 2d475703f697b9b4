"""contract_won: "Saab won an order from Brazil for Gripen jets"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, pobjs
from ....construction import construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "contract_won")


@construction(EventType.TRANSFER, "frame", 760, "contract_won")
def contract_won(r: Reading) -> None:
    """"Saab won an order from Brazil for Gripen jets", "Lockheed Martin was awarded a contract to
    build F-16 jets for Bulgaria", "Bulgaria awarded Lockheed Martin a contract for": who wins or
    is awarded an order supplies it; who places or awards it receives."""
    token, f, m, words_ = r.token, r.f, r.mention, r.words
    contracts = words_["deal_nouns"] | WORDS.order_nouns
    contract = token if token.lemma_.lower() in contracts else (
        token.head if token.dep_ in ("acl", "relcl") and token.head.lemma_.lower() in words_["deal_nouns"] else None)
    if contract is None or contract.dep_ != "dobj":
        return
    verb = contract.head
    lemma = verb.lemma_.lower()
    if lemma in words_["winning_verbs"]:
        winner, giver = f.subject_of(verb), next(iter(pobjs(contract, "from") + pobjs(verb, "from")), None)
    elif lemma in words_["awarding_verbs"]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            winner = next(iter(children(verb, "nsubjpass")), None)
            giver = next(iter(pobjs(verb, "by")), None)
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
