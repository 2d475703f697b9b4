"""The participle shape: "centrifuges sold to North Korea", "Iranian-supplied drones"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import is_item, pobjs
from ....construction import REJECT, construction
from ....lexicon import words
from ..common import item_owners
from ..reading import CLAUSE, PARTICIPLE, Reading

BUILT = words("constructions/transfer", "built_by_foreign")
COMMISSIONING = words("constructions/transfer", "commissioned_foreign").commissioning_verbs


@construction(EventType.TRANSFER, "frame", 100, "fitted_participle", shapes=(PARTICIPLE,))
def fitted_participle(r: Reading) -> object:
    """"drones armed with guided bombs": a weapon fitted with another, not handed over."""
    if r.lemma in r.lex.fitting_verbs and is_item(r.f, r.noun):
        return REJECT
    return None


@construction(EventType.TRANSFER, "frame", 110, "participle_item", shapes=(PARTICIPLE,))
def participle_item(r: Reading) -> None:
    """"centrifuges sold to North Korea": the noun the participle hangs on was transferred."""
    if is_item(r.f, r.noun):
        r.item, r.quantity = r.f.item(r.noun)


@construction(EventType.TRANSFER, "frame", 120, "participle_agent", shapes=(PARTICIPLE,))
def participle_agent(r: Reading) -> None:
    """"missiles supplied by Iran": the agent gives (of a give verb) or gets."""
    for agent in pobjs(r.token, "by"):
        r.mention.add("supplier" if r.give else "recipient", r.f.actors(agent))


@construction(EventType.TRANSFER, "frame", 130, "qualified_participle", shapes=(PARTICIPLE,))
def qualified_participle(r: Reading) -> None:
    """"Iranian-supplied drones", "a Libyan supplied Scud-B": the qualifier names the supplier
    (of a give verb; "Russian-bought" is rare enough to read the same way)."""
    token, f = r.token, r.f
    if token.dep_ != "amod":
        return
    before = token.doc[token.i - 1] if token.i > 0 else None
    for mod in [c for c in token.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod")] + (
            [before] if before is not None and before.head.i == token.head.i and before.dep_ in ("amod", "compound") else []):
        ent = f.ent_at.get(mod.i)
        if ent is not None and ent.label_ in ("ACTOR", "DEMONYM"):
            r.mention.add("supplier" if r.give else "recipient", [f._filler_from_ent(ent)])


@construction(EventType.TRANSFER, "frame", 140, "user_of_participle", shapes=(PARTICIPLE,))
def user_of_participle(r: Reading) -> None:
    """"Hamas fighters used Iranian-supplied rockets", "India operates BrahMos missiles bought from
    Russia", "the navy commissioned frigates bought from China": who uses or commissions what was
    given to them received it, when the text says who they are ("troops launched a Libyan
    supplied Scud-B" names no one)."""
    noun = r.noun
    if r.give and pobjs(r.token, "to"):
        return  # "aircraft the navy flies, built in the US and later transferred to France"
    # "Pakistan inducted J-10C fighters bought from China": a service takes into service what it got
    if noun.dep_ == "dobj" and (noun.head.lemma_.lower() in r.lex.user_verbs or
                                noun.head.lemma_.lower() in COMMISSIONING):
        # "troops have begun using the ATACMS supplied by Washington": the user may be the
        # subject of the verb the use depends on
        user = r.f.subject_of(noun.head)
        if user is not None:
            r.mention.add("recipient", [a for a in r.reader._actors(user) if a.id])


@construction(EventType.TRANSFER, "frame", 615, "owner_of_participle", shapes=(PARTICIPLE, CLAUSE))
def owner_of_participle(r: Reading) -> None:
    """"Ghana's Hermes drones, bought from Israel in 2008", "Peru's frigates, which were sold by
    Italy", "Chile's tanks that Germany supplied": the party that owns what another handed over
    received it, when the phrase names no recipient (a firm's own products are not its
    purchases); what a maker built is owned also by the demonym before it ("Egyptian submarines
    built by Germany's TKMS": `built_by_foreign`)."""
    m, f = r.mention, r.f
    noun = r.noun if r.shape == PARTICIPLE else (
        r.token.head if r.token.dep_ == "relcl" and (r.passive or r.token.head in r.objs) else None)
    if noun is None or m.roles.get("recipient") or (r.give and not m.roles.get("supplier")):
        return  # "Nigeria's newly acquired JF-17 jets": who owns what was bought bought it
    sides = {a.state or a.id for a in m.roles.get("supplier", []) if a.id}
    owners = item_owners(f, noun, adjectives=r.lemma in BUILT.maker_verbs and r.shape == PARTICIPLE)
    if (sides or not r.give) and owners and not {a.id for a in owners} & sides:
        m.add("recipient", owners[:1])
