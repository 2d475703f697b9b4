"""relative_gap: "The Philippine Marines will station the BrahMos batteries it bought from India",
"the rifles North Korea sent to Russia"; first_to: "Estonia became the first country to buy K9
howitzers"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, is_item
from ....construction import construction
from ....lexicon import words
from ..reading import CLAUSE, Reading, contact_relative

WORDS = words("constructions/transfer", "relative_gap")


@construction(EventType.TRANSFER, "frame", 205, "contact_relative", shapes=(CLAUSE,))
def contact_relative_clause(r: Reading) -> None:
    """"The drones Ghana bought from Israel are grounded", "the jets Egypt ordered from France":
    a relative clause with no "that", which the parser reads as an apposition, has the name
    before the verb as its subject and the noun it qualifies as its object."""
    found = contact_relative(r.token)
    if found is None:
        return
    noun, subject = found
    f = r.f
    if r.objs and not (r.give and all(f.actors(o) and not is_item(f, o) for o in r.objs)):
        return  # "the drones Iran sent the Houthis": an object of a give verb may be the party given to
    if is_item(f, noun) and f.actors(subject):
        r.subj, r.objs, r.datives = subject, [noun], r.datives + r.objs


@construction(EventType.TRANSFER, "frame", 225, "relative_gap", shapes=(CLAUSE,))
def relative_gap(r: Reading) -> None:
    """"the BrahMos batteries it bought from India", "the K9 howitzers it ordered from South
    Korea": a relative clause with no object of its own is about the noun it qualifies, the
    item; its pronoun subject, when no earlier actor resolves it, is the subject of the clause
    the noun belongs to ("The Philippine Marines will station the BrahMos batteries it bought
    from India": the Marines bought them)."""
    token, f = r.token, r.f
    if token.dep_ != "relcl" or r.passive:
        return
    head = token.head
    # "the shells North Korea sent to Russia": a "to" the parser calls a dative is no object
    datives = [d for d in children(token, "dative", "iobj") if d.lower_ not in ("to", "for")]
    if not r.objs and not datives and is_item(f, head):
        r.objs = [head]
    elif r.give and r.objs and is_item(f, head) and all(f.actors(o) and not is_item(f, o) for o in r.objs):
        # "the Patriot batteries Germany gave Ukraine": the object the parser finds is the party
        # given to, the noun the clause qualifies what was given
        r.datives, r.objs = r.datives + r.objs, [head]
    subj = r.subj
    if subj is None or subj.lower_ not in WORDS.pronouns or f.actors(subj):
        return
    node = head
    for _ in range(3):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    subject = next(iter(children(node, "nsubj")), None) if node.pos_ in ("VERB", "AUX") else None
    if subject is not None and subject.i != subj.i:
        r.subj = subject


@construction(EventType.TRANSFER, "frame", 226, "first_to", shapes=(CLAUSE,))
def first_to(r: Reading) -> None:
    """"Estonia became the first country to buy K9 howitzers", "Greece is the latest European
    country to sign up for Gripen jets": an infinitive on the complement of a copula has the
    copula's subject for its own."""
    token, f = r.token, r.f
    if token.dep_ not in ("relcl", "acl") or r.passive or (r.subj is not None and f.actors(r.subj)) or \
            not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return
    noun = token.head
    if noun.dep_ not in ("attr", "oprd") or noun.head.lemma_.lower() not in WORDS.copulas:
        return
    subject = next(iter(children(noun.head, "nsubj")), None)
    if subject is not None and f.actors(subject):
        r.subj = subject
