"""Trade-press ways of naming a side or a stage: a system pitched to a buyer ("Airbus touts
C295 aircraft to the Royal Thai Navy"), the maker named in the item's phrase ("Rheinmetall's
Skyranger systems", "two Austal Cape-class patrol boats") and one export ("Israel's export of
the Barak MX system to Morocco")."""
from __future__ import annotations

from .....records import EventType, Filler, Status
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "trade_press")


@construction(EventType.TRANSFER, "trigger", 87, "pitched_to")
def pitched_to(r: Reading) -> None:
    """"Airbus touts C295 maritime aircraft to Royal Thai Navy", "Saab is pitching the Gripen to
    Colombia": a maker promoting a system to a buyer offers it (a sale verb, offered)."""
    token, f = r.token, r.f
    if r.entry is not None or token.pos_ != "VERB" or token.lemma_.lower() not in WORDS.pitching_verbs:
        return
    if any(is_item(f, o) for o in children(token, "dobj")) and any(
            f.actors(p) for p in pobjs(token, "to")):
        r.entry = {**r.lex.transfer_verbs["sell"], "status": Status.OFFERED.value}


@construction(EventType.TRANSFER, "frame", 742, "maker_named")
def maker_named(r: Reading) -> None:
    """"Deliveries of Rheinmetall's Skyranger 30 systems to Austria", "the purchase of two Austal
    Cape-class patrol boats", "a third Lockheed Martin F-35 squadron": a firm named in the
    item's phrase, as its owner or in its name, makes it, and supplies it when nothing else
    says who. A state so named may own the item instead ("Australia's fleet"), so only a
    firm counts, or a state's adjective on a system of that state ("Swedish CV90 vehicles")."""
    f, m, item = r.f, r.mention, r.item
    if m.roles.get("supplier") or item is None or not item.start:
        return
    span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None:
        return
    mods = [c for c in span.root.children if c.dep_ in ("poss", "compound", "nmod")]
    mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ in ("poss", "compound")]
    # "two General Atomics MQ-9 Reapers", parsed with the firm as the head: the name right before
    before = span.start - 1 - (span.start > 1 and f.doc[span.start - 1].tag_ == "POS")
    ent = f.ent_at.get(before) if before >= 0 else None
    if ent is not None and ent.end in (span.start, span.start - 1):
        mods.append(ent.root)
    recipients = {a.state or a.id for a in m.roles.get("recipient") or []}
    origin = getattr(f.kb.get(item.id), "country", None) if item.id and f.kb is not None else None
    for child in mods:
        firms = [a for a in f.actors(child) if a.id and a.state and a.state not in recipients]
        if firms:
            m.add("supplier", firms[:1])
            return
        # "the first Swedish CV90 infantry fighting vehicles": a state's adjective compounded on a
        # system that state makes (an owner's, "Ukrainian Su-27 jets", names another state)
        ent = f.ent_at.get(child.i)
        if ent is not None and ent.label_ == "DEMONYM" and origin and ent.kb_id_ == origin and \
                origin not in recipients:
            m.add("supplier", [f._filler_from_ent(ent)])
            return


@construction(EventType.TRANSFER, "frame", 743, "delivery_from_maker")
def delivery_from_maker(r: Reading) -> None:
    """"The French Air Force has taken delivery of a second C-130J Super Hercules": a buyer taking
    delivery of a named system, from no one named, takes it from its maker, whose state the
    knowledge base gives (a system of the buyer's own state is no transfer to fill)."""
    token, f, m, item = r.token, r.f, r.mention, r.item
    if m.roles.get("supplier") or item is None or not item.id or f.kb is None or token.pos_ != "NOUN":
        return
    verb = token.head if token.dep_ == "dobj" else None
    if verb is None or verb.lemma_.lower() not in WORDS.taking_verbs:
        return
    origin = f.kb.get(getattr(f.kb.get(item.id), "country", None) or "")
    recipients = {a.state or a.id for a in m.roles.get("recipient") or []}
    if origin is None or not recipients or origin.id in recipients:
        return
    m.add("supplier", [Filler("actor", item.text, item.start, item.end, id=origin.id, name=origin.name,
                              via="maker")])


@construction(EventType.TRANSFER, "frame", 804, "one_export")
def one_export(r: Reading) -> None:
    """"Israel's export of the Barak MX air defence system to Morocco, worth about $500 million":
    one export named as a deal is agreed, unless the sentence says it was delivered ("was
    completed last year"); "exports of arms to Egypt" is a flow, delivered."""
    token, f, m = r.token, r.f, r.mention
    if token.pos_ != "NOUN" or token.lower_ not in WORDS.one_export_nouns or m.status != Status.DELIVERED:
        return
    if f.status_from_context(token)[0] is not None:
        return
    if any(node.lemma_.lower() in WORDS.delivered_words for node in f.chain(token, 4)[1:]):
        return
    m.status = Status.AGREED
