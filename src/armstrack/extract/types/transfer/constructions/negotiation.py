"""negotiation: "negotiations between Russia and the Houthis to transfer X to them"."""
from __future__ import annotations

from .....records import EventType, Filler
from ....arguments import pobjs
from ....construction import construction
from ..common import is_firm
from ..reading import Reading


@construction(EventType.TRANSFER, "frame", 750, "negotiation")
def negotiation(r: Reading) -> None:
    """"negotiations between Russia and the Houthis to transfer X to them": the party of the talks
    or deal governing the trigger that is not the recipient supplies (or the reverse); "signed a
    contract with India for ...": the other side may hang on the noun; "Egypt is in talks with
    China to buy ...": the subject is one side."""
    f, lex, m = r.f, r.lex, r.mention
    if r.entry.get("status") == "negotiating" and r.token.pos_ == "VERB":
        # "Naval Group is negotiating with Brazil for four submarines": a firm talking with a
        # state for a system sells it (issue 23)
        buyers, sellers = m.roles.get("recipient") or [], m.roles.get("supplier") or []
        if buyers and sellers and all(is_firm(a) for a in buyers) and not any(is_firm(a) for a in sellers):
            m.roles["recipient"], m.roles["supplier"] = sellers, buyers
    for node in _governing(r):
        if f.status_word(node) not in ("negotiating", "agreed", "considered", "requested"):
            continue
        others: list[Filler] = []
        for between in pobjs(node, "between", "with"):
            others.extend(f.actors(between))
        if m.trigger.pos_ in ("NOUN", "PROPN"):
            for between in pobjs(m.trigger, "between", "with"):
                others.extend(f.actors(between))
        verb = f.clause_verb(node)
        subject = [] if verb.lemma_.lower() in lex.mediation else f.actors(f.subject_of(verb))
        recipients = {x.id for x in m.roles.get("recipient", [])}
        suppliers = {x.id for x in m.roles.get("supplier", [])}
        if not suppliers and recipients:
            rest = [p for p in others + subject if p.id and p.id not in recipients]
            if len({p.id for p in rest}) == 1:
                m.add("supplier", rest[:1])
        elif not recipients and suppliers:
            rest = [p for p in others + subject if p.id and p.id not in suppliers]
            if len({p.id for p in rest}) == 1:
                m.add("recipient", rest[:1])
        elif not recipients and not suppliers and subject and others:
            lemma = m.trigger.lemma_.lower()
            first, second = (subject, others) if lemma in lex.transfer_verbs and \
                lex.transfer_verbs[lemma]["frame"] == "get" else (others, subject)
            m.add("recipient", first[:1])
            m.add("supplier", second[:1])
        return


def _governing(r: Reading) -> list:
    """The words over the trigger, and "Saudi Arabia is in talks with Turkey to buy": the talks
    the parser left beside the infinitive, on the verb it hangs from."""
    chain = r.f.chain(r.mention.trigger, 4)[1:]
    if r.mention.trigger.dep_ == "advcl" and chain:
        chain = pobjs(chain[0], "in") + chain
    return chain
