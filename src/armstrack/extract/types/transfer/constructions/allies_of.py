"""allies_of: "Kyiv's Western allies have provided more than 500 tanks"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import pobjs
from ....construction import construction
from ....lexicon import words
from ..common import is_state_id
from ..reading import Reading

WORDS = words("constructions/transfer", "allies_of")


@construction(EventType.TRANSFER, "frame", 712, "allies_of")
def allies_of(r: Reading) -> None:
    """"Kyiv's Western allies have provided 500 tanks", "the allies of Ukraine sent", "Russia's
    allies, Iran and North Korea, have sent": a giver named as a state's allies, partners or
    backers (or set beside them), or said to be one ("Germany has become Ukraine's largest
    donor, supplying ..."), gives to that state, when nothing else says to whom."""
    f, m = r.f, r.mention
    if m.roles.get("recipient"):
        return
    for giver in m.roles.get("supplier", []):
        span = f.doc.char_span(giver.start, giver.end, alignment_mode="expand")
        root = span.root if span is not None else None
        while root is not None and root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root is not None and root.dep_ == "appos":
            root = root.head  # "Russia's allies, Iran and North Korea"
        if root is not None and root.dep_ == "nsubj":
            # "Germany has become Ukraine's second-largest military donor, supplying ...": what
            # the giver is said to be
            root = next((c for c in root.head.children if c.dep_ == "attr" and
                         (c.lemma_.lower() in WORDS.ally_nouns or c.lower_ in WORDS.ally_nouns)), root)
        if root is None or not (root.lemma_.lower() in WORDS.ally_nouns or root.lower_ in WORDS.ally_nouns):
            continue
        for owner in [c for c in root.children if c.dep_ in ("poss", "compound")] + pobjs(root, "of"):
            m.add("recipient", [a for a in f.actors(owner) if a.id and a.id != giver.id and is_state_id(f, a.id)])
