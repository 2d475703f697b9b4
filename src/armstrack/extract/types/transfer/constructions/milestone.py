"""milestone: "The first Rafale for the Indian Air Force made its maiden flight"."""
from __future__ import annotations

from .....records import EventType, Status
from ....arguments import children, pobjs
from ....construction import construction
from ....lexicon import words
from ....mention import Mention
from ..common import is_state_id
from ..parts import component
from ..reading import Reading
from .selection import _maker

WORDS = words("constructions/transfer", "milestone")


@construction(EventType.TRANSFER, "trigger", 22, "milestone")
def milestone(r: Reading) -> Mention | None:
    """"The first Rafale for the Indian Air Force made its maiden flight", "the first F-35A for
    Poland was rolled out", "the second frigate for Qatar was launched": a weapon built "for"
    another state, reaching a step of its building, is sold to it (agreed) by its maker, the
    firm or state written with it or the knowledge base's state of the system. Its own
    state's weapon, or one whose maker no one knows, is no transfer here."""
    token, f = r.token, r.f
    if token.pos_ != "VERB" or not _is_milestone(token):
        return None
    subject = f.subject_of(token)
    if subject is None:
        return None
    # "the first of four corvettes for Saudi Arabia": the weapon may be the partitive's
    weapon = next((o for o in [subject] + pobjs(subject, "of") if f.item(o)[0] is not None), None)
    if weapon is None:
        return None
    buyers = [a for node in {subject, weapon} for p in pobjs(node, "for") for a in f.actors(p)
              if a.id and is_state_id(f, a.state or a.id)]
    makers = _maker(r, weapon)
    if not buyers or not makers or {a.state or a.id for a in makers} & {a.state or a.id for a in buyers}:
        return None
    item, quantity = f.item(weapon)
    m = Mention(EventType.TRANSFER, token, r.sent)
    m.add("supplier", makers[:1])
    m.add("recipient", buyers[:1])
    m.add("item", [component(f, m, item, True)])
    m.quantity = quantity
    m.status = Status.AGREED
    m.when = f.date_of(token)
    return m


def _is_milestone(token) -> bool:
    """"flew", "was launched", "rolled out", "made its maiden flight", "began sea trials"."""
    lemma = token.lemma_.lower()
    if lemma in WORDS.milestone_verbs:
        return True
    parts = {f"{lemma} {c.lower_}" for c in token.children if c.dep_ in ("prt", "advmod", "prep")}
    if parts & WORDS.milestone_verbs:
        return True
    return lemma in WORDS.milestone_light_verbs and any(
        o.lemma_.lower() in WORDS.milestone_objects for o in children(token, "dobj"))
