"""The weapon named in one sentence and its deal's other side in the next: "Egypt has ordered two
more FREMM frigates. The ships will be supplied by Italy's Fincantieri", "Kenya will buy
six patrol boats. They will be delivered by Turkey". A definite phrase or a pronoun takes the
weapon up, and the sentence names one side; the other is the earlier transfer's, which the
later sentence completes (the buyer named no seller there, and the maker's state is no guess to
make when the text names the seller).

Two units, because a phrase that only stands for the weapon ("the ships", "them") is dropped by
`unnamed_item_sides` when one side is missing, and which earlier transfer it takes up is only
known once the sentence has been read beside the article's earlier ones: the first keeps such a
transfer to the sentence stage, the second gives it the earlier side or drops it."""
from __future__ import annotations

from dataclasses import replace

from .....records import EventType
from ....construction import construction
from ....context import SentenceContext
from ....lexicon import words
from ....mention import Mention
from ..common import is_state_id
from ..reading import Reading

WORDS = words("constructions/transfer", "taken_up")
# `unnamed_item`'s mark on an item a definite phrase or a pronoun takes up (its module is not
# imported: the units share words and helpers, not each other)
POINTED = "pointed"
WAITING = "taken_up"   # ... whose other side is the earlier transfer's
# how many sentences back the weapon may have been named
WINDOW = 2
SIDES = ("supplier", "recipient")


@construction(EventType.TRANSFER, "frame", 794, "taken_up_waits")
def taken_up_waits(r: Reading) -> None:
    """"The ships will be supplied by Italy's Fincantieri": a weapon taken up with only one side
    named waits for the sentence stage, where the earlier transfer gives the other."""
    item = r.mention.roles.get("item") or []
    if not item or item[0].via != POINTED:
        return
    if sum(bool(r.mention.roles.get(side)) for side in SIDES) != 1:
        return
    r.mention.roles["item"] = [replace(item[0], via=WAITING)] + item[1:]


@construction(EventType.TRANSFER, "sentence", 45, "taken_up_sides")
def taken_up_sides(here: SentenceContext) -> None:
    """A transfer whose weapon is taken up by a definite phrase or a pronoun, with one side
    named, takes the other from the nearest earlier transfer that names that side and leaves
    this one's out, at most two sentences back; that transfer gets this one's side. A stand-in
    ("the ships") with no such transfer before is dropped, as a deal with one side unnamed."""
    kept = []
    for mention in here.read:
        waiting = mention.type == EventType.TRANSFER and _via(mention) == WAITING
        if mention.type == EventType.TRANSFER and (waiting or _definite(mention)):
            done = _complete(mention, here)
            if waiting and not done:
                continue
            if waiting:
                item = mention.roles["item"]
                mention.roles["item"] = [replace(item[0], via=POINTED)] + item[1:]
        kept.append(mention)
    here.read[:] = kept


def _via(mention: Mention) -> str | None:
    item = mention.roles.get("item") or []
    return item[0].via if item else None


def _definite(mention: Mention) -> bool:
    """"The frigates will be supplied by Italy": the weapon's kind with a definite determiner and
    no name of its own takes up one named before."""
    item = mention.first("item")
    if item is None or item.id or not item.broad:
        return False
    inside = [t for t in mention.sent if item.start <= t.idx < item.end]
    heads = [t for t in inside if not item.start <= t.head.idx < item.end]
    return len(heads) == 1 and any(c.dep_ == "det" and c.lower_ in WORDS.definite for c in heads[0].children)


def _complete(mention: Mention, here: SentenceContext) -> bool:
    """Give the transfer the side it leaves out from the earlier one it takes up, and the earlier
    one the side this names; True when one was found."""
    named = [side for side in SIDES if mention.roles.get(side)]
    if len(named) == 2:
        # the side just taken by `sides_from_before` ("The frigates will be supplied by Italy")
        # may be that of a buyer who named no seller
        _give_back(mention, here)
        return True
    if len(named) != 1:
        return False
    known, missing = named[0], "recipient" if named[0] == "supplier" else "supplier"
    ids = {x for f in mention.roles[known] for x in (f.id, f.state) if x}
    if not ids or not all(f.id for f in mention.roles[known]):
        return False
    for prev in _before(mention, here):
        other = [f for f in prev.roles.get(missing) or [] if f.id]
        if not other or prev.roles.get(known) or ids & {f.state or f.id for f in other}:
            continue
        if not all(is_state_id(here.frames, f.state or f.id) for f in other + mention.roles[known]):
            return False
        mention.roles[missing] = list(other)
        prev.roles[known] = list(mention.roles[known])
        return True
    return False


def _give_back(mention: Mention, here: SentenceContext) -> None:
    suppliers, recipients = mention.roles["supplier"], mention.roles["recipient"]
    wanted = {f.id for f in recipients if f.id}
    for prev in _before(mention, here):
        if prev.roles.get("supplier"):
            continue
        if wanted and wanted == {f.id for f in prev.roles.get("recipient") or [] if f.id}:
            prev.roles["supplier"] = list(suppliers)
            return


def _before(mention: Mention, here: SentenceContext):
    """The transfers before `mention`, nearest first, at most WINDOW sentences back, of the same
    kind of weapon when both name one."""
    item = mention.first("item")
    for prev in reversed(here.earlier):
        if prev.type != EventType.TRANSFER:
            continue
        if here.number[mention.sent.start] - here.number[prev.sent.start] > WINDOW:
            return
        before = prev.first("item")
        if before is None or (item is not None and item.broad and before.broad and item.broad != before.broad):
            continue
        yield prev
