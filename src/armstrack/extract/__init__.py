"""extract: a parsed Doc -> Event records (triggers and roles from the data-file lexicons)."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from dataclasses import replace

from ..records import Event, EventType, Realis, StatementKind, Status
from .events import Reader
from .frames import FrameReader, Mention
from .lexicon import lexicon
from .merge import merge, to_event

PARTY_ROLES = ("supplier", "recipient")


def split_parties(mention: Mention) -> list[Mention]:
    """One transfer per supplier, recipient and item: "from Libya and North Korea", "to Iraq and
    Syria", "Russia and China sold", "tanks and howitzers" name several transfers, and a claim
    has one of each. The first stays on the mention itself (statements about it keep pointing
    at it)."""
    deal_nouns = lexicon().section("transfer")["deal_nouns"]
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


def parties_from_talks(mentions: list[Mention], frames: FrameReader) -> None:
    """A transfer the talks are about takes its missing sides from the talks' participants:
    "talks between Russia and the Houthis on the transfer of Yakhont missiles", "Russia began
    negotiating with Turkey over the supply of S-400s to Turkey". Where one side is named the
    other participant is the other side; where neither is, see `assign_sides`. A transfer the
    talk verb has as its object ("discuss missile transfer") is read the same way."""
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


def assign_sides(m: Mention, people: list, frames: FrameReader) -> None:
    """Fill a transfer's missing sides from the two parties of the talks or deal it belongs to:
    where one side is named the other party is the other side; where neither is, the maker
    state of a named system supplies it ("Brazil and Sweden concluded an agreement for the sale
    of Gripen jets"), and a state beside an armed group supplies the group; two states with
    nothing else to tell them apart stay unresolved."""
    sides = {role: [f.id for f in m.roles.get(role) or [] if f.id] for role in PARTY_ROLES}
    for role, other in (("supplier", "recipient"), ("recipient", "supplier")):
        if sides[other] and not m.roles.get(role):
            rest = [f for f in people if f.id not in sides[other]]
            if len(rest) == 1:
                m.roles[role] = [rest[0]]
    if m.roles.get("supplier") or m.roles.get("recipient") or len(people) != 2 or frames.kb is None:
        return
    item = m.first("item")
    origin = getattr(frames.kb.get(item.id), "country", None) if item is not None and item.id else None
    ids = [f.id for f in people]
    if origin in ids:
        m.roles["supplier"] = [people[ids.index(origin)]]
        m.roles["recipient"] = [people[1 - ids.index(origin)]]
        return
    kinds = [getattr(frames.kb.get(f.id), "kind", None) for f in people]
    if sorted(kinds) == ["armed_group", "state"]:
        m.roles["supplier"] = [people[kinds.index("state")]]
        m.roles["recipient"] = [people[kinds.index("armed_group")]]


def deal_sides(m: Mention, frames: FrameReader) -> None:
    """"Egypt reached a deal with Germany on the delivery of IRIS-T systems", "signed a contract
    with India for the supply of": a transfer noun the deal is about takes its sides from the
    deal's parties (its subject and its "with")."""
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


def stances_across(mentions: list[Mention], number: dict[int, int], frames: FrameReader) -> None:
    """A denial or confirmation in its own sentence that points back at a report: "Iran shipped
    drones to Sudan, reports said. Tehran denied the reports", "North Korea denies the
    accusation", or a headline over the body ("Iran denies arming Russia" above "Iran has
    supplied drones to Russia, officials said"). It marks the transfers its speaker is a party
    to: in the two sentences before it, or, from the headline, in the whole article."""
    report_nouns = frames.lex.report_nouns | set(frames.lex.section("statement")["pointing_words"])
    transfers = [m for m in mentions if m.type == EventType.TRANSFER and not m.negated]
    for s in mentions:
        if s.type != EventType.STATEMENT or s.kind not in (StatementKind.DENY, StatementKind.CONFIRM) or s.negated:
            continue
        objects = [c for c in s.trigger.children if c.dep_ in ("dobj", "ccomp", "xcomp", "pcomp")]
        pointing = not objects or any(o.lemma_.lower() in report_nouns or o.lower_ in report_nouns for o in objects)
        # the first line, standing alone and with no full stop, is the headline
        line = frames.doc.text[s.sent.start_char:s.sent.end_char]
        ending = line[len(line.rstrip()):] + frames.doc.text[s.sent.end_char:s.sent.end_char + 1]
        headline = number[s.sent.start] == 0 and line.rstrip()[-1:] not in ".!?\"'" and "\n" in ending
        if not (pointing or headline):
            continue
        speaker = {f.id for f in s.roles.get("speaker") or [] if f.id}
        if not speaker:
            continue
        here = number[s.sent.start]
        for t in transfers:
            there = number[t.sent.start]
            if t.sent.start == s.sent.start:
                # "Moscow delivered Pantsir systems to Mali, the Malian government denied": a bare
                # denial the parser joins to the transfer's clause
                joined = not objects and s.trigger.dep_ in ("conj", "parataxis") and s.trigger.head.i == t.trigger.i
                # "Russia shipped tanks to Eritrea, the Eritrean government said, denying it"
                beside = pointing and objects and s.trigger.dep_ == "advcl" and t.trigger.head.i == s.trigger.head.i
                if not (joined or beside):
                    continue
            elif not (headline and there > here) and not (pointing and 0 < here - there <= 2):
                continue
            sides = {f.state or f.id for r in PARTY_ROLES for f in t.roles.get(r) or []}
            if not speaker & sides:
                continue
            marks = t.denied_by if s.kind == StatementKind.DENY else t.confirmed_by
            for who in sorted(speaker - set(marks)):
                marks.append(who)


def confirmer_receives(read: list[Mention], frames: FrameReader) -> None:
    """"The Polish defence ministry confirmed that South Korea had delivered the tanks": a state
    confirming a delivery by another that names no recipient is the recipient. (An arms company
    confirming a delivery by no one named is its supplier; see frames.statements_over.)"""
    for s in read:
        if s.type != EventType.STATEMENT or s.kind != StatementKind.CONFIRM or s.negated:
            continue
        speaker = [f for f in s.roles.get("speaker") or [] if f.id]
        if len(speaker) != 1 or frames.kb is None or getattr(frames.kb.get(speaker[0].id), "kind", None) != "state":
            continue
        inside = {t.i for t in s.trigger.subtree}
        for t in read:
            if t.type == EventType.TRANSFER and t.trigger.i in inside and not t.roles.get("recipient") and \
                    t.roles.get("supplier") and speaker[0].id not in {f.state or f.id for f in t.roles["supplier"]}:
                t.roles["recipient"] = [speaker[0]]


def reply_to_before(sent, read: list[Mention], earlier: list[Mention], number: dict[int, int],
                    frames: FrameReader) -> Mention | None:
    """"Ukraine asked Germany for Taurus missiles. Berlin refused." / "Berlin later agreed to send
    them.": a sentence that only answers, its subject a side of the transfer just before, moves
    that transfer's status. The answer is the sentence's main verb, a status word, with no
    object of its own but a pronoun."""
    if any(m.type == EventType.TRANSFER for m in read):
        return None
    root = sent.root
    status = frames.status_word(root)
    if status not in ("cancelled", "agreed") or any(c.dep_ == "neg" for c in root.children):
        return None
    pronouns = {"it", "them", "this", "that", "so", "the request", "request"}
    objects = [t for c in root.children if c.dep_ in ("dobj", "xcomp", "ccomp") for t in c.subtree
               if t.dep_ in ("dobj", "pobj") or c.dep_ == "dobj"]
    if any(t.lower_ not in pronouns and t.pos_ not in ("PRON", "DET") and t.lemma_.lower() != "request" for t in objects):
        return None
    speaker = {a.id for a in frames.actors(frames.subject_of(root)) if a.id}
    for prev in reversed(earlier):
        if prev.type != EventType.TRANSFER:
            continue
        if number[sent.start] - number[prev.sent.start] != 1:
            break
        sides = {f.state or f.id for r in PARTY_ROLES for f in prev.roles.get(r) or []}
        if speaker and speaker <= sides:
            answer = replace(prev, trigger=root, sent=sent, status=Status(status), hedges=[], sources=[],
                             confirmed_by=[], denied_by=[], more_items=[], roles={k: list(v) for k, v in prev.roles.items()})
            answer.realis = Realis.PLANNED if answer.status == Status.AGREED else Realis.ACTUAL
            frames.attribution(answer)
            return answer
    return None


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
        confirmer_receives(read, frames)
        for mention in read:
            deal_sides(mention, frames)
        for mention in read:
            sides_from_before(mention, mentions, number)
        answer = reply_to_before(sent, read, mentions, number, frames)
        if answer is not None:
            read.append(answer)
        mentions.extend(m for mention in read for m in split_parties(mention))
    stances_across(mentions, number, frames)
    return [to_event(group, article_ref or {}) for group in merge(mentions)]
