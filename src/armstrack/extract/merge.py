"""Join the mentions of one event within an article into one Event record.

An article names the same transfer several times ("talks on the supply of dozens of missiles",
"deliveries of the Yakhont missiles"); later mentions often omit the parties. A mention joins the
latest earlier event it is compatible with: same or unknown parties, and an item that is the same
system or a category that covers it ("missiles" covers an anti-ship missile, not a drone).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..records import (Certainty, CertaintyLevel, Event, EventType, Evidence, Filler, Quantity,
                       Realis, Status)
from .frames import Mention

UMBRELLA = {"weapon", "military equipment", "components", "dual-use technology"}


def items_compatible(a: Filler | None, b: Filler | None) -> bool:
    if a is None or b is None:
        return True
    if a.id and b.id:
        return a.id == b.id
    cat_a, cat_b = (a.category or ""), (b.category or "")
    if cat_a in UMBRELLA and cat_b in UMBRELLA and a.via is None and b.via is None and \
            _head_word(a.text) != _head_word(b.text):
        return False  # "enriched uranium" and "scientists" are two different helps
    if not cat_a or not cat_b or cat_a in UMBRELLA or cat_b in UMBRELLA:
        return True
    if cat_a == cat_b:
        return True
    if any(_taken_up(x) for x in (a, b)) and a.broad and a.broad == b.broad:
        return True  # "Germany will send two IRIS-T SLM systems ... The systems are expected to arrive"
    # a bare category covers its kinds: "missile" covers "anti-ship missile", "drone" covers
    # "one-way attack drone"; a named system is never widened to another kind
    if (not a.id and _covers(cat_a, cat_b)) or (not b.id and _covers(cat_b, cat_a)):
        return True
    return False


def _taken_up(item: Filler) -> bool:
    """A weapon taken up by a phrase with no name of its own ("the systems", not "the Marder
    vehicles")."""
    return item.via == "coref" and not item.id and not any(w[:1].isupper() for w in item.text.split()[1:])


def is_umbrella(item: Filler | None) -> bool:
    return item is not None and item.id is None and (item.category or "") in UMBRELLA


def _head_word(text: str) -> str:
    word = text.lower().split()[-1] if text.split() else ""
    return word[:-1] if word.endswith("s") else word


def filler_ids(fillers: list[Filler] | None) -> set[str]:
    return {f.id for f in fillers or [] if f.id}


def filler_keys(fillers: list[Filler] | None) -> set[str]:
    return {f.id or f.text.lower() for f in fillers or []}


def parties_compatible(a: list[Filler] | None, b: list[Filler] | None) -> bool:
    ia, ib = filler_ids(a), filler_ids(b)
    return not ia or not ib or bool(ia & ib)


def _more_specific(a: Filler | None, b: Filler | None) -> Filler | None:
    if a is None:
        return b
    if b is None:
        return a
    if b.id and not a.id:
        return b
    if b.category and (not a.category or (a.category in UMBRELLA and b.category not in UMBRELLA)):
        return b
    if not a.id and not b.id and a.category and b.category and _covers(a.category, b.category):
        return b  # "missiles" in the headline, "anti-ship missiles" in the body: the kind
    return a


def _covers(bare: str, kind: str) -> bool:
    """A one-word category covers the kinds that end in it: "missile" covers "anti-ship missile"."""
    return bare != kind and len(bare.split()) == 1 and kind.endswith(" " + bare)


@dataclass
class Group:
    type: EventType
    mentions: list[Mention] = field(default_factory=list)
    roles: dict[str, list[Filler]] = field(default_factory=dict)
    links: list["Group"] = field(default_factory=list)
    about: "Group | None" = None

    def role_ids(self, role: str) -> set[str]:
        return filler_ids(self.roles.get(role))

    def absorb(self, m: Mention) -> None:
        self.mentions.append(m)
        for role, fillers in m.roles.items():
            if role == "item":
                self.roles["item"] = [_more_specific((self.roles.get("item") or [None])[0], fillers[0])]
                continue
            current = self.roles.setdefault(role, [])
            have = {f.id or f.text.lower() for f in current}
            for filler in fillers:
                key = filler.id or filler.text.lower()
                if key not in have:
                    current.append(filler)
                    have.add(key)

    @property
    def asserted(self) -> list[Mention]:
        return [m for m in self.mentions if not m.negated]


def group_by_parties(mentions: list[Mention], etype: EventType, key_roles: tuple[str, ...], *,
                     join_empty: bool, keep_empty: bool = False, named_key: bool = False,
                     realis_apart: bool = True, apart: Callable[[Mention, Mention], bool] | None = None,
                     same_sentence: bool = False, joins: Callable[[Group, Mention], bool] | None = None
                     ) -> list[Group]:
    """The merge policy most event types share: a mention joins the latest earlier event whose
    key roles are compatible and share a party. `join_empty`: a mention naming no key party joins
    the latest event; `named_key`: unresolved key fillers count as naming one; `realis_apart`: a
    threatened strike is not the strike that happened; `apart(last, m)` keeps two apart;
    `same_sentence`: one sentence's mentions join unless their parties differ; `joins(g, m)`
    replaces the party test."""
    groups: list[Group] = []
    for m in mentions:
        if m.negated:
            continue
        has_key = any(filler_ids(m.roles.get(r)) for r in key_roles) or (
            named_key and any(m.roles.get(r) for r in key_roles))
        target = None
        for g in reversed(groups):
            last = g.mentions[-1]
            if realis_apart and (m.realis == Realis.ACTUAL) != (last.realis == Realis.ACTUAL):
                continue
            if apart is not None and apart(last, m):
                continue
            together = same_sentence and last.sent.start == m.sent.start
            if not has_key:
                target = g if join_empty or together else None
                break
            if joins is not None:
                if joins(g, m):
                    target = g
                    break
                continue
            if all(parties_compatible(g.roles.get(r), m.roles.get(r)) for r in key_roles) and (
                    any(g.role_ids(r) & filler_ids(m.roles.get(r)) for r in key_roles) or together):
                target = g
                break
        if target is not None:
            target.absorb(m)
        elif has_key or any(m.roles.get(r) for r in key_roles) or keep_empty:
            group = Group(etype)
            group.absorb(m)
            groups.append(group)
    return groups


def _status(group: Group) -> Status | None:
    mentions = [m for m in group.asserted if m.status is not None]
    if not mentions:
        return None
    # "Ghana will take delivery of K9 howitzers sold by Poland": a participle on the item tells
    # what the item is; the verb that governs the item tells how far this transfer went
    mentions = [m for m in mentions if not _on_item_of(m, mentions)] or mentions
    last = mentions[-1]
    if last.status.halts and not (len(mentions) > 1 and _told_as_before(last)):
        return last.status  # a halt (suspended, refused, seized, cancelled) stops what came before
    statuses = [m.status for m in mentions]
    return max((s for s in statuses if not s.halts), key=lambda s: s.rank, default=statuses[-1])


def _on_item_of(m: Mention, others: list[Mention]) -> bool:
    """Whether `m`'s trigger is a participle or relative clause on a noun that another mention's
    trigger governs in the same sentence."""
    trigger = m.trigger
    if trigger.dep_ not in ("acl", "relcl") or trigger.pos_ != "VERB":
        return False
    noun = trigger.head
    return any(o is not m and o.sent.start == m.sent.start and o.trigger.i != noun.i and
               noun.i in {t.i for t in o.trigger.subtree} and trigger.i not in {t.i for t in o.trigger.ancestors}
               for o in others)


def _told_as_before(m: Mention) -> bool:
    """A mention told in the past perfect, before the story's time: "Bulgaria's government had
    refused to send weapons" does not stop the shells shipped since (issue 23)."""
    node = m.trigger
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "dobj", "nsubjpass", "pobj", "prep") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _realis(group: Group) -> Realis:
    """The most real of the mentions: "will meet on Monday" and "met on Monday" are one meeting,
    which happened. Mentions that report the event outrank passing ones: "would meet the
    mediator if ..." stays possible beside "a settlement reached in peace talks"."""
    mentions = group.asserted or group.mentions
    mentions = [m for m in mentions if m.main] or mentions
    return min((m.realis for m in mentions), key=lambda r: r.rank, default=Realis.ACTUAL)


