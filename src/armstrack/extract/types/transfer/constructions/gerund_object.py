"""gerund_object: "The UAE has denied supplying weapons to Sudan", the gerund parsed as an adjective."""
from __future__ import annotations

from .....records import EventType
from ....arguments import is_item, pobjs
from ....construction import construction
from ....mention import Mention
from ..parts import component
from ..reading import Reading
from ..status import transfer_status


@construction(EventType.TRANSFER, "trigger", 30, "gerund_object")
def gerund_object(r: Reading) -> Mention | None:
    """"The UAE has denied supplying weapons to Sudan", parsed with "supplying" as an adjective
    of "weapons": a transfer gerund right before the object of a saying verb (deny, admit,
    confirm) is that verb's complement, done by its subject."""
    token, f, lex = r.token, r.f, r.lex
    entry = lex.transfer_verbs.get(token.lemma_.lower())
    noun = token.head
    if entry is None or token.tag_ != "VBG" or token.dep_ != "amod" or noun.dep_ != "dobj" or \
            noun.i != token.i + 1 or not is_item(f, noun):
        return None
    verb = noun.head
    saying = {w for words in lex.statement.values() for w in words} | lex.attribution
    if verb.lemma_.lower() not in saying:
        return None
    give = entry["frame"] == "give"
    m = Mention(EventType.TRANSFER, token, token.sent)
    item, quantity = f.item(noun)
    m.add("supplier" if give else "recipient", f.parties(f.subject_of(verb)))
    for node in (noun, verb):
        for p in pobjs(node, *[p for p, role in entry["preps"].items() if role == "recipient" and " " not in p]):
            m.add("recipient", f.actors(p, allow_place=True))
        for p in pobjs(node, *[p for p, role in entry["preps"].items() if role == "supplier"]):
            m.add("supplier", f.actors(p, allow_place=True))
    m.add("item", [component(f, m, item, give)])
    m.quantity = quantity
    transfer_status(f, m, entry)
    m.when = f.date_of(verb)
    return m
