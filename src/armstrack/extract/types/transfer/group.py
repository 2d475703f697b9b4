"""TRANSFER's merge policy: which mentions of one article are one transfer."""
from __future__ import annotations

from ....records import EventType
from ....resolve.kb import load_kb
from ...lexicon import type_words
from ...merge import Group, filler_ids, is_umbrella, items_compatible, parties_compatible
from ...mention import Mention


def group(mentions: list[Mention]) -> list[Group]:
    """Transfers join when parties and items are compatible (see `merge`); a transfer
    with different fully named items stays apart."""
    groups: list[Group] = []
    for m in mentions:
        item = m.first("item")
        has_sides = bool(m.roles.get("supplier")) + bool(m.roles.get("recipient"))
        target = None
        stage_of: Group | None = None   # the transfer this mention tells at another stage
        for g in reversed(groups):
            if not items_compatible((g.roles.get("item") or [None])[0], item):
                continue
            if not parties_compatible(g.roles.get("supplier"), m.roles.get("supplier")):
                continue
            if not parties_compatible(g.roles.get("recipient"), m.roles.get("recipient")):
                continue
            g_item = (g.roles.get("item") or [None])[0]
            if has_sides and is_umbrella(item) != is_umbrella(g_item) and not (
                    (g.role_ids("supplier") | g.role_ids("recipient")) &
                    (filler_ids(m.roles.get("supplier")) | filler_ids(m.roles.get("recipient")))):
                # "uranium transfers to Iran" and "North Korea provided scientists": a general
                # help joins a named item only through a shared party
                continue
            # two fully stated transfers with different items stay apart even if categories overlap
            if has_sides == 2 and len(g.role_ids("supplier")) and len(g.role_ids("recipient")) and \
                    g_item is not None and item is not None and g_item.id and item.id and g_item.id != item.id:
                continue
            if _other_stage(g, m):
                stage_of = stage_of or g
                continue
            target = g
            break
        if target is not None:
            target.absorb(m)
        elif has_sides or (item is not None and (item.id or (item.category and (
                m.trigger.pos_ == "VERB" or not is_umbrella(item))))):
            # a verb that moves a known weapon is a transfer even when the parties go unnamed
            # ("obtain an assault rifle"), and so is a noun that moves a named kind of weapon
            # ("the delivery of coastal defence missiles"; not "arms sales" in general); such
            # events form no claim (claims need both parties)
            group = Group(EventType.TRANSFER)
            group.absorb(m)
            if stage_of is not None and all(filler_ids(m.roles.get(r)) & stage_of.role_ids(r)
                                            for r in ("supplier", "recipient") if m.roles.get(r)):
                # the same pair at another stage: a side this sentence leaves out is that transfer's
                for role in ("supplier", "recipient"):
                    if not group.roles.get(role) and stage_of.roles.get(role):
                        group.roles[role] = list(stage_of.roles[role])
            groups.append(group)
    return [part for g in groups if g.asserted and _plausible(g) for part in _reports(g)]


# a transfer's stages, coarsely, in order: talk of it, a deal, its delivery (halts stand apart:
# they answer a stage, "asked ... Berlin refused")
_PHASE = {"considered": 0, "requested": 0, "offered": 0, "negotiating": 0, "approved": 1, "agreed": 1,
          "delivering": 2, "delivered": 2, "used": 2}


