"""The clause shape: a transfer verb with its subject, objects and prepositions ("Russia sold
jets to Egypt", "were sold by", "agreed to sell", "provided Moscow with drones")."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType
from ....arguments import children, is_item, pobjs
from ....construction import REJECT, construction
from ....frames import FrameReader
from ....lexicon import words
from ..common import is_firm, is_state_id, item_owners, relative_antecedent
from ..parts import is_part
from ..reading import CLAUSE, Reading

OWN_FORCES = words("constructions/transfer", "own_forces")
WEAPON_CARRIES = words("constructions/transfer", "weapon_carries")
RETAIL = words("constructions/transfer", "retail_purchase")


@construction(EventType.TRANSFER, "frame", 200, "clause_arguments", shapes=(CLAUSE,))
def clause_arguments(r: Reading) -> None:
    """The verb's voice, subject, objects and datives. "many of them supplied by the Americans":
    a participle with an agent and no perfect auxiliary is passive even without "were"; a
    relative pronoun object stands for its noun ("the jets which Russia delivered")."""
    token, f = r.token, r.f
    r.passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
        token.tag_ == "VBN" and any(c.dep_ == "agent" for c in token.children)
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children))
    r.subj = next(iter(children(token, "nsubj")), None) or (
        None if r.passive else f.subject_of(token, through_nouns=True))
    if token.dep_ == "acomp" and token.tag_ == "VBN" and not r.passive:
        # "the Houthis are armed with missiles": a participle after the copula is passive
        r.passive, r.subj = True, next(iter(children(token.head, "nsubj")), None)
    r.objs = [relative_antecedent(o) for o in children(token, "dobj")]
    r.datives = children(token, "dative", "iobj")


def _passive_head(token: Token) -> Token | None:
    """The passive verb a bare participle is coordinated with ("were refurbished in Poland and
    shipped to Ukraine"): the participle shares its auxiliary and its passive subject. The tagger
    often calls the bare participle a past tense; one with an object of its own is active ("was
    hired and delivered the tanks")."""
    if token.dep_ != "conj" or token.tag_ not in ("VBN", "VBD") or \
            children(token, "nsubj", "nsubjpass", "aux", "auxpass", "dobj", "dative"):
        return None
    head = token.head
    if head.pos_ == "VERB" and children(head, "auxpass") and children(head, "nsubjpass"):
        return head
    return None


@construction(EventType.TRANSFER, "frame", 207, "passive_conjunct", shapes=(CLAUSE,))
def passive_conjunct(r: Reading) -> None:
    """"The tanks were refurbished by Rheinmetall and delivered to Ukraine", "were brokered by a
    Serbian dealer and shipped to South Sudan": the second participle is passive too, with no
    subject of its own (the agent of the first is not its giver)."""
    if not r.passive and _passive_head(r.token) is not None:
        r.passive, r.subj = True, None


@construction(EventType.TRANSFER, "frame", 210, "retail_purchase", shapes=(CLAUSE,))
def retail_purchase(r: Reading) -> object:
    """"a man bought a rifle at a gun store": a private buyer (`private_buyers`) is retail, not
    a transfer between parties the tool tracks."""
    subj = r.subj
    if subj is not None and subj.lemma_.lower() in r.lex.private_buyers and not r.give and \
            not r.f.actors(subj) and not _state_customer(r.f, subj):
        return REJECT
    return None


def _state_customer(f: FrameReader, subj: Token) -> bool:
    """"an undisclosed African customer", "the customer, the Hungarian Air Force": the trade
    press's word for a state buying from a maker, not a shop's."""
    return any(c.dep_ == "amod" and c.lower_ in RETAIL.state_customer_marks for c in subj.children) or any(
        c.dep_ == "appos" and f.actors(c) for c in subj.children)


@construction(EventType.TRANSFER, "frame", 220, "tough_subject", shapes=(CLAUSE,))
def tough_subject(r: Reading) -> None:
    """"such drones are hard to obtain": the adjective's subject is the verb's object (through
    "easier and cheaper")."""
    if r.objs or r.passive:
        return
    token = r.token
    if token.dep_ != "xcomp" or children(token, "nsubj"):
        return
    adj = token.head
    if adj.pos_ != "ADJ" or adj.lemma_.lower() not in r.lex.tough_adjectives:
        return
    while adj.dep_ == "conj" and adj.head.pos_ == "ADJ":
        adj = adj.head
    if adj.dep_ != "acomp":
        return
    tough = next(iter(children(adj.head, "nsubj", "nsubjpass")), None)
    if tough is not None:
        r.subj, r.objs = None, [tough]


@construction(EventType.TRANSFER, "frame", 230, "shared_object", shapes=(CLAUSE,))
def shared_object(r: Reading) -> None:
    """"denies acquiring or producing chemical weapons": coordinated verbs share the object the
    parser hangs on the last of them."""
    if r.objs or r.passive:
        return
    for conj in r.token.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and conj.i > r.token.i and \
                not children(conj, "nsubj", "nsubjpass"):
            r.objs = children(conj, "dobj")
            break


@construction(EventType.TRANSFER, "frame", 240, "weapon_fitted", shapes=(CLAUSE,))
def weapon_fitted(r: Reading) -> object:
    """"missiles equipped with nuclear warheads", "the frigate is armed with Exocets": a weapon
    fitted (`fitting_verbs`), not handed over: its object, passive subject, the noun it
    qualifies or the subject of a predicative participle is a weapon."""
    token, f = r.token, r.f
    if r.lemma in r.lex.fitting_verbs and _fits_owners_platform(r):
        return None
    if r.lemma in r.lex.fitting_verbs and any(
            is_item(f, t) for t in r.objs + children(token, "nsubjpass") +
            ([token.head] if token.dep_ in ("acl", "relcl") else []) +
            ([f.subject_of(token)] if token.dep_ == "acomp" and f.subject_of(token) is not None else [])):
        return REJECT
    return None


def _fits_owners_platform(r: Reading) -> bool:
    """"Thales will equip the Indonesian Navy's new frigates with SMART-L radars": a firm fitting
    a state's own platform with a weapon supplies the weapon to that state (the platform's owner,
    by its possessive), the "with" phrase the item."""
    token, f = r.token, r.f
    if children(token, "nsubjpass") or token.dep_ in ("acl", "relcl", "acomp") or \
            not any(is_firm(a) for a in f.actors(f.subject_of(token))):
        return False
    firm_states = {a.state for a in f.actors(f.subject_of(token)) if is_firm(a)}
    for platform in r.objs:
        owners = [a for a in item_owners(f, platform) if a.id not in firm_states and is_state_id(f, a.id)]
        # the parser may hang the "with" on the platform
        fitted = next((w for w in pobjs(token, "with") + pobjs(platform, "with") if is_item(f, w)), None)
        if owners and fitted is not None and is_item(f, platform):
            r.item, r.quantity = f.item(fitted)
            r.item_tokens.add(fitted.i)
            r.objs = [o for o in r.objs if o.i != platform.i]
            r.mention.add("recipient", owners[:1])
            return True
    return False


@construction(EventType.TRANSFER, "frame", 250, "voice", shapes=(CLAUSE,))
def voice(r: Reading) -> None:
    """Active: the subject gives (or gets). Passive: the passive subject is the item, or the
    party on the other side ("Ukraine was supplied with"); the "by" agent gives (or gets)."""
    token, f, m, give = r.token, r.f, r.mention, r.give
    if not r.passive:
        m.add("supplier" if give else "recipient", f.parties(r.subj))
        return
    subj = r.subj
    subjpass = next(iter(children(token, "nsubjpass")), None) or (
        subj if subj is not None and subj.dep_ == "nsubj" else None)
    if subjpass is None and (head := _passive_head(token)) is not None:
        subjpass = next(iter(children(head, "nsubjpass")))
    elif subjpass is None and token.dep_ in ("relcl", "acl") and token.head.pos_ == "NOUN":
        subjpass = token.head   # "the helicopters to be delivered to Chad"
    elif subjpass is None and token.dep_ == "xcomp":
        # "the drones are believed to have been supplied by Iran", "the jets are due to be handed
        # over": a passive infinitive's subject is the one raised to the verb it complements
        subjpass = f.subject_of(token)
    elif subjpass is None and token.dep_ == "ccomp" and is_item(f, next(iter(children(token.head, "nsubj")), None)):
        # "The Rafale fighters Qatar ordered in 2015 have all been delivered": the parser makes
        # the relative clause the sentence and the verb of the weapons its complement
        subjpass = next(iter(children(token.head, "nsubj")))
    if subjpass is not None:
        subjpass = relative_antecedent(subjpass)
    r.subj = None
    agents = pobjs(token, "by")
    if subjpass is not None and is_item(f, subjpass):
        r.item, r.quantity = f.item(subjpass)
    elif subjpass is not None and f.item_antecedent(subjpass) is not None:
        r.item, r.quantity = f.item_antecedent(subjpass)
    elif subjpass is not None:
        m.add("recipient" if give else "supplier", f.parties(subjpass))
    m.add("supplier" if give else "recipient", f.parties(agents[0]) if agents else [])


@construction(EventType.TRANSFER, "frame", 260, "user_of_relative", shapes=(CLAUSE,))
def user_of_relative(r: Reading) -> None:
    """"Hamas used rockets that were smuggled from Iran": who uses the item got it."""
    token, f, m, give = r.token, r.f, r.mention, r.give
    if token.dep_ == "relcl" and is_item(f, token.head) and token.head.dep_ == "dobj" and \
            token.head.head.lemma_.lower() in r.lex.user_verbs:
        users = f.actors(f.subject_of(token.head.head))
        m.add("supplier" if not give else "recipient",
              [u for u in users if u.id not in {a.id for a in m.roles.get("supplier" if give else "recipient", [])}])


@construction(EventType.TRANSFER, "frame", 270, "own_forces", shapes=(CLAUSE,))
def own_forces(r: Reading) -> object:
    """"Iran armed its navy with anti-ship missiles": a state equipping its own forces ("its
    navy", "their own troops", "Iran's army" under a giver that is Iran) hands nothing over."""
    if r.give and not pobjs(r.token, "to") and any(
            _own_forces(r, o, r.subj) and not is_item(r.f, o) for o in r.objs + r.datives):
        return REJECT
    return None


def _own_forces(r: Reading, noun: Token, giver: Token | None) -> bool:
    forces = r.words["own_forces"]
    if noun.lemma_.lower() not in forces and noun.lower_ not in forces:
        return False
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners:
        return False
    if owners[0].lower_ in OWN_FORCES.own_possessives:
        return True
    mine = {a.id for a in r.f.actors(owners[0]) if a.id}
    return bool(mine) and giver is not None and mine <= {a.id for a in r.f.actors(giver) if a.id}


@construction(EventType.TRANSFER, "frame", 280, "objects", shapes=(CLAUSE,))
def objects(r: Reading) -> None:
    """The direct object: the item ("sold jets"), a pronoun or number standing for one named
    before ("sold them", "has delivered six"), else the other party: the recipient of a give
    verb ("provided Moscow with drones"), the supplier of a get verb ("asked Russia for S-400s")."""
    f, m = r.f, r.mention
    for obj in r.objs:
        if is_item(f, obj):
            r.item, r.quantity = f.item(obj)
        elif f.item_antecedent(obj) is not None:
            r.item, r.quantity = f.item_antecedent(obj)
        elif r.give:
            m.add("recipient", f.parties(obj))
        else:
            m.add("supplier", f.actors(obj))


@construction(EventType.TRANSFER, "frame", 290, "requested_item", shapes=(CLAUSE,))
def requested_item(r: Reading) -> None:
    """"asked Russia for S-400 systems", "signed for 30 more Rafale jets": what a request verb
    (or an entry whose `item_prep` is "for") is "for" is the item; the parser may hang the "for"
    on the party before it ("negotiating with South Korea for FA-50 jets")."""
    if r.item is None and (r.lemma in r.lex.request_verbs or r.entry.get("item_prep") == "for"):
        parties = [w for w in pobjs(r.token, "with", "to") if r.f.actors(w)]
        for w in pobjs(r.token, "for") + [w for p in parties for w in pobjs(p, "for")]:
            r.item, r.quantity = r.f.item(w)
            if r.item:
                break


@construction(EventType.TRANSFER, "frame", 300, "datives", shapes=(CLAUSE,))
def datives(r: Reading) -> None:
    """"sold Ukraine tanks", "gave Kyiv drones": the indirect object receives."""
    for dat in r.datives:
        if dat.lower_ in ("to", "for"):
            continue
        r.mention.add("recipient", r.f.parties(dat))


@construction(EventType.TRANSFER, "frame", 310, "double_object", shapes=(CLAUSE,))
def double_object(r: Reading) -> None:
    """"Turkey sold Ukraine Bayraktar TB2 drones": the parser takes the first of two objects for a
    modifier of the second; a named party right after the verb and inside the object's phrase
    receives it."""
    token, f = r.token, r.f
    if not r.give or r.datives or token.i + 1 >= len(f.doc):
        return
    first = f.ent_at.get(token.i + 1)
    objs = r.objs
    if first is not None and first.label_ in ("ACTOR", "CAPITAL") and first.start == token.i + 1 and \
            first.root.dep_ in ("compound", "nmod", "amod") and \
            any(first.root.i in {t.i for t in o.subtree} for o in objs) and \
            not any(o.i < first.end for o in objs):
        r.mention.add("recipient", [f._filler_from_ent(first)])


@construction(EventType.TRANSFER, "frame", 320, "with_item", shapes=(CLAUSE,))
def with_item(r: Reading) -> None:
    """"provided Moscow with drones", "armed the rebels with rifles": the item is "with"."""
    if r.item is None:
        for w in pobjs(r.token, "with"):
            r.item, r.quantity = r.f.item(w)
            if r.item:
                break


@construction(EventType.TRANSFER, "frame", 330, "part_for_system", shapes=(CLAUSE,))
def part_for_system(r: Reading) -> None:
    """"bought spare parts for its F-16 fleet": the parser hangs what the part is for on the
    verb; the `item` construction keeps the item the part, not the system."""
    if r.item is None and any(is_part(r.f, o) for o in r.objs):
        for w in pobjs(r.token, "for"):
            found, _ = r.f.item(w)
            if found is not None and found.id:
                r.item = found
                break


@construction(EventType.TRANSFER, "frame", 340, "purpose_materiel", shapes=(CLAUSE,))
def purpose_materiel(r: Reading) -> None:
    """"provided technology to the missile programmes of ...", "receiving materials for a uranium
    enrichment plant", "provided scientists to work on the missile program": the purpose
    phrase, or an infinitive of purpose, makes the help materiel."""
    if r.item is not None:
        return
    token, objs = r.token, r.objs
    purpose = [t for prep in token.children if prep.dep_ in ("prep", "dative") and
               prep.lower_ in ("for", "in", "to", "with") for t in prep.subtree]
    purpose += [t for node in [token] + objs for clause in node.children
                if clause.dep_ in ("advcl", "xcomp", "acl", "relcl") and
                any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
                for t in clause.subtree]
    for obj in objs + [w for w in pobjs(token, "with")]:
        r.item = r.f._materiel_phrase(obj, context=purpose)
        if r.item is not None:
            break


@construction(EventType.TRANSFER, "frame", 350, "deep_destination", shapes=(CLAUSE,))
def deep_destination(r: Reading) -> None:
    """"exported machine tools with military applications to Russia": the parser may hang the
    destination deep inside the object's phrase."""
    token, m = r.token, r.mention
    if r.item is None or not r.give or m.roles.get("recipient") or pobjs(token, "to"):
        return
    for obj in r.objs + pobjs(token, "with"):
        for prep in obj.subtree:
            if prep.dep_ == "prep" and prep.lower_ == "to" and prep.head.pos_ == "NOUN":
                for to in children(prep, "pobj"):
                    m.add("recipient", r.f.actors(to))


@construction(EventType.TRANSFER, "frame", 360, "weapon_carries", shapes=(CLAUSE,))
def weapon_carries(r: Reading) -> object:
    """"missiles capable of delivering nuclear warheads", "mines to deliver agents": a weapon that
    delivers or carries (`payload_verbs`) hands nothing over."""
    if r.token.dep_ == "relcl" and r.token.head in r.objs:
        return None  # "Peru's frigates, which Italy delivered in 2004": the weapon is what was delivered
    if r.item is not None and r.lemma in r.lex.payload_verbs and not r.mention.roles.get("recipient") \
            and not pobjs(r.token, "to") and _weapon_carries(r.f, r.token):
        return REJECT
    return None


def _weapon_carries(f: FrameReader, token: Token) -> bool:
    """Whether a weapon is what delivers or carries: its subject ("the missile can deliver"),
    the noun the clause hangs on ("missiles capable of delivering", "rockets designed to
    carry") or the object of a governing use ("using mines to deliver")."""
    subj = f.subject_of(token, through_nouns=True)
    if subj is not None and is_item(f, subj):
        return True
    for node in f.chain(token, 5)[1:]:
        if node.pos_ in ("NOUN", "PROPN"):
            return is_item(f, node)
        if node.lemma_.lower() in WEAPON_CARRIES.use_verbs and any(is_item(f, o) for o in children(node, "dobj")):
            return True
        if node.dep_ in ("ROOT", "ccomp"):
            return False
    return False
