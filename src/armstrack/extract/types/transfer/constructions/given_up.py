"""given_up: "gave up its weapons", "handing back their weapons" hand nothing over."""
from __future__ import annotations

from .....records import EventType
from ....construction import REJECT, construction
from ..reading import Reading


@construction(EventType.TRANSFER, "frame", 20, "given_up")
def given_up(r: Reading) -> object:
    """"gave up its weapons", "handing back their weapons": a transfer verb with a particle of
    `non_transfer_particles` (modality.yaml) hands nothing over to another party, unless the
    verb with its particle is a transfer of its own (`phrasal_verbs`: "signed up for drones")."""
    phrasal = r.lex.section("transfer").get("phrasal_verbs") or {}
    if any(c.dep_ == "prt" and c.lower_ in r.lex.non_transfer_particles and f"{r.lemma} {c.lower_}" not in phrasal
           for c in r.token.children):
        return REJECT
    return None
