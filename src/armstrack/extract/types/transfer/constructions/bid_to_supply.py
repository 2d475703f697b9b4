"""bid_to_supply: "Hanwha Aerospace submitted a bid to supply Romania with K9 howitzers",
"Rheinmetall has bid to supply Lynx vehicles to the Czech Army"."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Status
from ....arguments import children
from ....construction import construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "bid_to_supply")


def _bidder(r: Reading, trigger: Token) -> Token | None:
    """Who bids, when the trigger is what a bid is to do: the subject of the verb whose object
    is the bid noun ("submitted a bid to supply", "tabled an offer to build"), or of the bidding
    verb itself ("has bid to supply", "is bidding to supply"). A bid won is a contract
    (`contract_won`), not an offer."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in WORDS.supplying_verbs or \
            not any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children):
        return None
    head = trigger.head
    if trigger.dep_ == "acl" and head.lemma_.lower() in WORDS.bid_nouns and head.dep_ == "dobj" and \
            head.head.pos_ == "VERB" and head.head.lemma_.lower() not in r.words["winning_verbs"]:
        verb = head.head
    elif trigger.dep_ == "xcomp" and head.lemma_.lower() in WORDS.bidding_verbs:
        verb = head
    else:
        return None
    return next(iter(children(verb, "nsubj")), None)


@construction(EventType.TRANSFER, "frame", 748, "bid_to_supply")
def bid_to_supply(r: Reading) -> None:
    """"Hanwha Aerospace submitted a bid to supply Romania with K9 howitzers": the bidder would
    supply (its status: `bid_status`)."""
    f, m = r.f, r.mention
    bidder = _bidder(r, r.token)
    if bidder is None or m.roles.get("supplier"):
        return
    recipients = {a.state or a.id for a in m.roles.get("recipient") or []}
    found = [a for a in f.actors(bidder) if a.id and (a.state or a.id) not in recipients]
    if found:
        m.roles["supplier"] = found


@construction(EventType.TRANSFER, "frame", 806, "bid_status")
def bid_status(r: Reading) -> None:
    """"submitted a bid to supply", "is bidding to supply": an offer, not a deal or a thought."""
    m = r.mention
    if _bidder(r, r.token) is not None and not m.status.halts and m.status != Status.OFFERED:
        m.status = Status.OFFERED
