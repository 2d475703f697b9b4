"""commissioned_foreign: "The Bangladesh Navy commissioned two corvettes built by China's CSOC"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, is_item
from ....construction import construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "commissioned_foreign")
MAKERS = words("constructions/transfer", "made_in").maker_participles


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
