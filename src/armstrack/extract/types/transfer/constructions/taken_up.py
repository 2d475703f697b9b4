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

from .....records import EventType, Filler, Status
from ....arguments import is_item, pobjs
from ....construction import construction
from ....context import SentenceContext
from ....lexicon import words
from ....mention import Mention
from ..common import POINTED, TAKEN_UP, UNNAMED, is_state_id
from ..reading import NOUN, Reading

WORDS = words("constructions/transfer", "taken_up")
STAND_INS = words("constructions/transfer", "unnamed_item")
# `unnamed_item`'s marks on an item a definite phrase or a pronoun takes up, and on one the
# sentence leaves unnamed (its module is not imported: the units share words, not each other)
# ... whose other side is the earlier transfer's, by the mark it had
WAITING = {POINTED: TAKEN_UP, UNNAMED: "taken_up_unnamed"}
RESTORED = {waiting: via for via, waiting in WAITING.items()}
# how many sentences back the weapon may have been named
WINDOW = 2
SIDES = ("supplier", "recipient")


@construction(EventType.TRANSFER, "trigger", 21, "comes_from")
def comes_from(r: Reading) -> object:
    """"Greece has signed for 20 F-35 jets. The aircraft will come from the United States": a
    weapon taken up by a definite phrase that comes from a party is that party's to the buyer
    before; with no such transfer before it is none ("the missiles came from Belarus" may say
    where they were fired from)."""
    token, f = r.token, r.f
    if r.entry is not None or token.pos_ != "VERB" or r.lemma not in WORDS.origin_verbs:
        return None
    subject = f.subject_of(token)
    weapon = subject is not None and is_item(f, subject)
    # "The ships will come from Spain's Cardama shipyard": a noun that stands for a weapon
    if subject is None or not _definite_noun(subject) or not (weapon or subject.lemma_.lower() in STAND_INS.stand_ins):
        return None
    sources = [a for p in pobjs(token, "from") for a in f.actors(p, allow_place=True) if a.id]
    if not sources:
        return None
    item, quantity = f.item(subject) if weapon else (
        Filler("item", subject.text, subject.idx, subject.idx + len(subject.text)), None)
    m = Mention(EventType.TRANSFER, token, r.sent)
    m.add("supplier", sources[:1])
    m.add("item", [replace(item, via=WAITING[POINTED])])
    m.quantity = quantity
    future = any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)
    m.status = Status.AGREED if future else Status.DELIVERED
    m.when = f.date_of(token)
    return m


@construction(EventType.TRANSFER, "frame", 667, "taken_up_deal", shapes=(NOUN,))
def taken_up_deal(r: Reading) -> None:
    """"Iraq has received T-90 tanks. The delivery from Russia came despite sanctions": a definite
    transfer noun that says nothing of what it is for, with one side named, is the transfer
    named before; the noun stands for its weapon until the sentence stage finds it."""
    token = r.token
    if r.item is not None or not _definite_noun(token) or _one_side(r) is None:
        return
    if any(c.dep_ == "prep" and c.lower_ in WORDS.purpose_preps for c in token.subtree):
        return   # "the shipment of medical supplies", "the deal on rice": it says what it is for
    r.item = Filler("item", token.text, token.idx, token.idx + len(token.text), via=WAITING[UNNAMED])


@construction(EventType.TRANSFER, "frame", 794, "taken_up_waits")
def taken_up_waits(r: Reading) -> None:
    """"The ships will be supplied by Italy's Fincantieri", "the deal with China has been
    delayed": a weapon taken up, or left unnamed by a definite deal word, with only one side
    named waits for the sentence stage, where the earlier transfer gives the other."""
    item = r.mention.roles.get("item") or []
    if not item or item[0].via not in (POINTED, UNNAMED) or _one_side(r) is None:
        return
    if item[0].via == UNNAMED and not _definite_noun(r.token):
        return
    r.mention.roles["item"] = [replace(item[0], via=WAITING[item[0].via])] + item[1:]


def _definite_noun(token) -> bool:
    return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in WORDS.definite for c in token.children)


def _one_side(r: Reading) -> str | None:
    """The one side the mention names so far, if it names one only, and that one known."""
    named = [side for side in SIDES if r.mention.roles.get(side)]
    if len(named) != 1 or not all(a.id for a in r.mention.roles[named[0]]):
        return None
    return named[0]


@construction(EventType.TRANSFER, "sentence", 45, "taken_up_sides")
def taken_up_sides(here: SentenceContext) -> None:
    """A transfer whose weapon is taken up by a definite phrase or a pronoun, with one side
    named, takes the other from the nearest earlier transfer that names that side and leaves
    this one's out, at most two sentences back; that transfer gets this one's side. A stand-in
    ("the ships") with no such transfer before is dropped, as a deal with one side unnamed."""
    kept = []
    for mention in here.read:
        waiting = mention.type == EventType.TRANSFER and _via(mention) in RESTORED
        if mention.type == EventType.TRANSFER and (waiting or _definite(mention)):
            done = _complete(mention, here)
            if waiting and not done:
                continue
            if waiting:
                item = mention.roles["item"]
                mention.roles["item"] = [replace(item[0], via=RESTORED[item[0].via])] + item[1:]
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
    if not named:
        return _both_from_before(mention, here)
    if len(named) != 1:
        return False
    known, missing = named[0], "recipient" if named[0] == "supplier" else "supplier"
    ids = {x for f in mention.roles[known] for x in (f.id, f.state) if x}
    if not ids or not all(f.id for f in mention.roles[known]):
        return False
    for prev in _before(mention, here):
        other = [f for f in prev.roles.get(missing) or [] if f.id]
        # "Tamar won an order from Azerbaijan ... The firm will deliver the munitions": the
        # earlier transfer may name this side too
        same = {f.id for f in prev.roles.get(known) or []} == {f.id for f in mention.roles[known]}
        if not other or (prev.roles.get(known) and not same) or ids & {f.state or f.id for f in other}:
            continue
        if not all(is_state_id(here.frames, f.state or f.id) for f in other + mention.roles[known]):
            return False
        mention.roles[missing] = list(other)
        if not same:
            prev.roles[known] = list(mention.roles[known])
        _delivered_before(mention, prev, here)
        return True
    return False


def _delivered_before(mention: Mention, prev: Mention, here: SentenceContext) -> None:
    """"Ukraine has received Gepard guns. The Kremlin said the shipment from Germany would
    prolong the war": a delivery word that takes up a transfer already delivered is that
    delivery; what its own clause says will happen is not the shipment's future."""
    entry = here.frames.lex.transfer_nouns.get(mention.trigger.lemma_.lower()) or {}
    if prev.status == Status.DELIVERED and mention.status == Status.AGREED and \
            entry.get("status") == Status.DELIVERED.value:
        mention.status = Status.DELIVERED


def _both_from_before(mention: Mention, here: SentenceContext) -> bool:
    """"Vietnam ordered six submarines from Russia ... The last submarine arrived in 2017": a
    delivery that names neither side is the earlier transfer's, of the same system when both
    name one."""
    item = mention.first("item")
    for prev in _before(mention, here):
        before = prev.first("item")
        if item is not None and item.id and before.id and item.id != before.id:
            continue
        if all(prev.roles.get(side) for side in SIDES):
            for side in SIDES:
                mention.roles[side] = list(prev.roles[side])
            return True
        return False
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
