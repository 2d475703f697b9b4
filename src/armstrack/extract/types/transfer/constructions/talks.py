"""A transfer inside talks or a deal takes its missing sides from the talks' or deal's parties."""
from __future__ import annotations

from .....records import EventType, Realis, Status
from ....construction import construction
from ....context import SentenceContext
from ....frames import FrameReader
from ....mention import Mention
from ..common import assign_sides


@construction(EventType.TRANSFER, "sentence", 10, "parties_from_talks")
def parties_from_talks(here: SentenceContext) -> None:
    """A transfer the talks are about takes its missing sides from the talks' participants:
    "talks between Russia and the Houthis on the transfer of Yakhont missiles", "Russia began
    negotiating with Turkey over the supply of S-400s to Turkey". Where one side is named the
    other participant is the other side; where neither is, see `assign_sides`. A transfer the
    talk verb has as its object ("discuss missile transfer") is read the same way."""
    mentions, frames = here.read, here.frames
    talks = {m.trigger.i: m for m in mentions if m.type == EventType.MEETING}
    for m in mentions:
        if m.type != EventType.TRANSFER:
            continue
        meeting = talks.get(m.trigger.head.i) if m.trigger.dep_ == "dobj" else None
        if meeting is not None:
            # "Russia and Houthis discuss missile transfer": the talkers are the two sides, not
            # two suppliers
            people = [f for f in meeting.roles.get("participants") or [] if f.id]
            ids = {f.id for f in people}
            if len(ids) > 1 and {f.id for f in m.roles.get("supplier") or []} | \
                    {f.id for f in m.roles.get("recipient") or []} <= ids:
                m.roles.pop("supplier", None)
                m.roles.pop("recipient", None)
                assign_sides(m, people, frames)
            continue
        if m.roles.get("supplier") and m.roles.get("recipient"):
            continue
        node = m.trigger
        for _ in range(3):
            if node.dep_ == "pobj" and node.head.lower_ in frames.lex.topic_preps:
                meeting = talks.get(node.head.head.i)
                break
            if node.head.i == node.i:
                break
            node = node.head
        if meeting is None:
            continue
        assign_sides(m, [f for f in meeting.roles.get("participants") or [] if f.id], frames)


@construction(EventType.TRANSFER, "sentence", 30, "deal_sides")
def deal_sides(here: SentenceContext) -> None:
    """"Egypt reached a deal with Germany on the delivery of IRIS-T systems", "signed a contract
    with India for the supply of": a transfer noun the deal is about takes its sides from the
    deal's parties (its subject and its "with")."""
    for mention in here.read:
        _deal_sides(mention, here.frames)


def _deal_sides(m: Mention, frames: FrameReader) -> None:
    if m.type != EventType.TRANSFER or (m.roles.get("supplier") and m.roles.get("recipient")):
        return
    trigger, lex = m.trigger, frames.lex
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "pobj" or \
            trigger.head.lower_ not in lex.topic_preps | {"for"}:
        return
    holder = trigger.head.head
    deal_nouns = set(lex.section("transfer")["deal_nouns"])
    deal = holder if holder.lemma_.lower() in deal_nouns else next(
        (c for c in holder.children if c.dep_ == "dobj" and c.lemma_.lower() in deal_nouns), None)
    if deal is None:
        return
    verb = deal.head if deal.dep_ == "dobj" else None
    if deal is not holder and m.status == Status.DELIVERED:
        # "reached a deal on the delivery of": the deal, beside the noun rather than over it,
        # says how far the delivery has gone
        m.status = Status.AGREED
        if m.realis == Realis.ACTUAL:
            m.realis = Realis.PLANNED
    heads = [frames.subject_of(verb)] if verb is not None else []
    for node in [deal] + ([verb] if verb is not None else []):
        heads += [o for p in node.children if p.dep_ == "prep" and p.lower_ in ("with", "between")
                  for o in p.children if o.dep_ == "pobj"]
    people, seen = [], set()
    for head in heads:
        for actor in frames.actors(head):
            if actor.id and actor.id not in seen:
                seen.add(actor.id)
                people.append(actor)
    assign_sides(m, people, frames)
