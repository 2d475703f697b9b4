"""firm_states: a firm's state given once holds for every mention of it in the article."""
from __future__ import annotations

from dataclasses import replace

from .....records import EventType
from ....construction import construction
from ....context import ArticleContext


@construction(EventType.TRANSFER, "article", 30, "firm_states")
def firm_states(whole: ArticleContext) -> None:
    """"Silver Ships to supply patrol boats to Nigerian Navy" over "Silver Ships, a U.S.-based
    maker ..., will deliver ...": a firm the knowledge base does not know (a provisional "org:"
    id) takes the state the article gives it once, in every mention, so the headline and the
    body pair it alike (as its state) and merge."""
    states: dict[str, str] = {}
    for mention in whole.mentions:
        for fillers in mention.roles.values():
            for filler in fillers:
                if filler.id and filler.id.startswith("org:") and filler.state:
                    states.setdefault(filler.id, filler.state)
    if not states:
        return
    for mention in whole.mentions:
        for role, fillers in mention.roles.items():
            if any(f.id in states and not f.state for f in fillers):
                mention.roles[role] = [replace(f, state=states[f.id]) if f.id in states and not f.state else f
                                       for f in fillers]