def _certainty(group: Group) -> Certainty:
    def union(attr: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x for m in group.mentions for x in getattr(m, attr)))

    sources, hedges = union("sources"), union("hedges")
    for linked in group.links:
        sources = tuple(dict.fromkeys(sources + tuple(x for m in linked.mentions for x in m.sources)))
    confirmed, denied = union("confirmed_by"), union("denied_by")
    if confirmed:
        level = CertaintyLevel.CONFIRMED
    elif denied:
        level = CertaintyLevel.DENIED
    elif hedges:
        level = CertaintyLevel.HEDGED
    elif sources:
        level = CertaintyLevel.ATTRIBUTED
    else:
        level = CertaintyLevel.ASSERTED
    confirmed_on = next((m.confirmed_on for m in group.mentions if m.confirmed_on), None)
    return Certainty(level, sources, confirmed, denied, hedges, confirmed_on)


def _first(group: Group, attr: str):
    return next((getattr(m, attr) for m in group.mentions if getattr(m, attr)), None)


def _quantity(group: Group) -> Quantity | None:
    """How many: for a transfer, the number its status refers to ("ordered 14 ... has delivered
    six" is a delivery of six), else the first one given."""
    status = _status(group) if group.type == EventType.TRANSFER else None
    if status is not None:
        at_status = next((m.quantity for m in group.asserted if m.quantity and m.status == status), None)
        if at_status is not None:
            return at_status
    return _first(group, "quantity")