def _other_stage(g: Group, m: Mention) -> bool:
    """Whether `m` tells of another transfer of the group's pair (issue 23): a sentence of its
    own at a stage no mention of the group is at ("received its first Rafales in 2019 ... has
    ordered 12 more"; "delivered rifles last year ... will deliver more"). Merged, the furthest
    stage spoke for both and the other sentence's status was lost. Still one transfer: one
    sentence's mentions ("ordered 14, delivered 6"); a group that lacks a side the mention may
    give; a halt, which answers the stage before it; a deal answering a request ("asked Germany
    for Taurus missiles ... Berlin later agreed to send them"); a delivery that points back at
    the deal ("Moscow delivered them", "has delivered six so far")."""
    if m.status is None or str(m.status) not in _PHASE or any(x.sent.start == m.sent.start for x in g.mentions):
        return False
    phases = {_PHASE[str(x.status)] for x in g.mentions if x.status is not None and str(x.status) in _PHASE}
    phase = _PHASE[str(m.status)]
    if not phases or phase in phases or (phase == 1 and phases == {0}):
        return False
    if not (g.role_ids("supplier") and g.role_ids("recipient")):
        return False
    if phase > max(phases):
        item = m.first("item")
        words = (item.text.lower().split() or [""]) if item is not None else [""]
        pointing = item is None or item.via == "coref" or words[0] in type_words("transfer", "pointing_words") or words[0][:1].isdigit() \
            or any(t.lower_ in type_words("transfer", "ongoing_modifiers") for t in m.trigger.subtree if t.dep_ == "advmod") \
            or any(c.pos_ == "PRON" and c.dep_ in ("dobj", "nsubjpass") for c in m.trigger.children)
        if pointing:
            return False
    return True


def _stance(m: Mention) -> str:
    # a confirmation stays on the report it confirms: "the U.S. confirmed that Iran had
    # delivered ballistic missiles ... sanctions in the wake of the confirmation of the delivery"
    return "deny" if m.denied_by and not m.confirmed_by else "assert"


def _reports(group: Group) -> list[Group]:
    """An allegation and its denial in one article are two reports of one transfer (issue 23):
    "UN monitors said Iran had supplied drones to Sudan. Tehran rejected the report" is an
    assert with the monitors as its source and a deny by Iran, so the claim keeps the
    allegation's origin beside the denial. Each stance's mentions become a group with the
    transfer's sides; a mention asserted in a denial's own sentence is part of that denial
    ("denied that it had sold shells, saying they were sent by others"), unless it is the
    report the denial is about (`denied_report`: the same trigger, told with the report's
    source)."""
    stances = {id(m): _stance(m) for m in group.mentions}
    spoken = {m.sent.start: stances[id(m)] for m in group.mentions if stances[id(m)] != "assert"}
    said = {m.trigger.i for m in group.mentions if stances[id(m)] != "assert"}
    for m in group.mentions:
        if stances[id(m)] == "assert" and m.sent.start in spoken and m.trigger.i not in said:
            stances[id(m)] = spoken[m.sent.start]
    kinds = list(dict.fromkeys(stances[id(m)] for m in group.mentions))
    if len(kinds) == 1:
        return [group]
    parts = []
    for kind in kinds:
        part = Group(EventType.TRANSFER, [m for m in group.mentions if stances[id(m)] == kind],
                     {role: list(fillers) for role, fillers in group.roles.items()})
        if part.asserted or kind != "assert":
            parts.append(part)
    return parts


def _plausible(group: Group) -> bool:
    """Drop what only looks like a transfer: a supplier handing to itself ("militiamen hand
    weapons to Iraqi police"), a maker delivering to its own state's forces ("HAL delivered a
    Tejas to the Indian Air Force", "Naval Group handed the frigate to the French Navy": a company
    stands for its state, a service is its state; issue 23, not transfers), or an item that is
    military only sometimes ("aircraft", "jets") unless a state, armed group or international
    organisation receives it."""
    suppliers, recipients = group.role_ids("supplier"), group.role_ids("recipient")
    if suppliers and suppliers == recipients:
        return False
    states = {role: {f.state or f.id for f in group.roles.get(role, [])} for role in ("supplier", "recipient")}
    if None not in states["supplier"] | states["recipient"] and states["supplier"] and \
            states["supplier"] == states["recipient"]:
        return False
    item = (group.roles.get("item") or [None])[0]
    if item is not None and item.via == "dual-use":
        kb = load_kb()
        military = {"state", "armed_group", "organisation"}

        def kinds(role: str) -> set:
            return {getattr(kb.get(f.state or f.id), "kind", None) for f in group.roles.get(role, [])}

        if not kinds("recipient") & military:
            # "Qatar Airways bought Boeing 777 jets from the United States": a buyer that is no
            # state, group or organisation buys airliners, not arms
            return False
    return True

