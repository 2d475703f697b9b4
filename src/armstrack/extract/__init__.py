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


def parties_from_talks(mentions: list[Mention], frames: FrameReader) -> None:
    """A transfer the talks are about takes its missing sides from the talks' participants:
    "talks between Russia and the Houthis on the transfer of Yakhont missiles", "Russia began
    negotiating with Turkey over the supply of S-400s to Turkey". Where one side is named the
    other participant is the other side; where neither is, only a state beside an armed group
    decides (the state supplies the group); two states alone stay unresolved."""
    talks = {m.trigger.i: m for m in mentions if m.type == EventType.MEETING}
    for m in mentions:
        if m.type != EventType.TRANSFER or (m.roles.get("supplier") and m.roles.get("recipient")):
            continue
        node, meeting = m.trigger, None
        for _ in range(3):
            if node.dep_ == "pobj" and node.head.lower_ in frames.lex.topic_preps:
                meeting = talks.get(node.head.head.i)
                break
            if node.head.i == node.i:
                break
            node = node.head
        if meeting is None:
            continue
        people = [f for f in meeting.roles.get("participants") or [] if f.id]
        sides = {role: [f.id for f in m.roles.get(role) or [] if f.id] for role in PARTY_ROLES}
        for role, other in (("supplier", "recipient"), ("recipient", "supplier")):
            if sides[other] and not m.roles.get(role):
                rest = [f for f in people if f.id not in sides[other]]
                if len(rest) == 1:
                    m.roles[role] = [rest[0]]
        if not m.roles.get("supplier") and not m.roles.get("recipient") and len(people) == 2 and frames.kb is not None:
            kinds = [getattr(frames.kb.get(f.id), "kind", None) for f in people]
            if sorted(kinds) == ["armed_group", "state"]:
                m.roles["supplier"] = [people[kinds.index("state")]]
                m.roles["recipient"] = [people[kinds.index("armed_group")]]


ALSO = frozenset({"also", "too", "likewise", "additionally"})


def sides_from_before(mention: Mention, earlier: list[Mention], number: dict[int, int]) -> None:
    """"Iran has sent drones to Russia. Tehran also supplied ballistic missiles": a transfer the
    text marks as another of the same ("also", "too") takes the side it leaves out from the
    nearest earlier transfer with the same other side, at most two sentences back."""
    if mention.type != EventType.TRANSFER or not any(
            c.lower_ in ALSO and c.dep_ == "advmod" for c in mention.trigger.children):
        return
    for missing, known in (("recipient", "supplier"), ("supplier", "recipient")):
        if mention.roles.get(missing) or not mention.roles.get(known):
            continue
        ids = {f.id for f in mention.roles[known] if f.id}
        for prev in reversed(earlier):
            if prev.type != EventType.TRANSFER or prev is mention:
                continue
            if number[mention.sent.start] - number[prev.sent.start] > 2:
                break
            if ids & {f.id for f in prev.roles.get(known) or [] if f.id} and prev.roles.get(missing):
                mention.roles[missing] = list(prev.roles[missing])
                break


def extract_doc(doc: Doc, *, published: date | None = None, article_ref: dict | None = None) -> list[Event]:
    """Every event in a Doc that went through the armstrack pipeline."""
    frames = FrameReader(doc, published)
    reader = Reader(frames)
    mentions = []
    number: dict[int, int] = {}  # sentence start -> its number
    for sent in doc.sents:
        number[sent.start] = len(number)
        read = reader.read(sent)
        parties_from_talks(read, frames)
        for mention in read:
            sides_from_before(mention, mentions, number)
        mentions.extend(m for mention in read for m in split_parties(mention))
    return [to_event(group, article_ref or {}) for group in merge(mentions)]