def _ordered(group: Group, quantity: Quantity | None) -> Quantity | None:
    """A delivered transfer's agreed number when the text gives a different one: "Algeria
    ordered 14 ... Russia has delivered six" keeps both."""
    status = _status(group) if group.type == EventType.TRANSFER else None
    if quantity is None or status not in (Status.DELIVERING, Status.DELIVERED, Status.USED):
        return None
    for m in group.asserted:
        if m.quantity and m.status is not None and m.status.rank <= Status.AGREED.rank and \
                not m.status.halts and (m.quantity.min, m.quantity.max) != (quantity.min, quantity.max):
            return m.quantity
    return None


_STRAY = " \t\n\"'“”"


def _evidence(m: Mention) -> Evidence:
    """The sentence with stray quotes and breaks trimmed, offsets kept true to the article."""
    text, start = m.sent.text, m.sent.start_char
    stripped = text.lstrip(_STRAY)
    start += len(text) - len(stripped)
    stripped = stripped.rstrip(" \t\n")
    return Evidence(stripped, start, start + len(stripped))


def _about(group: Group) -> dict:
    out: dict = {"type": str(group.type)}
    for role in ("supplier", "recipient", "item", "attacker", "target"):
        filler = (group.roles.get(role) or [None])[0]
        if filler is not None:
            out[role] = filler.id or filler.text
    return out


def to_event(group: Group, article_ref: dict) -> Event:
    evidence = []
    seen = set()
    for m in group.mentions:
        if m.sent.start_char not in seen:
            seen.add(m.sent.start_char)
            evidence.append(_evidence(m))
    roles = {role: tuple(fillers) for role, fillers in group.roles.items() if fillers}
    first = group.mentions[0]
    quantity = _quantity(group)
    return Event(
        type=group.type, roles=roles, evidence=tuple(evidence), article=article_ref,
        status=_status(group) if group.type == EventType.TRANSFER else None,
        certainty=_certainty(group), quantity=quantity, ordered=_ordered(group, quantity),
        when=_first(group, "when"),
        reported_on=_first(group, "reported_on"), kind=first.kind, realis=_realis(group),
        main=any(m.main for m in group.mentions), count=_first(group, "count"),
        trigger=first.trigger.text, reason=_first(group, "reason"), measure=_first(group, "measure"),
        covers=_first(group, "covers"), lifted=any(m.lifted for m in group.mentions),
        about=_about(group.about) if group.about is not None else None,
    )


