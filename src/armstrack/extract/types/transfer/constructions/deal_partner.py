"""deal_partner: the other side named as the partner of the deal a transfer is made under
("Vietnam will acquire four frigates under a deal with Rosoboronexport", "Kongsberg will supply
NASAMS under a contract signed with Lithuania")."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType
from ....arguments import pobjs
from ....construction import construction
from ....lexicon import words
from ..common import assign_sides
from ..reading import Reading

WORDS = words("constructions/transfer", "deal_partner")


def _partners(r: Reading, deal: Token) -> list[Token]:
    """Who the deal is with: "a deal with X", "a contract signed with X"."""
    found = pobjs(deal, *WORDS.partner_preps)
    for acl in (c for c in deal.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in WORDS.deal_verbs):
        found += pobjs(acl, *WORDS.partner_preps)
    return found


@construction(EventType.TRANSFER, "frame", 612, "deal_partner")
def deal_partner(r: Reading) -> None:
    """The deal's partner is the side the transfer's word leaves empty: the seller of a get word,
    the buyer of a give word; never a side named already."""
    role = "recipient" if r.give else "supplier"
    m = r.mention
    if m.roles.get(role):
        return
    named = {x for side in ("supplier", "recipient") for a in m.roles.get(side, []) for x in (a.id, a.state) if x}
    for deal in pobjs(r.token, *WORDS.deal_preps):
        if deal.lemma_.lower() not in r.words["deal_nouns"] and deal.lower_ not in r.words["deal_nouns"]:
            continue
        for partner in _partners(r, deal):
            found = [a for a in r.f.actors(partner) if a.id not in named and (a.state is None or a.state not in named)]
            if found:
                m.add(role, found)
                return


@construction(EventType.TRANSFER, "frame", 687, "deal_between")
def deal_between(r: Reading) -> None:
    """"A new arms deal between Russia and Egypt includes Su-35 jets": a deal word that is the
    transfer takes its sides from the two it is between (the maker of a named system sells;
    two states with nothing else to tell them apart stay unresolved)."""
    m, f = r.mention, r.f
    if m.roles.get("supplier") and m.roles.get("recipient"):
        return
    if r.token.lemma_.lower() not in r.words["deal_nouns"]:
        return
    people = list({a.id: a for p in pobjs(r.token, "between") for a in f.actors(p) if a.id}.values())
    if len(people) == 2:
        assign_sides(m, people, f)
