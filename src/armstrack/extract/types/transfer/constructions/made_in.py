"""made_in: "Serbian-made shells", "U.S.-supplied ATACMS", "made in Iran": the maker's state."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType
from ....construction import construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "made_in")


def _origin(r: Reading, participle: Token) -> list:
    """The state a maker participle names: "Serbian-made", "U.S.-supplied" (its modifier) or
    "made in Iran" (its "in")."""
    f = r.f
    for child in participle.children:
        if child.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod", "nsubj"):
            ent = f.ent_at.get(child.i)
            if ent is not None and ent.label_ in ("ACTOR", "DEMONYM"):
                return [f._filler_from_ent(ent)]
        if child.dep_ in ("prep", "agent") and child.lower_ in ("in", "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = [a for a in f.actors(pobj, allow_place=True) if a.id]
                    if found:
                        return found
    return []


@construction(EventType.TRANSFER, "frame", 745, "made_in")
def made_in(r: Reading) -> None:
    """"Serbian-made 122mm rockets were sold to Burkina Faso", "Iranian-made drones bound for
    Russia", "U.S.-supplied ATACMS", "the missiles, made in Iran, were smuggled to the Houthis":
    the state a maker participle on the item names is the supplier when nothing else names one
    (a firm it also names stays the supplier: "South Korea's Hanwha Aerospace")."""
    f, m, item = r.f, r.mention, r.item
    if m.roles.get("supplier") or item is None or item.start is None:
        return
    span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None:
        return
    head = span.root
    nodes = [head] + [c for c in head.children if c.dep_ in ("compound", "nmod")]
    if head.lower_ in r.lex.component_heads or head.lemma_.lower() in r.lex.component_heads:
        # "spare parts for its Russian-made Yak-130 jets": the system's maker makes its parts
        nodes += [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ in ("for", "of")
                  for p in prep.children if p.dep_ == "pobj"]
    part = head.head
    if head.dep_ in ("compound", "amod", "nmod") and (part.lower_ in r.lex.component_heads or part.lemma_.lower() in r.lex.component_heads):
        # "Iranian-made ballistic missile components": the maker participle is on the parts the
        # item names (found by use)
        nodes.append(part)
    recipients = {a.id for a in m.roles.get("recipient", [])}
    for node in nodes:
        for child in node.children:
            ent = f.ent_at.get(child.i)
            if child.dep_ == "amod" and ent is not None and ent.label_ in ("ACTOR", "DEMONYM") and \
                    "-" in child.text and child.text.rsplit("-", 1)[1].lower() in WORDS.maker_participles:
                found = [a for a in (f._filler_from_ent(ent),) if a.id and a.id not in recipients]
                if found:
                    m.add("supplier", found)  # "U.S.-supplied ATACMS": one token
                    return
            if child.lemma_.lower() not in WORDS.maker_participles and child.lower_ not in WORDS.maker_participles:
                continue
            if child.dep_ not in ("amod", "acl", "compound", "appos", "relcl"):
                continue
            found = [a for a in _origin(r, child) if a.id not in recipients]
            if found:
                m.add("supplier", found[:1])
                return
