"""Trade-press ways of naming a side or a stage: a system pitched to a buyer ("Airbus touts
C295 aircraft to the Royal Thai Navy"), the maker named in the item's phrase ("Rheinmetall's
Skyranger systems", "two Austal Cape-class patrol boats") and one export ("Israel's export of
the Barak MX system to Morocco")."""
from __future__ import annotations

from spacy.tokens import Span

from .....records import EventType, Filler, Status
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....context import ArticleContext
from ....frames import FrameReader
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "trade_press")
PROGRAMME = words("constructions/transfer", "sales_programme")


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
    inside = _maker_in_name(f, span)
    if inside is not None and inside.state not in recipients:
        m.add("supplier", [inside])
        return
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


def _maker_in_name(f: FrameReader, span: Span) -> Filler | None:
    """"six Airbus H145M helicopters", "Saab GlobalEye aircraft": a known firm whose name begins
    the system's own name (the knowledge base names the system so, the firm inside it)."""
    if f.kb is None or len(span) < 2:
        return None
    for n in range(len(span) - 1, 0, -1):
        head = span[:n]
        if head[-1].tag_ == "POS" or head[-1].is_punct:
            continue
        firms = [f.kb.get(a.entity_id) for a in f.kb.lookup(head.text)]
        if len(firms) == 1 and firms[0].kind == "company" and firms[0].country:
            return Filler("actor", head.text, head.start_char, head.end_char, id=firms[0].id,
                          name=firms[0].name, via="maker", state=firms[0].country)
    return None


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


@construction(EventType.TRANSFER, "article", 50, "bought_from_maker")
def bought_from_maker(whole: ArticleContext) -> None:
    """"Zambia ordered two C-27J Spartan transports in 2015", "Armenia may buy Su-30SM fighters":
    a state buying a named system from no one the article names buys it from the state that
    makes it, as arms-trade registers count a new weapon's supplier. Only a purchase: a gift
    may come from any state that owns the system ("Ukraine received Leopard tanks")."""
    kb = whole.frames.kb
    if kb is None:
        return
    for m in whole.mentions:
        item = (m.roles.get("item") or [None])[0]
        if m.type != EventType.TRANSFER or m.roles.get("supplier") or item is None or not item.id:
            continue
        if m.trigger.lemma_.lower() not in WORDS.buying_words or m.status == Status.USED:
            continue
        origin = kb.get(getattr(kb.get(item.id), "country", None) or "")
        recipients = {a.state or a.id for a in m.roles.get("recipient") or [] if a.id}
        if origin is None or not recipients or origin.id in recipients:
            continue
        m.add("supplier", [Filler("actor", item.text, item.start, item.end, id=origin.id, name=origin.name,
                                  via="maker")])


@construction(EventType.TRANSFER, "frame", 744, "sales_programme")
def sales_programme(r: Reading) -> None:
    """"Croatia will buy two MQ-9 drones through the Foreign Military Sales program", "via the US
    foreign military sales process": the phrase names no go-between, and the government whose
    sales programme it is (the state the phrase names, else the programme's own) supplies when
    no one else is named; a maker named in the item's phrase stays the supplier, as the trade
    press reads such deals ("two General Atomics MQ-9 drones via ...": the firm)."""
    token, f, m = r.token, r.f, r.mention
    if f.kb is None:
        return
    for obj in pobjs(token, *PROGRAMME.preps):
        words_ = [t.lower_ for t in obj.subtree]
        if not any(" ".join(words_[i:j]) in PROGRAMME.names for i in range(len(words_))
                   for j in range(i + 1, min(i + 6, len(words_)) + 1)):
            continue
        named = [a for t in obj.subtree if t.i != obj.i for a in f.actors(t) if a.id and not a.state]
        state = f.kb.get(named[0].id if named else next(iter(PROGRAMME.state)))
        if state is None:
            return
        span = f.doc[obj.left_edge.i:obj.right_edge.i + 1]
        if not m.roles.get("supplier"):
            m.add("supplier", [Filler("actor", span.text, span.start_char, span.end_char, id=state.id,
                                      name=state.name, via="programme")])
        m.roles["broker"] = [b for b in m.roles.get("broker") or [] if not (span.start_char <= b.start < span.end_char)]
        if not m.roles["broker"]:
            m.roles.pop("broker")
        return


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
