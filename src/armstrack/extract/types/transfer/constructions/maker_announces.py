"""maker_announces: an arms maker announcing a customer's order or delivery is its seller."""
from __future__ import annotations

from .....records import EventType, Filler
from ....construction import construction
from ....context import ArticleContext


@construction(EventType.TRANSFER, "article", 45, "maker_announces")
def maker_announces(whole: ArticleContext) -> None:
    """"Saab said the Royal Thai Air Force will receive four more Gripen fighters", "Leonardo
    announced that the Kenyan Air Force had ordered two C-27J transports": the trade press
    reports a sale in the maker's own words, so a maker the knowledge base knows, cited for a
    transfer with no seller named, sells it, when the weapon is of the maker's state or not
    named by system (a maker speaking of another state's system may only be its partner)."""
    kb = whole.frames.kb
    if kb is None:
        return
    for m in whole.mentions:
        if m.type != EventType.TRANSFER or m.roles.get("supplier") or not m.sources:
            continue
        recipients = {a.state or a.id for a in m.roles.get("recipient") or [] if a.id}
        item = (m.roles.get("item") or [None])[0]
        made_in = getattr(kb.get(item.id), "country", None) if item is not None and item.id else None
        for source in m.sources:
            maker = _maker(kb, source)
            if maker is None or not maker.country or not recipients or maker.country in recipients:
                continue
            if made_in and made_in != maker.country:
                continue
            at = m.sent.text.find(source)
            start = m.sent.start_char + max(at, 0)
            end = start + (len(source) if at >= 0 else 0)
            m.add("supplier", [Filler("actor", source, start, end, id=maker.id, name=maker.name,
                                      via="speaker", state=maker.country)])
            break


def _maker(kb, name: str):
    """The one arms maker a source's name resolves to, or None (a person, a ministry, an outlet)."""
    makers = {a.entity_id for a in kb.lookup(name)}
    entities = [kb.get(i) for i in makers]
    found = [e for e in entities if e is not None and e.kind == "company"]
    return found[0] if len(found) == 1 and len(entities) == 1 else None
