"""built_for: "Naval Group will build Scorpene submarines for Indonesia"."""
from __future__ import annotations

from .....records import EventType, Status
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....lexicon import words
from ..reading import Reading

MILESTONE = words("constructions/transfer", "milestone")
WORDS = words("constructions/transfer", "built_for")


@construction(EventType.TRANSFER, "trigger", 80, "built_for")
def built_for(r: Reading) -> None:
    """"Naval Group will build Scorpene submarines for Indonesia", "the first of the frigates
    Fincantieri is building for Qatar": who builds a weapon for
    another state or group supplies it. A production verb with a weapon as object and another
    state or group after "for" reads as `supply`, delivered."""
    token, f = r.token, r.f
    if r.entry is not None or token.pos_ != "VERB" or token.lemma_.lower() not in r.lex.production_verbs:
        return
    items = [o for o in children(token, "dobj", "nsubjpass") if is_item(f, o)]
    if not items and token.dep_ == "relcl" and is_item(f, token.head) and \
            all(o.tag_ in ("WDT", "WP") for o in children(token, "dobj")):
        # "the first of four corvettes (that) Navantia is building for Saudi Arabia": the clause
        # qualifies what is built
        items = [token.head]
    if not items and token.dep_ == "acl" and token.tag_ == "VBN" and is_item(f, token.head) and pobjs(token, "by"):
        # "four submarines built by TKMS for Egypt", "the corvette, built for the Algerian Navy
        # by a Chinese yard": the participle qualifies what is built, by the maker it names (the
        # clause's subject is no maker: "the Greek navy commissioned a frigate built for Egypt")
        items = [token.head]
    if not items:
        return
    by = {a.state or a.id for p in pobjs(token, "by") for a in f.actors(p) if a.id}
    if token.dep_ == "acl" and token.tag_ == "VBN" and not by:
        return   # "a frigate built by a local shipyard for the Indian Navy": no maker known abroad
    makers = {a.state or a.id for a in f.actors(f.subject_of(token)) if a.id} | by
    # the parser may hang "for Russia" on the object
    buyers = [a for node in [token] + items + pobjs(token, "by") for p in pobjs(node, "for")
              for a in f.actors(p) if a.id]
    kinds = {getattr(f.kb.get(a.state or a.id), "kind", None) for a in buyers} if f.kb is not None else set()
    if bool(buyers) and not {a.id for a in buyers} & makers and bool(kinds & {"state", "armed_group"}):
        r.entry = {**r.lex.transfer_verbs["supply"], "status": "delivered"}


@construction(EventType.TRANSFER, "frame", 805, "built_for_milestone")
def built_for_milestone(r: Reading) -> None:
    """"The corvette, built for the Algerian Navy by a Chinese yard, was launched on Monday": a
    ship built for a buyer and launched (or a jet that flew) reached a step of its building, it
    was not fired; the sale is agreed."""
    token, m = r.token, r.mention
    if token.dep_ != "acl" or token.lemma_.lower() not in r.lex.production_verbs or m.status != Status.USED:
        return
    verb = token.head.head
    item = m.first("item")
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in MILESTONE.milestone_verbs:
        return
    if verb.lemma_.lower() in WORDS.fired_verbs and (item is None or item.broad not in WORDS.launched_kinds):
        return   # "the drones, built by Iran for Russia, were launched at Kyiv": fired
    m.status = Status.AGREED


@construction(EventType.TRANSFER, "frame", 605, "built_for_on_maker")
def built_for_on_maker(r: Reading) -> None:
    """"The submarine, built by Naval Group for Brazil, ...": the parser may hang the buyer's
    "for" on the maker the participle names; the buyer receives."""
    token, f, m = r.token, r.f, r.mention
    if m.roles.get("recipient") or token.lemma_.lower() not in r.lex.production_verbs:
        return
    makers = {a.state or a.id for p in pobjs(token, "by") for a in f.actors(p) if a.id}
    buyers = [a for p in pobjs(token, "by") for q in pobjs(p, "for") for a in f.actors(q)
              if a.id and (a.state or a.id) not in makers]
    if buyers:
        m.add("recipient", buyers)