_USE_VERBS = ("use", "fire", "launch", "deploy", "employ")


def _attackers_from_transfers(attacks: list[Group], transfers: list[Group]) -> None:
    """"provided Moscow with drones used in attacks against Ukraine": whoever received the
    weapons used them, so an attack with no attacker named gets the transfer's recipient, and
    its item as the weapon."""
    for attack in attacks:
        if attack.roles.get("attacker"):
            continue
        found = next(((recipient, item) for m in attack.mentions
                      for recipient, item in _user_of_weapon(m, transfers)), None)
        if found is not None:
            attack.roles["attacker"] = [found[0]]
            attack.roles.setdefault("weapon", [found[1]])


def _user_of_weapon(m: Mention, transfers: list[Group]):
    """(recipient, item) of the transfers whose item is the weapon "used in" the attack `m`."""
    prep = m.trigger.head
    verb = prep.head
    if not (m.trigger.dep_ == "pobj" and prep.lower_ in ("in", "for", "during") and
            verb.lemma_.lower() in _USE_VERBS and verb.dep_ in ("acl", "relcl")):
        return
    weapon_at = verb.head.i
    for transfer in transfers:
        recipients = [f for f in transfer.roles.get("recipient", []) if f.id]
        for tm in transfer.mentions:
            item = tm.first("item")
            if item is None or not recipients or tm.sent.start != m.sent.start:
                continue
            span = tm.sent.doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is not None and span.start <= weapon_at < span.end:
                yield recipients[0], item


def merge(mentions: list[Mention], modules: list) -> list[Group]:
    """Group the mentions of one article into events, in reading order: each type's `group`
    policy (`modules`, the registered event types), then the links across types."""
    by_type: dict[EventType, list[Mention]] = {module.type: [] for module in modules}
    for m in mentions:
        by_type[m.type].append(m)
    grouped = {module.type: module.group(by_type[module.type]) for module in modules}
    # the links across the built-in types; a type added as a package links to none of them
    transfers, meetings = grouped.get(EventType.TRANSFER, []), grouped.get(EventType.MEETING, [])
    sanctions, attacks = grouped.get(EventType.SANCTION, []), grouped.get(EventType.ATTACK, [])
    statements = grouped.get(EventType.STATEMENT, [])
    _attackers_from_transfers(attacks, transfers)
    # a meeting between a transfer's parties is where it is negotiated: share the sourcing
    for meeting in meetings:
        parties = meeting.role_ids("participants")
        for transfer in transfers:
            sides = transfer.role_ids("supplier") | transfer.role_ids("recipient")
            if sides and sides <= parties | meeting.role_ids("mediator"):
                transfer.links.append(meeting)
                if transfer.roles.get("broker") and not meeting.roles.get("mediator"):
                    meeting.roles["mediator"] = list(transfer.roles["broker"])
    # statements and sanctions point at the event they are about: the transfer mentioned in
    # the confirmed clause, or in the sanction's reason
    owner = {id(m): g for g in transfers + attacks for m in g.mentions}
    by_sentence: dict[int, list[Mention]] = {}  # only a same-sentence mention qualifies
    for other in mentions:
        by_sentence.setdefault(other.sent.start, []).append(other)
    for group in statements + sanctions:
        for m in group.mentions:
            for other in by_sentence.get(m.sent.start, ()):
                if other.type in (EventType.TRANSFER, EventType.ATTACK) and id(other) in owner and \
                        other.trigger.i > m.trigger.i - 30 and \
                        (other.trigger in set(m.trigger.subtree) or
                         (m.reason and other.trigger.text in m.reason)):
                    group.about = owner[id(other)]
                    break
            if group.about is not None:
                break
    return [g for groups in grouped.values() for g in groups]
