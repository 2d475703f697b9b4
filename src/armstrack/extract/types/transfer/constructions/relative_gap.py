"""relative_gap: "The Philippine Marines will station the BrahMos batteries it bought from India"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, is_item
from ....construction import construction
from ....lexicon import words
from ..reading import CLAUSE, Reading

WORDS = words("constructions/transfer", "relative_gap")


@construction(EventType.TRANSFER, "frame", 225, "relative_gap", shapes=(CLAUSE,))
def relative_gap(r: Reading) -> None:
    """"the BrahMos batteries it bought from India", "the K9 howitzers it ordered from South
    Korea": a relative clause with no object of its own is about the noun it qualifies, the
    item; its pronoun subject, when no earlier actor resolves it, is the subject of the clause
    the noun belongs to ("The Philippine Marines will station the BrahMos batteries it bought
    from India": the Marines bought them)."""
    token, f = r.token, r.f
    if token.dep_ != "relcl" or r.passive:
        return
    head = token.head
    if not r.objs and not children(token, "dative", "iobj") and is_item(f, head):
        r.objs = [head]
    subj = r.subj
    if subj is None or subj.lower_ not in WORDS.pronouns or f.actors(subj):
        return
    node = head
    for _ in range(3):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    subject = next(iter(children(node, "nsubj")), None) if node.pos_ in ("VERB", "AUX") else None
    if subject is not None and subject.i != subj.i:
        r.subj = subject
