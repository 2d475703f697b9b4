"""extract: a parsed Doc -> Event records (triggers and roles from the data-file lexicons)."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from dataclasses import replace

from ..records import Event, EventType
from .events import Reader
from .frames import FrameReader, Mention
from .merge import merge, to_event

PARTY_ROLES = ("supplier", "recipient")
CONTRACT_NOUNS = frozenset({"deal", "contract", "agreement", "accord", "pact", "treaty", "memorandum"})


def split_parties(mention: Mention) -> list[Mention]:
    """One transfer per supplier-recipient pair: "from Libya and North Korea", "to Iraq and
    Syria", "Russia and China sold" name several transfers, and a claim has one of each. The
    first pair stays on the mention itself (statements about it keep pointing at it)."""
    if mention.type != EventType.TRANSFER or mention.trigger.lemma_.lower() in CONTRACT_NOUNS:
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
    if all(len(o) == 1 for o in options):
        return [mention]
    pairs = [(s, r) for s in options[0] for r in options[1]
             if not (s and r and s.id and s.id == r.id)]
    out = []
    for supplier, recipient in pairs:
        roles = {k: v for k, v in mention.roles.items() if k not in PARTY_ROLES}
        roles.update({role: [f] for role, f in zip(PARTY_ROLES, (supplier, recipient)) if f is not None})
        if not out:
            mention.roles = roles
            out.append(mention)
        else:
            out.append(replace(mention, roles=roles, hedges=list(mention.hedges), sources=list(mention.sources),
                               confirmed_by=list(mention.confirmed_by), denied_by=list(mention.denied_by)))
    return out or [mention]


def extract_doc(doc: Doc, *, published: date | None = None, article_ref: dict | None = None) -> list[Event]:
    """Every event in a Doc that went through the armstrack pipeline."""
    frames = FrameReader(doc, published)
    reader = Reader(frames)
    mentions = []
    for sent in doc.sents:
        mentions.extend(m for mention in reader.read(sent) for m in split_parties(mention))
    return [to_event(group, article_ref or {}) for group in merge(mentions)]
