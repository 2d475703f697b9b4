"""made_for_another: "Russian troops used Iranian-made drones"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, is_item
from ....construction import construction
from ..reading import Reading


@construction(EventType.TRANSFER, "trigger", 90, "made_for_another")
def made_for_another(r: Reading) -> None:
    """"Russian troops used Iranian-made drones": a weapon one state makes, in the hands of
    another (used, fired or flown by a named other party), was handed over: the maker
    participle reads as `supply`, delivered."""
    token, f = r.token, r.f
    if r.entry is not None or token.dep_ != "amod" or token.lemma_.lower() not in r.words["maker_participles"]:
        return
    noun = token.head
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in r.lex.user_verbs or not is_item(f, noun):
        return
    makers = [f.ent_at.get(c.i) for c in token.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod")]
    makers = [e for e in makers if e is not None and e.label_ in ("ACTOR", "DEMONYM")]
    users = f.actors(next(iter(children(noun.head, "nsubj")), None))
    if bool(makers) and any(u.id for u in users) and \
            {u.id for u in users} != {f._filler_from_ent(e).id for e in makers}:
        r.entry = {**r.lex.transfer_verbs["supply"], "status": "delivered"}
