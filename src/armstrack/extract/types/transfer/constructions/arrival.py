"""arrival: "The first batch of K9 howitzers arrived in Norway from South Korea"."""
from __future__ import annotations

from dataclasses import replace

from .....records import EventType, Status
from ....arguments import children, is_item, pobjs
from ....construction import REJECT, construction
from ....lexicon import words
from ....mention import Mention
from ..common import TAKEN_UP, is_state_id
from ..parts import component
from ..reading import Reading

WORDS = words("constructions/transfer", "arrival")


@construction(EventType.TRANSFER, "trigger", 20, "arrival")
def arrival(r: Reading) -> object:
    """"The first batch of K9 howitzers arrived in Norway from South Korea": the item is the
    subject, "in"/"at"/"to" (or the object of "reach") the recipient, "from" the supplier,
    "via"/"through" the transit. Only a named source or a shipment word makes it a transfer:
    "Russian jets arrived in Syria" is a deployment. A verb of the arrive class is read here
    or not at all."""
    token, f, lex = r.token, r.f, r.lex
    if token.pos_ != "VERB" or (lex.transfer_verbs.get(r.lemma) or {}).get("class") != "arrive":
        return None
    entry = lex.transfer_verbs[r.lemma]
    subject = f.subject_of(token)
    if subject is None or not is_item(f, subject):
        return REJECT
    item, quantity = f.item(subject)
    m = Mention(EventType.TRANSFER, token, r.sent)
    sources = [a for p in pobjs(token, "from") for a in f.actors(p, allow_place=True) if a.id]
    # "The first F-16s, donated by Denmark, arrived in Ukraine": the giver named on the item
    givers = [c for c in subject.children if c.dep_ in ("acl", "relcl") and
              (lex.transfer_verbs.get(c.lemma_.lower()) or {}).get("frame") == "give"]
    given = [a for g in givers for agent in children(g, "agent") for p in children(agent, "pobj")
             for a in f.actors(p) if a.id]
    sources = sources[:1] or given
    containers = subject.lemma_.lower() in lex.quantity_containers or \
        subject.lower_ in lex.quantity_containers or subject.lemma_.lower() in lex.transfer_nouns
    if any(p.lemma_.lower() in WORDS.deployment_purposes for p in pobjs(token, "for")):
        return REJECT
    # a place, named or not ("at the factory"), says where it went; a date does not
    places = [p for p in pobjs(token, "in", "at", "to") + children(token, "dobj")
              if p.ent_type_ not in ("DATE", "TIME") and not p.like_num]
    if not sources and not places and _taken_up(subject) and not _not_arrived(token):
        # "Vietnam ordered six submarines from Russia ... The last submarine arrived in 2017": the
        # delivery of the transfer before, whose sides it takes (`taken_up_sides`), or none
        m.add("item", [replace(component(f, m, item, True), via=TAKEN_UP)])
        m.quantity, m.status, m.when = quantity, _status(token, entry), f.date_of(token)
        return m
    if not sources and not containers and not _foreign_system(f, subject, item):
        return REJECT
    recipients = [a for p in pobjs(token, "in", "at", "to") for a in f.actors(p, allow_place=True) if a.id]
    recipients += [a for o in children(token, "dobj") for a in f.actors(o, allow_place=True) if a.id]
    # "Taiwan's first Abrams tanks arrived from the United States": whose they now are
    recipients += [a for o in children(subject, "poss") for a in f.actors(o) if a.id and
                   a.id not in {x.id for x in sources}]
    if not recipients:
        return REJECT
    m.add("recipient", recipients[:1])
    m.add("supplier", [a for a in sources if a.id not in {x.id for x in recipients}])
    m.add("transit", [a for p in pobjs(token, "via", "through") for a in f.actors(p, allow_place=True) if a.id][:1])
    m.add("item", [component(f, m, item, True)])
    m.quantity = quantity
    if not m.roles.get("supplier"):
        # "a batch of Chinese-made CH-4 drones": the maker named on the item
        span = f.doc[subject.left_edge.i:subject.right_edge.i + 1]
        maker = [f._filler_from_ent(f.ent_at[t.i]) for t in span if t.i in f.ent_at and f.ent_at[t.i].label_ == "DEMONYM"]
        m.add("supplier", [a for a in maker if a.id and is_state_id(f, a.id)][:1])
    m.status = _status(token, entry)
    m.when = f.date_of(token)
    return m


def _status(token, entry) -> Status:
    """"are due to arrive", "are expected to arrive", "will arrive": agreed, not there yet."""
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in WORDS.scheduling_words:
        return Status.AGREED
    if any(c.dep_ == "aux" and c.lower_ in WORDS.not_yet_modals for c in token.children):
        return Status.AGREED
    return Status(entry["status"])


def _not_arrived(token) -> bool:
    """"The helicopters never arrived", "have not yet arrived": no delivery to tell."""
    return any(c.dep_ == "neg" or c.lower_ in WORDS.never_words for c in token.children)


def _taken_up(subject) -> bool:
    """"the first submarine", "the boats": a definite phrase that takes up a weapon named before
    (not "Taiwan's first tanks", whose owner is named)."""
    return any(c.dep_ == "det" and c.lower_ in WORDS.definite for c in subject.children) and \
        not any(c.dep_ == "poss" for c in subject.children)


def _foreign_system(f, subject, item) -> bool:
    """"The first Abrams tanks had arrived in Ukraine": a named system made abroad, with no
    demonym saying whose forces bring it ("Russian Su-35 jets arrived in Syria" is a
    deployment), arrives as a transfer whose giver the text may name elsewhere."""
    if item is None or not item.id or f.kb is None or getattr(f.kb.get(item.id), "country", None) is None:
        return False
    return not any(f.ent_at.get(t.i) is not None and f.ent_at[t.i].label_ == "DEMONYM" for t in subject.subtree)
