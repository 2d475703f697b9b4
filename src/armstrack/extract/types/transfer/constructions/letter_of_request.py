"""letter_of_request: "Poland submitted a letter of request to the United States for 96 Apaches"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import is_item, pobjs
from ....construction import REJECT, construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "letter_of_request")


@construction(EventType.TRANSFER, "frame", 656, "letter_of_request")
def letter_of_request(r: Reading) -> object:
    """"The Philippine Air Force has submitted a letter of request to Lockheed Martin for 20
    F-16 jets", "Taiwan sent a letter of request to the United States for 66 F-16V jets": the
    first formal step of a foreign military sale. Who sends the letter asks (the recipient),
    the one it goes "to" is asked (the supplier), what it is "for" is the weapon; requested.
    The verb that sends it hands over a letter, not the weapon."""
    token, f, m = r.token, r.f, r.mention
    if token.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in WORDS.letter_nouns
                                    for c in token.children):
        return REJECT
    if token.lemma_.lower() not in WORDS.asking_nouns or token.dep_ != "pobj" or token.head.lower_ != "of":
        return None
    letter = token.head.head
    if letter.lemma_.lower() not in WORDS.letter_nouns or letter.dep_ not in ("dobj", "nsubjpass"):
        return None
    verb = letter.head
    if r.item is None:
        wanted = [p for h in (token, letter, verb) for p in pobjs(h, "for")]
        found = next((p for p in wanted if is_item(f, p)), None)
        if found is None:
            return None
        r.item, r.quantity = f.item(found)
    if not m.roles.get("recipient") and letter.dep_ == "dobj":
        m.add("recipient", [a for a in f.actors(f.subject_of(verb)) if a.id])
    if not m.roles.get("supplier"):
        m.add("supplier", [a for h in (letter, verb) for p in pobjs(h, "to") for a in f.actors(p) if a.id][:1])
    return None
