"""built_for: "Naval Group will build Scorpene submarines for Indonesia"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ..reading import Reading


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
    if not items:
        return
    makers = {a.state or a.id for a in f.actors(f.subject_of(token)) if a.id}
    # the parser may hang "for Russia" on the object
    buyers = [a for node in [token] + items for p in pobjs(node, "for") for a in f.actors(p) if a.id]
    kinds = {getattr(f.kb.get(a.state or a.id), "kind", None) for a in buyers} if f.kb is not None else set()
    if bool(buyers) and not {a.id for a in buyers} & makers and bool(kinds & {"state", "armed_group"}):
        r.entry = {**r.lex.transfer_verbs["supply"], "status": "delivered"}
