"""sponsors: "a smuggling network run by Iran's Revolutionary Guards", "an arms dealer linked to Iran"."""
from __future__ import annotations

from dataclasses import replace

from .....records import EventType
from ....arguments import pobjs
from ....construction import construction
from ..common import is_state_id
from ..reading import Reading


@construction(EventType.TRANSFER, "frame", 790, "sponsors")
def sponsors(r: Reading) -> None:
    """"A smuggling network run by Iran's Revolutionary Guards", "an arms dealer linked to Iran": a
    side the text names only by a kind of agent acts for the state the phrase ties it to
    (`sponsor_verbs`). The filler keeps its words and no id; its `state` is what claims pair it
    as, the way a company pairs as its state."""
    f, m = r.f, r.mention
    verbs = r.words["sponsor_verbs"]
    for role in ("supplier", "recipient"):
        fillers = m.roles.get(role) or []
        for n, filler in enumerate(fillers):
            if filler.id or filler.state or filler.kind not in ("actor", "text"):
                continue
            span = f.doc.char_span(filler.start, filler.end, alignment_mode="expand")
            if span is None or span.root.lemma_.lower() not in r.lex.generic_actor_heads:
                continue
            for clause in span.root.children:
                if clause.dep_ not in ("acl", "relcl", "amod") or clause.lemma_.lower() not in verbs:
                    continue
                states = [a.state or a.id for p in pobjs(clause, "by", "to", "with", "from")
                          for a in f.actors(p) if a.id and is_state_id(f, a.state or a.id)]
                if states:
                    fillers[n] = replace(filler, state=states[0])
                    break
