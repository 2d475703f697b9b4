"""The sides every shape reads after its own: the entry's prepositions, and the verbs a transfer
noun hangs on that decide, arrange or carry it ("cancelled the sale of", "arranged the
transfer of", "completed the delivery of")."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType
from ....arguments import children, pobjs
from ....construction import construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "destinations")
MONEY = words("frames", "clauses")


@construction(EventType.TRANSFER, "frame", 600, "destinations")
def destinations(r: Reading) -> None:
    """The recipient by the entry's prepositions ("to Egypt", "for Ukraine"), also after an
    adverb ("sent directly to Kyiv"); "a key supplier of weapons to ISIS" (the small model may
    read "to ISIS" as an infinitive, the name as its verb; a known actor is no verb);
    "negotiating over the supply of S-400s to Turkey" (the parser may hang the destination on
    the verb of the talks); "sold drones worth $1 billion to Poland" (the value may hang on the
    object or on the verb)."""
    token, f = r.token, r.f
    preps = r.entry["preps"]
    found = pobjs(token, *[p for p, role in preps.items() if role == "recipient" and " " not in p]) + [
        to for adv in token.children if adv.dep_ == "advmod" and adv.lower_ in WORDS.direction_adverbs
        for to in pobjs(adv, "to")] + [
        clause for clause in token.children if clause.dep_ in ("advcl", "acl", "relcl") and
        clause.i in f.ent_at and f.ent_at[clause.i].label_ == "ACTOR" and
        any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)] + (
        pobjs(token.head.head, "to") if token.pos_ == "NOUN" and token.dep_ == "pobj" and
        token.head.lower_ in r.lex.topic_preps and
        token.head.head.pos_ == "VERB" and not pobjs(token, "to") else []) + [
        to for obj in r.objs + [token] for value in obj.children
        if value.lower_ in WORDS.value_words and value.dep_ in ("amod", "acl", "prep", "advmod")
        for to in pobjs(value, "to")] + [
        # "transferred hundreds of drones, including Shahed-136s, to Russia": the parser may hang
        # the destination on the example phrase
        to for obj in r.objs for example in obj.children
        if example.lower_ in WORDS.example_words and example.dep_ == "prep" for to in pobjs(example, "to")]
    item = r.item
    for to in found:
        if to.lower_ in WORDS.not_destinations or to.i in r.item_tokens or (
                item is not None and item.start <= to.idx < item.end):
            continue  # "the launch customer for the Leonardo M-346 trainer": the item, its maker's name in it
        r.mention.add("recipient", f.actors(to, allow_place=True) or f.parties(to))


@construction(EventType.TRANSFER, "frame", 610, "sources")
def sources(r: Reading) -> None:
    """The supplier by the entry's prepositions ("from Russia"), also after the value of what was
    handed over, and the licensor of licensed production ("under licence from Turkey")."""
    f = r.f
    preps = [p for p, role in r.entry["preps"].items() if role == "supplier"]
    # "received equipment worth $10 million from the United States": the parser hangs the source
    # on the value word, as it does the destination (`destinations`), or on the sum ("worth 30
    # million euros from China")
    valued = [frm for obj in r.objs + [r.token] for value in obj.children
              if value.lower_ in WORDS.value_words and value.dep_ in ("amod", "acl", "prep", "advmod")
              for at in [value, *(c for c in value.children if c.dep_ in ("npadvmod", "pobj"))]
              for frm in pobjs(at, *preps)]
    for frm in pobjs(r.token, *preps) + (pobjs(r.licence, *preps) if r.licence is not None else []) + valued:
        r.mention.add("supplier", f.actors(frm, allow_place=True) or f.parties(frm))
    if not r.mention.roles.get("supplier"):
        # "operates Rafale jets and has ordered 12 more from Dassault": the parser hangs the
        # source on a bare count that stands for the weapon named before
        for obj in (o for o in r.objs or [] if o.pos_ == "NUM" or o.lower_ in r.lex.counted_increments):
            for frm in pobjs(obj, *preps):
                r.mention.add("supplier", f.actors(frm, allow_place=True))
        # "has bought $1 billion in weapons since the coup, including from Russia and China": the
        # parser hangs the sources an example phrase names on whatever comes before it
        for example in (t for t in r.token.subtree if t.lower_ in WORDS.example_words and t.dep_ == "prep"):
            between = [n for n in example.ancestors if n.i != r.token.i and r.token in n.ancestors]
            if any(n.pos_ in ("VERB", "AUX") for n in between):
                continue  # "..., including some seized from rebels": another verb's source
            for frm in (p for p in example.children if p.dep_ == "prep" and p.lower_ in preps):
                for pobj in (c for c in frm.children if c.dep_ == "pobj"):
                    r.mention.add("supplier", [a for a in f.actors(pobj, allow_place=True) if a.id])
    if not r.mention.roles.get("supplier"):
        # "ordered K2 tanks for its army from South Korea": the parser hangs the source on the
        # service the purchase is for
        for own in (p for p in pobjs(r.token, "for") if any(c.dep_ == "poss" for c in p.children)):
            for frm in pobjs(own, *preps):
                r.mention.add("supplier", [a for a in f.actors(frm, allow_place=True) if a.id])
    if not r.mention.roles.get("supplier"):
        # "bought four jets, thought to be K-8 trainers, from China": the parser hangs the source
        # on the hedge that interrupts the verb's phrase
        for hedge in (c for node in f.chain(r.token, 3) for c in node.children):
            if hedge.dep_ in ("advcl", "conj", "acl") and hedge.lemma_.lower() in WORDS.interrupting_hedges:
                for be in (c for c in hedge.children if c.dep_ == "xcomp" and c.lemma_ == "be"):
                    for frm in pobjs(be, *preps):
                        r.mention.add("supplier", f.actors(frm, allow_place=True))


@construction(EventType.TRANSFER, "frame", 620, "other_preps")
def other_preps(r: Reading) -> None:
    """The roles a word's class gives its other prepositions: a transit state ("shipped via
    Syria", "through Turkey"), a go-between ("bought through a broker"), the one a buyer acts
    for ("on behalf of Iran"). Only actors count: "through the port", "via rail" name none."""
    m = r.mention
    sides = {f.id for role in ("supplier", "recipient") for f in m.roles.get(role, []) if f.id}
    for prep, role in r.entry["preps"].items():
        if role in ("supplier", "recipient"):
            continue
        parts = prep.split()
        heads = pobjs(r.token, parts[0])
        for noun, then in zip(parts[1::2], parts[2::2]):
            # "on behalf of": the object of "on" is "behalf", whose "of" names the party
            heads = [o for h in heads if h.lower_ == noun for o in pobjs(h, then)]
        for head in heads:
            found = [a for a in r.f.actors(head) if a.id and a.id not in sides]
            if found and role == "principal":
                agents = m.roles.pop("recipient", [])
                m.add("recipient", found)
                if agents and not m.roles.get("broker"):
                    m.add("broker", agents)
            elif found and not m.roles.get(role):
                m.add(role, found)


@construction(EventType.TRANSFER, "frame", 625, "request_from")
def request_from(r: Reading) -> None:
    """"Austria turned down a request from Ukraine for military equipment": a request noun's
    own "from" is who asks, the recipient (the verb's "requested shells from Germany" names the
    one asked); the one asked is then left to who decides on it (`decider`)."""
    token, m = r.token, r.mention
    if token.pos_ != "NOUN" or r.entry.get("class") != "request" or m.roles.get("recipient"):
        return
    askers = {a.id for p in pobjs(token, "from") for a in r.f.actors(p) if a.id}
    if not askers:
        return
    moved = [a for a in m.roles.get("supplier", []) if a.id in askers]
    if moved:
        m.roles["supplier"] = [a for a in m.roles["supplier"] if a.id not in askers]
        m.add("recipient", moved)


@construction(EventType.TRANSFER, "frame", 630, "decider")
def decider(r: Reading) -> None:
    """"the United States cancelled the sale of F-35s to Turkey", "Turkey cancelled its order":
    who decides on a sale is its seller, on a purchase its buyer, on a request the one asked
    ("Israel declined Ukraine's request for Iron Dome"); "blocked the export of ammunition to
    Ukraine": the parser may hang the destination on the deciding verb, or make the verb of
    "put on hold the delivery of" its object."""
    token, f, m, give = r.token, r.f, r.mention, r.give
    noun = token.pos_ in ("NOUN", "PROPN")   # "approved a possible Foreign Military Sale to Poland"
    of_head = token.head.head if token.dep_ == "pobj" else token
    if of_head.ent_type_ == "DATE" and of_head.dep_ == "pobj":
        of_head = of_head.head.head   # "notified Congress on Friday of": the parser hangs "of" on the day
    if noun and token.dep_ == "pobj" and token.head.lower_ == "of" and \
            of_head.pos_ == "VERB" and f.status_word(of_head) == "approved":
        governor = of_head   # "notified Congress of a possible sale of ... to Taiwan"
    elif noun and token.dep_ in ("dobj", "nsubjpass"):
        governor = token.head
    elif noun and _partitive(token) is not None:
        governor = _partitive(token).head   # "suspended 30 of its 350 arms export licences to Israel"
    elif noun and token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.dep_ == "dobj" and \
            token.head.head.lower_ in MONEY.financing_nouns and token.head.head.head.pos_ == "VERB":
        governor = token.head.head.head   # "approved a loan for the purchase of": the loan's approval
    else:
        _deciding_noun(r)
        return
    verbs = [governor]
    if f.status_word(governor) is None and governor.pos_ == "VERB" and governor.dep_ == "dobj":
        verbs.append(governor.head)   # "put on hold the delivery": "hold" read as the verb
    verb = verbs[-1]
    status = f.status_word(verb)
    if status is None or status == "seized":
        return  # "the navy seized a shipment of rifles": who stops a cargo is neither of its sides
    request = r.entry.get("class") == "request"
    role = "supplier" if give or request else "recipient"
    other = "recipient" if role == "supplier" else "supplier"
    passive = (_partitive(token) or token).dep_ == "nsubjpass"
    deciders = pobjs(verb, "by") if passive else children(verb, "nsubj")
    if not deciders and verb.dep_ == "acl" and verb.tag_ == "VBG":
        deciders = [verb.head]   # "follows the State Department approving a sale to Qatar"
        if not f.actors(verb.head) and verb.head.dep_ == "dobj":
            # "has made a determination approving a possible sale": who makes the finding
            deciders = children(verb.head.head, "nsubj") or deciders
    if not deciders and not passive and verb.dep_ == "xcomp" and (doer := f.subject_of(verb)) is not None:
        deciders = [doer]   # "Germany has stopped approving new arms exports to Israel"
    taken = {a.id for a in m.roles.get(other, []) if a.id}
    if not m.roles.get(role) and deciders:
        m.add(role, [a for a in f.actors(deciders[0]) if a.id not in taken])
    if give and not m.roles.get("recipient"):
        for to in (t for v in verbs for t in pobjs(v, "to")):
            m.add("recipient", f.actors(to))
    if not m.roles.get("supplier"):
        for frm in (t for v in verbs for t in pobjs(v, "from")):
            m.add("supplier", f.actors(frm))


def _partitive(token: Token) -> Token | None:
    """The amount a noun is the part of, when that amount is the verb's object or passive subject:
    "30 of its 350 licences", "half of the promised tanks"."""
    amount = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if amount is None or amount.dep_ not in ("dobj", "nsubjpass"):
        return None
    return amount if amount.like_num or amount.pos_ == "NUM" or amount.lower_ in WORDS.partitive_heads else None


def _deciding_noun(r: Reading) -> None:
    """"a formal British approval of the sale of Hawk trainers to Qatar", "Germany's suspension of
    arms exports to Turkey": the state that qualifies the decision noun decides (issue 23)."""
    token, f, m = r.token, r.f, r.mention
    if not (token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj" and token.head.lower_ == "of"):
        return
    decision = token.head.head
    if decision.pos_ not in ("NOUN", "PROPN") or f.status_word(decision) in (None, "seized"):
        return
    role = "supplier" if r.give or r.entry.get("class") == "request" else "recipient"
    if m.roles.get(role):
        return
    other = {a.id for a in m.roles.get("recipient" if role == "supplier" else "supplier", []) if a.id}
    for mod in decision.children:
        if mod.dep_ in ("poss", "compound", "amod", "nmod") and mod.i < decision.i:
            m.add(role, [a for a in f.actors(mod) if a.id and a.id not in other])


@construction(EventType.TRANSFER, "frame", 640, "arranger")
def arranger(r: Reading) -> None:
    """"A Georgian middleman arranged the transfer of Harop drones from Israel to Azerbaijan": the
    broker's verb (`mediation`) may carry the transfer's "from" and "to" (its subject is the
    broker, see the `broker` construction)."""
    token, f, m = r.token, r.f, r.mention
    if not (token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.lemma_.lower() in r.lex.mediation):
        return
    verb = token.head
    if r.give and not m.roles.get("recipient"):
        m.add("recipient", [a for p in pobjs(verb, "to") for a in f.actors(p)])
    if not m.roles.get("supplier"):
        m.add("supplier", [a for p in pobjs(verb, "from") for a in f.actors(p)])


@construction(EventType.TRANSFER, "frame", 650, "support_verb")
def support_verb(r: Reading) -> None:
    """"Russia completed the delivery of S-400s to Turkey", "China agreed to the handover of
    frigates to Pakistan", "Moscow stepped up arms deliveries to Myanmar": the verb only says how
    the transfer goes, so its subject is the noun's doer, and the parser may hang the noun's
    destination or source on it; "placed an order for Rafale jets with France": a buyer orders
    "with" the seller."""
    token, f, m, give = r.token, r.f, r.mention, r.give
    support = _support_verb(r, token)
    if support is None:
        return
    role, other = ("supplier", "recipient") if give else ("recipient", "supplier")
    taken = {a.id for a in m.roles.get(other, []) if a.id}
    subject = f.subject_of(support)
    if not m.roles.get(role) and subject is not None:
        m.add(role, [a for a in f.actors(subject) if a.id not in taken])
    if give and not m.roles.get("recipient"):
        for to in pobjs(support, "to"):
            if to.i != token.i:
                m.add("recipient", f.actors(to))
    if not m.roles.get("supplier"):
        for frm in pobjs(support, "from") + ([] if give else pobjs(support, "with") + pobjs(token, "with")):
            m.add("supplier", f.actors(frm))


def _support_verb(r: Reading, token: Token) -> Token | None:
    """The verb a transfer noun is the object of when that verb only says how the transfer
    goes (begin, complete, step up, agree to, go ahead with): `support_verbs` in the type's
    word file, phrasal verbs by their particle."""
    if token.pos_ != "NOUN":
        return None
    if token.dep_ == "dobj":
        verb = token.head
    elif token.dep_ == "pobj" and token.head.lower_ in ("to", "with") and token.head.dep_ == "prep":
        verb = token.head.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.i == token.i:
        return None
    word = verb.lemma_.lower()
    phrasal = {f"{word} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    if token.dep_ == "pobj":
        phrasal.add(f"{word} {token.head.lower_}")
        phrasal |= {f"{word} {c.lower_} {token.head.lower_}" for c in verb.children
                    if c.dep_ in ("prt", "advmod") and c.i < token.head.i}
    verbs = r.words["support_verbs"]
    entry = r.lex.transfer_nouns.get(token.lemma_.lower()) or r.lex.transfer_nouns.get(token.lower_) or {}
    if entry.get("frame") == "get":
        # "Brazil confirmed receipt of", "Poland announced the purchase of": the buyer's own words
        verbs = verbs | r.words["buyer_support_verbs"]
    return verb if (word in verbs and token.dep_ == "dobj") or phrasal & verbs else None
