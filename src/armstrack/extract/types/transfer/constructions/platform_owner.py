"""platform_owner: "diesel engines for the Indian Navy's new frigates": the platform's owner."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, pobjs
from ....construction import construction
from ....labels import ITEM_LABELS
from ..reading import Reading


@construction(EventType.TRANSFER, "frame", 685, "platform_owner")
def platform_owner(r: Reading) -> None:
    """"Germany will supply diesel engines for the Indian Navy's new frigates", "gearboxes for
    Egypt's new corvettes": equipment for a platform someone owns goes to that owner, when the
    text names no recipient (a named system's parts are `item`'s: `parts.component`)."""
    f, m = r.f, r.mention
    if not r.give or m.roles.get("recipient") or r.item is None:
        return
    trigger = m.trigger
    holders = [w for node in [trigger] + children(trigger, "dobj") for w in pobjs(node, "for")]
    for holder in holders:
        inside = f.ent_at.get(holder.i)
        if inside is not None and inside.label_ not in ITEM_LABELS:
            continue  # "for Ukraine's army" is a recipient the valency reads; a platform is not
        for owner in (c for c in holder.children if c.dep_ == "poss"):
            found = [a for a in f.actors(owner) if a.id]
            if found:
                m.add("recipient", found)
                return
