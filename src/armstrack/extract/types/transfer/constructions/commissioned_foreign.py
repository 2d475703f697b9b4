"""commissioned_foreign: "The Bangladesh Navy commissioned two corvettes built by China's CSOC";
built_by_foreign: "four Egyptian Type 209 submarines built by Germany's TKMS"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....lexicon import words
from ..common import is_state_id, item_owners
from ..reading import Reading

WORDS = words("constructions/transfer", "commissioned_foreign")
MAKERS = words("constructions/transfer", "made_in").maker_participles
BUILT = words("constructions/transfer", "built_by_foreign")


def _side_states(f, fillers) -> set:
    return {x.state or x.id for x in fillers if x.id}


@construction(EventType.TRANSFER, "trigger", 92, "commissioned_foreign")
def commissioned_foreign(r: Reading) -> None:
    """"The Bangladesh Navy has commissioned two corvettes built by China's CSOC", "the navy
    inducted six Turkish-built patrol boats": a service that commissions what another state's
    maker built received it; the commissioning verb reads as `receive`, delivered (made_in
    names the maker)."""
    token, f = r.token, r.f
    if r.entry is not None or token.pos_ != "VERB" or token.lemma_.lower() not in WORDS.commissioning_verbs:
        return
    owners = _side_states(f, f.actors(next(iter(children(token, "nsubj")), None)))
    if not owners:
        return
    for obj in children(token, "dobj"):
        if not is_item(f, obj):
            continue
        for part in (c for c in obj.children if c.lemma_.lower() in MAKERS or c.lower_ in MAKERS):
            makers = [e for c in part.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod")
                      and (e := f.ent_at.get(c.i)) is not None and e.label_ in ("ACTOR", "DEMONYM")]
            fillers = [f._filler_from_ent(e) for e in makers]
            fillers += [a for agent in part.children if agent.dep_ == "agent"
                        for pobj in agent.children if pobj.dep_ == "pobj" for a in f.actors(pobj)]
            states = _side_states(f, fillers)
            if states and not states & owners:
                r.entry = {**r.lex.transfer_verbs["receive"], "status": "delivered"}
                return


@construction(EventType.TRANSFER, "trigger", 93, "built_by_foreign")
def built_by_foreign(r: Reading) -> None:
    """"four Egyptian Type 209 submarines built by Germany's TKMS", "Peru's frigates, made by
    Italy's Fincantieri": a weapon one state owns that another state's maker built was supplied
    by the maker, delivered (the frame reads the maker from "by" and the owner from the
    phrase: `owner_of_participle`). "Turkish drones built by Baykar" is the maker's own."""
    token, f = r.token, r.f
    if r.entry is not None or token.pos_ != "VERB" or token.lemma_.lower() not in BUILT.maker_verbs or \
            token.dep_ != "acl" or token.tag_ not in ("VBN", "VBD") or not is_item(f, token.head):
        return
    makers = set()
    for maker in pobjs(token, "by"):
        # a maker whose state is unknown may be the owner's own ("built by Smith Marine");
        # "Pakistan's PAC" names it
        named = f.actors(maker) + [a for c in maker.children if c.dep_ == "poss" for a in f.actors(c)]
        makers |= {a.state or a.id for a in named if a.state or (a.id and is_state_id(f, a.id))}
    owners = _side_states(f, item_owners(f, token.head, adjectives=True))
    if makers and owners and not makers & owners:
        r.entry = {**r.lex.transfer_verbs["supply"], "status": "delivered"}
