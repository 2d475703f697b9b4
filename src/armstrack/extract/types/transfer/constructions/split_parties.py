"""split_parties: "from Libya and North Korea", "tanks and howitzers" name several transfers."""
from __future__ import annotations

from dataclasses import replace

from .....records import EventType
from ....construction import construction
from ....context import SentenceContext
from ....mention import Mention
from ..common import PARTY_ROLES


@construction(EventType.TRANSFER, "sentence", 60, "split_parties")
def split_parties(here: SentenceContext) -> None:
    """One transfer per supplier, recipient and item: "from Libya and North Korea", "to Iraq and
    Syria", "Russia and China sold", "tanks and howitzers" name several transfers, and a claim
    has one of each. The first stays on the mention itself (statements about it keep pointing
    at it)."""
    deal_nouns = here.frames.lex.section("transfer")["deal_nouns"]
    here.read = [m for mention in here.read for m in _split(mention, deal_nouns)]


def _split(mention: Mention, deal_nouns: list[str]) -> list[Mention]:
    if mention.type != EventType.TRANSFER or mention.trigger.lemma_.lower() in deal_nouns:
        # "Egypt and Russia signed a deal": the two sides of one contract, not two transfers
        return [mention]
    options = []
    for role in PARTY_ROLES:
        seen, distinct = set(), []
        for filler in mention.roles.get(role) or []:
            key = filler.id or filler.text.casefold()
            if key not in seen:
                seen.add(key)
                distinct.append(filler)
        options.append(distinct or [None])
    # further items, each with the sides it names itself ("and drones from Iran")
    items = [(mention.first("item"), mention.quantity, {})] + mention.more_items
    mention.more_items = []
    if all(len(o) == 1 for o in options) and len(items) == 1:
        return [mention]
    pairs = [(s, r) for s in options[0] for r in options[1]
             if not (s and r and s.id and s.id == r.id)]
    first = pairs[0] if pairs else (None, None)
    out = []
    for item, quantity, own in items:
        for supplier, recipient in (pairs if not own else [
                ((own.get("supplier") or [first[0]])[0], (own.get("recipient") or [first[1]])[0])]):
            roles = {k: v for k, v in mention.roles.items() if k not in PARTY_ROLES}
            roles.update({role: [f] for role, f in zip(PARTY_ROLES, (supplier, recipient)) if f is not None})
            if item is not None:
                roles["item"] = [item]
            if not out:
                mention.roles, mention.quantity = roles, quantity
                out.append(mention)
            else:
                out.append(replace(mention, roles=roles, quantity=quantity, hedges=list(mention.hedges),
                                   sources=list(mention.sources), confirmed_by=list(mention.confirmed_by),
                                   denied_by=list(mention.denied_by)))
    return out or [mention]
