"""interdicted_shipment: "seized a ship carrying weapons bound for Libya"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import is_item, pobjs
from ....construction import construction
from ..reading import Reading


@construction(EventType.TRANSFER, "trigger", 100, "interdicted_shipment")
def interdicted_shipment(r: Reading) -> None:
    """"seized a ship carrying weapons bound for Libya": weapons on their way to someone, "bound
    for" on a weapon noun in a clause about stopping it, read as `ship`, seized (the recipient
    still the one it was bound for; the status words above may say more, "intercepted")."""
    token, f, lex = r.token, r.f, r.lex
    # "drone parts that were bound for Russia": a relative clause says it too
    if r.entry is not None or token.dep_ not in ("acl", "relcl") or token.lemma_.lower() not in lex.destination_participles or \
            not pobjs(token, "for", "to") or not is_item(f, token.head):
        return
    if any(node.lemma_.lower() in lex.interdiction_verbs for node in f.chain(token, 6)[1:]):
        r.entry = {**lex.transfer_verbs["ship"], "status": "seized"}
