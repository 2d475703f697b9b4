"""Parts of a system: "engines for Pakistan's F-16 jets", "F-16 spare parts", "upgrades for its
Su-30 fleet" are components (no system id, so they never join the system's claim). Shared by
the constructions that set a transfer's item."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ....records import Filler
from ...arguments import children, pobjs
from ...mention import Mention

if TYPE_CHECKING:
    from ...frames import FrameReader


def is_part(f: FrameReader, node: Token) -> bool:
    """A word for a part of a system ("engines", "spare parts"), not a weapon named so."""
    inside = f.ent_at.get(node.i)
    return (node.lower_ in f.lex.component_heads or node.lemma_.lower() in f.lex.component_heads) and \
        not (inside is not None and inside.label_ == "WEAPON")


def component(f: FrameReader, m: Mention, item: Filler, give: bool) -> Filler:
    """A named system that only says what a part is for is the part's system, not the item:
    "engines for Pakistan's F-16 jets", "F-16 spare parts", "upgrades for its Su-30 fleet"
    are components (no system id, so they never join the system's claim). An owner of the
    system in the phrase ("Pakistan's") is the recipient when the text names none."""
    if not item.id:
        return item
    span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None:
        return item

    def part_here(node: Token) -> bool:
        return node.i != m.trigger.i and is_part(f, node)

    node = span.root
    part = node if part_here(node) else None
    for _ in range(5):
        if part is not None or node.head.i == node.i or node.i == m.trigger.i:
            break
        if not (node.dep_ in ("compound", "nmod", "amod", "nummod", "pobj") or
                (node.dep_ == "prep" and node.lower_ in ("for", "of"))):
            break
        node = node.head
        part = node if part_here(node) else None
    if part is None:
        return _part_beside(f, m, item, span, give)
    # the part and what it is for, not the rest of its phrase ("... from the United States")
    ends = [part.i, span.end - 1] + [phrase_end(w) for p in part.children
                                     if p.dep_ == "prep" and p.lower_ in ("for", "of")
                                     for w in children(p, "pobj")]
    phrase = f.doc[min(part.left_edge.i, span.start):max(ends) + 1]
    return _component_filler(f, m, item, phrase, give)


def _part_beside(f: FrameReader, m: Mention, item: Filler, span: Span, give: bool) -> Filler:
    """"the sale of engines for Pakistan's F-16s", "bought parts for its F-16 fleet": the part
    is the trigger's object and the system sits in a "for" beside it."""
    trigger = m.trigger
    direct = children(trigger, "dobj") + pobjs(trigger, "of")
    objects = [o for o in direct + [w for d in direct for w in pobjs(d, "of")] if is_part(f, o)]
    fors = [w for node in [trigger] + direct for w in pobjs(node, "for")]
    holder = next((w for w in fors if span.root.i in {x.i for x in w.subtree}), None)
    if not objects or holder is None:
        return item
    part = objects[0]
    lo = min(part.left_edge.i, span.start)
    phrase = f.doc[lo:phrase_end(holder) + 1]
    return _component_filler(f, m, item, phrase, give)


def phrase_end(noun: Token) -> int:
    """The last token of a noun's phrase before a "from" or "to" the parser hung on it
    ("its F-16 fleet from the United States"): those name a side, not the item."""
    end = noun.i
    for t in noun.subtree:
        if t.dep_ == "prep" and t.lower_ in ("from", "to") and t.head.i == noun.i:
            break
        end = max(end, t.i)
    return end


def _component_filler(f: FrameReader, m: Mention, item: Filler, phrase: Span, give: bool) -> Filler:
    # "... parts for its F-16 fleet from the United States": a side hung on the phrase
    for token in phrase:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.i >= phrase.end and prep.lower_ in ("from", "to"):
                role = "supplier" if prep.lower_ == "from" else "recipient"
                if not m.roles.get(role):
                    for w in children(prep, "pobj"):
                        m.add(role, f.actors(w))
    if not m.roles.get("recipient" if give else "supplier"):
        owners = [t for t in phrase if t.dep_ == "poss" and t.i in f.ent_at]
        for owner in owners:
            m.add("recipient" if give else "supplier", f.actors(owner))
    return Filler("item", phrase.text, phrase.start_char, phrase.end_char, name=f"{item.name} components",
                  category="components", broad=item.broad, via="component")
