"""licensed_production: "India builds Su-30s under licence from Russia"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import pobjs
from ....construction import construction
from ..reading import Reading


@construction(EventType.TRANSFER, "trigger", 60, "licensed_production")
def licensed_production(r: Reading) -> None:
    """"India builds Su-30s under licence from Russia": licensed production transfers the design
    from the licensor to the producer, who receives it (the licence's "from" is the supplier)."""
    token, lex = r.token, r.lex
    if r.entry is not None or token.pos_ != "VERB" or token.lemma_.lower() not in lex.production_verbs:
        return
    for noun in pobjs(token, "under"):
        if noun.lemma_.lower() in lex.licence_nouns or noun.lower_ in lex.licence_nouns:
            r.licence = noun
            r.entry = {**lex.transfer_verbs["receive"], "status": "delivered"}
            return
