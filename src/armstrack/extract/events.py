"""Per-type readers: each finds its triggers in a sentence and fills the roles of a Mention."""
from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from spacy.tokens import Span, Token

from ..records import EventType, Filler, Realis, StatementKind, Status
from .frames import ACTOR_LABELS, ITEM_LABELS, RELATIVE_PRONOUNS, SUBJECTS, FrameReader, Mention

QUANTITY_ADVERBS = ("twice", "once", "times", "thrice")
REFLEXIVES = {"himself", "herself", "themselves", "itself", "oneself", "myself", "ourselves"}
# what a preposition can take that is never a party or a place: "attacked on Friday"
NOT_PARTY_LABELS = {"DATE", "TIME"}
# prepositions that give an attack its place ("in Baghdad", "outside a mosque", "near the border")
ATTACK_PLACE_PREPS = ("in", "near", "off", "across", "over", "at", "outside", "inside", "around", "along")


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _pobjs(token: Token, *preps: str) -> list[Token]:
    out = []
    for prep in token.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in preps:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _is_item(reader: FrameReader, token: Token) -> bool:
    item, _ = reader.item(token)
    return item is not None


# verbs whose subject uses what it has: "used Iranian-supplied drones"
USE_VERBS = frozenset({"use", "fire", "launch", "deploy", "employ", "operate", "fly", "wield"})


class Reader:
    def __init__(self, frames: FrameReader):
        self.f = frames
        self.lex = frames.lex

    @cached_property
    def text(self) -> str:
        """The article's text: `Doc.text` joins every token anew, so once per article, not per phrase."""
        return self.f.doc.text

    # ---- parties and places of attacks and meetings -------------------------------------
    def _conjuncts(self, token: Token) -> list[Token]:
        out, todo = [], [token]
        while todo and len(out) < 8:
            node = todo.pop(0)
            out.append(node)
            todo.extend(c for c in node.children if c.dep_ == "conj")
        return out

    def _phrase_spans(self, fillers: list[Filler], token: Token) -> list[Filler]:
        """"Taliban gunmen", "Iranian officials", "the EU's leaders": an actor that qualifies the
        head noun names the whole phrase, so its span runs to the head. A qualifier coordinated
        with it names its own ("Chinese and Russian diplomats")."""
        f = self.f
        heads = self._conjuncts(token)
        fillers = list(fillers)
        starts = {x.start for x in fillers}
        for head in heads:
            for mod in head.children:
                ent = f.ent_at.get(mod.i)
                if mod.i >= head.i or mod.dep_ not in ("amod", "compound", "nmod", "poss") or ent is None \
                        or ent.start_char not in starts:
                    continue
                for conj in mod.conjuncts:
                    other = f.ent_at.get(conj.i)
                    if other is not None and other.label_ in ("ACTOR", "DEMONYM") and \
                            other.start_char not in starts and not f._is_qualifier(other):
                        fillers.append(f._filler_from_ent(other))
                        starts.add(other.start_char)
        out = []
        for filler in fillers:
            for head in heads:
                if filler.start is not None and head.left_edge.idx <= filler.start and filler.end <= head.idx:
                    end = head.idx + len(head.text)
                    filler = replace(filler, text=self.text[filler.start:end], end=end)
                    break
            out.append(filler)
        return out

    def _is_state(self, ent: Span) -> bool:
        if ent.label_ == "GPE":
            return True
        entity = self.f.kb.get(ent.kb_id_) if self.f.kb is not None and ent.kb_id_ else None
        return entity is not None and entity.kind == "state" and ent.label_ in ACTOR_LABELS

    def _actors(self, token: Token | None, *, allow_place: bool = False) -> list[Filler]:
        if token is None:
            return []
        return self._phrase_spans(self.f.actors(token, allow_place=allow_place), token)

    def _is_perpetrator(self, token: Token) -> bool:
        """"gunmen", "a suicide bomber", "militants": a word that names who attacks; a weapon word
        only with a person marker ("suicide bombers", not "B-52 bombers")."""
        words = (token.lemma_.lower(), token.lower_)
        if not any(w in self.lex.perpetrator_heads or w in self.lex.generic_actor_heads for w in words):
            return False
        ent = self.f.ent_at.get(token.i)
        if ent is not None and ent.label_ in ITEM_LABELS:
            return any(t.lower_ in self.lex.person_markers for t in token.lefts)
        return True

    def _agent(self, token: Token | None) -> list[Filler]:
        """Who did it: the actors of the phrase, else the phrase as written when it names a doer in
        general terms ("gunmen", "a suicide bomber") or is a personal pronoun ("they")."""
        if token is None:
            return []
        found = self._actors(token)
        if found:
            return found
        noun = token
        if token.lower_ in RELATIVE_PRONOUNS and token.dep_ in SUBJECTS and token.head.dep_ == "relcl":
            noun = token.head.head  # "militants who attacked": the noun the clause is about
        noun = self._quantified(noun)  # "some of the gunmen"
        if self._is_perpetrator(noun):
            return [self.f.text_filler(noun)]
        if token.lower_ in self.lex.agent_pronouns and token.dep_ in SUBJECTS:
            return [self.f.text_filler(token)]
        return []

    def _target(self, token: Token) -> list[Filler]:
        """What was hit: its actors (a place counts) or the phrase as written; never a date
        ("exploded on Friday") or the attacker himself ("blew himself up")."""
        token = self._quantified(token)
        ent = self.f.ent_at.get(token.i)
        if token.lower_ in REFLEXIVES or (ent is not None and ent.label_ in NOT_PARTY_LABELS):
            return []
        return self._actors(token, allow_place=True) or [self.f.text_filler(token)]

    def _place(self, token: Token, *, generic: bool = True) -> Filler | None:
        """The place a phrase names: a place name ("in Baghdad"), one inside a place noun's phrase
        ("a market in Baghdad", "the town of Kobani"), or with `generic` the place noun itself
        ("near the border")."""
        f = self.f
        place = f.place(token)
        if place is not None:
            return place
        if token.lemma_.lower() not in self.lex.place_heads and token.lower_ not in self.lex.place_heads:
            return None
        for inner in _pobjs(token, "in", "of", "near"):
            place = f.place(inner)
            if place is not None:
                return place
        for child in token.children:
            # "the Kabul airport", "Oxford Street station"
            if child.dep_ in ("compound", "nmod") and child.i < token.i:
                place = f.place(child)
                if place is not None:
                    return place
        return f.text_filler(token) if generic else None

    # ---- TRANSFER ---------------------------------------------------------------------
    def transfer(self, token: Token, sent: Span) -> Mention | None:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            entry = self.lex.transfer_verbs.get(lemma)
        elif token.pos_ in ("NOUN", "PROPN"):
            entry = self.lex.transfer_nouns.get(lemma) or self.lex.transfer_nouns.get(token.lower_)
        else:
            entry = None
        licence = self._licence(token) if entry is None else None
        if licence is not None:
            # "India builds Su-30s under licence from Russia": licensed production transfers the
            # design from the licensor to the producer
            entry = {"frame": "get", "status": "delivered"}
        elif entry is None and self._interdicted_shipment(token):
            # "seized a ship carrying weapons bound for Libya": weapons on their way to someone
            entry = {"frame": "give", "status": "delivering"}
        if entry is None:
            return None
        f = self.f
        if any(c.dep_ == "prt" and c.lower_ in self.lex.non_transfer_particles for c in token.children):
            return None  # "gave up its weapons", "handing back their weapons"
        m = Mention(EventType.TRANSFER, token, sent)
        give = entry["frame"] == "give"
        if give and entry.get("get_without_to") and not _pobjs(token, "to"):
            give = False  # "wants to lease a Swedish submarine": the subject takes it
        item = quantity = None
        item_tokens: set[int] = set()
        if token.pos_ == "VERB" and token.dep_ in ("acl", "amod") and token.tag_ == "VBN" and not any(
                c.dep_ in ("nsubj", "aux", "nsubjpass", "dobj") for c in token.children):
            # "centrifuges sold to North Korea": the noun the participle hangs on was transferred
            if lemma in self.lex.fitting_verbs and _is_item(f, token.head):
                return None  # "drones armed with guided bombs"
            if _is_item(f, token.head):
                item, quantity = f.item(token.head)
            for agent in _pobjs(token, "by"):
                m.add("supplier" if give else "recipient", f.actors(agent))
            if token.dep_ == "amod":
                # "Iranian-supplied drones", "a Libyan supplied Scud-B": the qualifier names the
                # supplier (of a give verb; "Russian-bought" is rare enough to read the same way)
                before = token.doc[token.i - 1] if token.i > 0 else None
                for mod in [c for c in token.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod")] + (
                        [before] if before is not None and before.head.i == token.head.i and before.dep_ in ("amod", "compound") else []):
                    ent = f.ent_at.get(mod.i)
                    if ent is not None and ent.label_ in ("ACTOR", "DEMONYM"):
                        m.add("supplier" if give else "recipient", [f._filler_from_ent(ent)])
            # "Hamas fighters used Iranian-supplied rockets", "Russia fires North Korean-supplied
            # shells": who uses what was given to them received it, when the text says who they
            # are ("troops launched a Libyan supplied Scud-B" names no one)
            noun = token.head
            if give and noun.dep_ == "dobj" and noun.head.lemma_.lower() in USE_VERBS:
                user = next(iter(_children(noun.head, "nsubj")), None)
                if user is not None:
                    m.add("recipient", [a for a in self._actors(user) if a.id])
        elif token.pos_ == "VERB":
            # "many of them supplied by the Americans": a participle with an agent and no
            # perfect auxiliary is passive even without "were"
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
                token.tag_ == "VBN" and any(c.dep_ == "agent" for c in token.children)
                and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children))
            subj = next(iter(_children(token, "nsubj")), None) or (
                None if passive else f.subject_of(token, through_nouns=True))
            objs = [self._relative_antecedent(o) for o in _children(token, "dobj")]
            if subj is not None and subj.lemma_.lower() in self.lex.private_buyers and not give and \
                    not f.actors(subj):
                return None  # "a man bought a rifle at a gun store": retail, not a transfer
            tough = self._tough_subject(token) if not objs and not passive else None
            if tough is not None:
                # "such drones are hard to obtain": the adjective's subject is the verb's object
                subj, objs = None, [tough]
            if not objs and not passive:
                # "denies acquiring or producing chemical weapons": coordinated verbs share the
                # object the parser hangs on the last of them
                for conj in token.children:
                    if conj.dep_ == "conj" and conj.pos_ == "VERB" and conj.i > token.i and \
                            not _children(conj, "nsubj", "nsubjpass"):
                        objs = _children(conj, "dobj")
                        break
            datives = _children(token, "dative", "iobj")
            if lemma in self.lex.fitting_verbs and any(
                    _is_item(f, t) for t in objs + _children(token, "nsubjpass") +
                    ([token.head] if token.dep_ in ("acl", "relcl") else []) +
                    # "the frigate is armed with Exocets": the subject of a predicative participle
                    ([f.subject_of(token)] if token.dep_ == "acomp" and f.subject_of(token) is not None else [])):
                return None  # "missiles equipped with nuclear warheads": a weapon fitted, not handed over
            if passive:
                subjpass = next(iter(_children(token, "nsubjpass")), None) or (
                    subj if subj is not None and subj.dep_ == "nsubj" else None)
                if subjpass is not None:
                    subjpass = self._relative_antecedent(subjpass)
                subj = None
                agents = _pobjs(token, "by")
                if subjpass is not None and _is_item(f, subjpass):
                    item, quantity = f.item(subjpass)
                elif subjpass is not None and f.item_antecedent(subjpass) is not None:
                    item, quantity = f.item_antecedent(subjpass)
                elif subjpass is not None:
                    m.add("recipient" if give else "supplier", f.parties(subjpass))
                m.add("supplier" if give else "recipient", f.parties(agents[0]) if agents else [])
            else:
                m.add("supplier" if give else "recipient", f.parties(subj))
            if token.dep_ == "relcl" and _is_item(f, token.head) and token.head.dep_ == "dobj" and \
                    token.head.head.lemma_.lower() in self.lex.user_verbs:
                # "Hamas used rockets that were smuggled from Iran": who uses the item got it
                users = f.actors(f.subject_of(token.head.head))
                m.add("supplier" if not give else "recipient",
                      [u for u in users if u.id not in {a.id for a in m.roles.get("supplier" if give else "recipient", [])}])
            for obj in objs:
                if _is_item(f, obj):
                    item, quantity = f.item(obj)
                elif f.item_antecedent(obj) is not None:
                    item, quantity = f.item_antecedent(obj)
                elif give:
                    # "provided Moscow with drones"
                    m.add("recipient", f.parties(obj))
                else:
                    # "asked Russia for S-400 systems"
                    m.add("supplier", f.actors(obj))
            if item is None and lemma in self.lex.request_verbs:
                for w in _pobjs(token, "for"):
                    item, quantity = f.item(w)
                    if item:
                        break
            for dat in datives:
                if dat.lower_ in ("to", "for"):
                    continue
                m.add("recipient", f.parties(dat))
            if item is None:
                for w in _pobjs(token, "with"):
                    item, quantity = f.item(w)
                    if item:
                        break
            if item is None and any(self._is_part(o) for o in objs):
                # "bought spare parts for its F-16 fleet": the parser hangs what the part is for
                # on the verb; `_component` keeps the item the part, not the system
                for w in _pobjs(token, "for"):
                    found, _ = f.item(w)
                    if found is not None and found.id:
                        item = found
                        break
            if item is None:
                # "provided technology to the missile programmes of ...", "receiving materials for
                # a uranium enrichment plant": the purpose phrase makes the help materiel
                purpose = [t for prep in token.children if prep.dep_ in ("prep", "dative") and
                           prep.lower_ in ("for", "in", "to", "with") for t in prep.subtree]
                # "provided scientists to work on the missile program": an infinitive of purpose
                purpose += [t for node in [token] + objs for clause in node.children
                            if clause.dep_ in ("advcl", "xcomp", "acl", "relcl") and
                            any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
                            for t in clause.subtree]
                for obj in objs + [w for w in _pobjs(token, "with")]:
                    item = f._materiel_phrase(obj, context=purpose)
                    if item is not None:
                        break
            if item is not None and give and not m.roles.get("recipient") and not _pobjs(token, "to"):
                # "exported machine tools with military applications to Russia": the parser may
                # hang the destination deep inside the object's phrase
                for obj in objs + _pobjs(token, "with"):
                    for prep in obj.subtree:
                        if prep.dep_ == "prep" and prep.lower_ == "to" and prep.head.pos_ == "NOUN":
                            for to in _children(prep, "pobj"):
                                m.add("recipient", f.actors(to))
            if item is not None and lemma in self.lex.payload_verbs and not m.roles.get("recipient") \
                    and not _pobjs(token, "to") and self._weapon_carries(token):
                return None  # "missiles capable of delivering nuclear warheads", "mines to deliver agents"
        else:
            # nominal: "deliveries of the Yakhont missiles", "arms sales to Taiwan"
            for of in _pobjs(token, "of"):
                if _is_item(f, of):
                    item, quantity = f.item(of)
                elif not give:
                    m.add("recipient", f.actors(of))
            if item is None and (lemma in self.lex.content_nouns or token.lower_ in self.lex.content_nouns):
                # "a package for Ukraine including HIMARS ammunition": the list may hang on the
                # recipient's phrase
                # "signed a contract with Russia for S-400s": the parser may hang the contents,
                # and the other party, on the verb the contract is the object of
                verb = token.head if token.dep_ == "dobj" and token.head.pos_ == "VERB" else None
                for w in _pobjs(token, *self.lex.content_preps) + [
                        w for p in _pobjs(token, "for", "to") for w in _pobjs(p, *self.lex.content_preps)] + (
                        _pobjs(verb, "for") if verb is not None else []):
                    if w.lemma_.lower() in self.lex.transfer_nouns:
                        continue  # "a deal for the supply of S-400s": the supply is its own event
                    if _is_item(f, w):
                        item, quantity = f.item(w)
                        item_tokens.add(w.i)
                        break
                if item is not None and not give:
                    for other in _pobjs(token, "with") + (_pobjs(verb, "with") if verb is not None else []):
                        m.add("supplier", f.actors(other))
            if token.dep_ == "dobj" and token.head.lemma_.lower() in self.lex.receiving_support_verbs:
                # "Belarus took delivery of Su-30s (from Russia)": the subject gets what the noun names
                m.add("recipient", f.actors(f.subject_of(token.head)))
                for frm in _pobjs(token.head, "from"):
                    m.add("supplier", f.actors(frm))
            elif token.dep_ == "dobj" and token.head.lemma_.lower() in self.lex.announcing_verbs:
                # "the Pentagon announced a package", "Poland unveiled the purchase": who announces a
                # sale or aid is its giver, a purchase its buyer
                m.add("supplier" if give else "recipient", f.actors(f.subject_of(token.head)))
            for to in _pobjs(token, "to"):
                # "the delivery of Patriots to Ukraine by Germany": the agent may hang on the
                # recipient, which takes no "by" of its own
                for by in _pobjs(to, "by"):
                    m.add("supplier" if give else "recipient", f.actors(by))
            agent_noun = lemma in self.lex.agent_nouns or token.lower_ in self.lex.agent_nouns
            if agent_noun:
                # "Russia is Iran's main supplier", "Egypt, the largest buyer of French arms": the
                # one the noun is said of is the supplier or buyer
                said_of = _children(token.head, "nsubj") if token.dep_ == "attr" else \
                    [token.head] if token.dep_ == "appos" else []
                for agent in said_of:
                    m.add("supplier" if give else "recipient", f.actors(agent))
            for child in token.children:
                if child.dep_ in ("compound", "nmod", "amod", "poss"):
                    ent = f.ent_at.get(child.i)
                    if ent is not None and ent.label_ in ITEM_LABELS and item is None:
                        item, quantity = f.item(child)
                    elif ent is not None and ent.label_ in {"ACTOR", "DEMONYM", "CAPITAL", "SEAT"}:
                        if agent_noun and child.dep_ == "poss" and m.roles.get("supplier" if give else "recipient"):
                            # "Iran's supplier": the possessor is the other side
                            m.add("recipient" if give else "supplier", f.actors(child))
                            continue
                        m.add("supplier" if (give or child.dep_ != "poss") else "recipient",
                              f.actors(child))
            for by in _pobjs(token, "by"):
                m.add("recipient" if not give else "supplier", f.actors(by))
            if item is None:
                # "military aid", "nuclear assistance": the trigger noun is itself the materiel
                item = f._materiel_phrase(token)
            if item is None:
                # "technology transfer for new missiles": the compound is the materiel, and what it
                # is for says so
                purpose = [t for t in token.subtree if t.i > token.i]
                for child in token.children:
                    if child.dep_ == "compound" and child.i < token.i:
                        item = f._materiel_phrase(child, context=purpose)
                        if item is not None:
                            break
        destinations = _pobjs(token, "to", "for") + [
            to for adv in token.children if adv.dep_ == "advmod" and adv.lower_ in ("back", "directly", "straight", "over")
            for to in _pobjs(adv, "to")] + [
            # "a key supplier of weapons to ISIS": the small model may read "to ISIS" as an
            # infinitive, the name as its verb; a known actor is no verb
            clause for clause in token.children if clause.dep_ in ("advcl", "acl", "relcl") and
            clause.i in f.ent_at and f.ent_at[clause.i].label_ == "ACTOR" and
            any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)] + (
            # "negotiating over the supply of S-400s to Turkey": the parser may hang the
            # destination on the verb of the talks
            _pobjs(token.head.head, "to") if token.pos_ == "NOUN" and token.dep_ == "pobj" and
            token.head.lower_ in self.lex.topic_preps and
            token.head.head.pos_ == "VERB" and not _pobjs(token, "to") else [])
        for to in destinations:
            if to.lower_ in ("use", "purposes") or to.i in item_tokens:
                continue
            m.add("recipient", f.actors(to, allow_place=True) or f.parties(to))
        for frm in _pobjs(token, "from") + (_pobjs(licence, "from") if licence is not None else []):
            m.add("supplier", f.actors(frm, allow_place=True) or f.parties(frm))
        if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and \
                f.status_word(token.head) is not None:
            # "the United States cancelled the sale of F-35s to Turkey", "Turkey cancelled its
            # order": who decides on a sale is its seller, on a purchase its buyer
            role = "supplier" if give else "recipient"
            other = "recipient" if give else "supplier"
            passive = token.dep_ == "nsubjpass"
            decider = _pobjs(token.head, "by") if passive else _children(token.head, "nsubj")
            taken = {a.id for a in m.roles.get(other, []) if a.id}
            if not m.roles.get(role) and decider:
                m.add(role, [a for a in f.actors(decider[0]) if a.id not in taken])
            # "blocked the export of ammunition to Ukraine": the parser may hang the destination
            # on the deciding verb
            if give and not m.roles.get("recipient"):
                for to in _pobjs(token.head, "to"):
                    m.add("recipient", f.actors(to))
            if not m.roles.get("supplier"):
                for frm in _pobjs(token.head, "from"):
                    m.add("supplier", f.actors(frm))
        if item is None:
            return None
        item = self._component(m, item, give)
        m.add("item", [item])
        m.quantity = quantity
        if lemma in ("send", "bring", "transport") and not m.roles.get("recipient"):
            # "sent a drone over Israeli airspace", "sent a carrier to the Mediterranean" moves it,
            # it does not hand it over
            return None
        # "the last of its 30 Rafale jets from France": the parser may hang the source or the
        # destination on the item's phrase instead of the verb
        span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is not None:
            head = span.root
            # "40 F-16 jets": a model number may be parsed as the numeral of the head noun
            while head.dep_ in ("compound", "amod", "nmod", "nummod") and head.head.i != head.i:
                head = head.head
            heads = [head]
            # "a second batch of Su-30s from Russia", "the first of 24 Rafales from France": the
            # amount the item is "of" may carry the source instead
            while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != token.i and \
                    head.head.head.pos_ in ("NOUN", "ADJ", "NUM") and len(heads) < 3:
                head = head.head.head
                heads.append(head)
            for node in heads:
                for frm in _pobjs(node, "from"):
                    m.add("supplier", f.actors(frm, allow_place=True))
                if give:
                    for to in _pobjs(node, "to"):
                        m.add("recipient", f.actors(to, allow_place=True))
                # "missile components bound for the Houthis", "arms destined for Sudan"
                for acl in node.children:
                    if acl.dep_ in ("acl", "amod") and acl.lemma_.lower() in self.lex.destination_participles:
                        for to in _pobjs(acl, "for", "to"):
                            m.add("recipient", f.actors(to, allow_place=True))
        # "Iranian drones": the maker's state is the supplier when nothing else says who
        if not m.roles.get("supplier") and item.start:
            head = f.doc.char_span(item.start, item.end, alignment_mode="expand")
            if head is not None:
                # "Chinese CH-92A drones": the demonym may qualify a name compounded on the head
                mods = [c for c in head.root.children] + [g for c in head.root.children if c.dep_ == "compound"
                                                          for g in c.children]
                for child in mods:
                    ent = f.ent_at.get(child.i)
                    if ent is not None and ent.label_ == "DEMONYM" and child.dep_ == "amod":
                        m.add("supplier", [f._filler_from_ent(ent)])
                        break
        self._negotiation_frame(m)
        self._broker(m)
        self._transfer_status(m, entry)
        m.when = f.date_of(token)
        return m

    def _interdicted_shipment(self, token: Token) -> bool:
        """Whether `token` is "bound for" on a weapon noun in a clause about stopping it."""
        if token.dep_ != "acl" or token.lemma_.lower() not in self.lex.destination_participles or \
                not _pobjs(token, "for", "to") or not _is_item(self.f, token.head):
            return False
        return any(node.lemma_.lower() in self.lex.interdiction_verbs for node in self.f.chain(token, 6)[1:])

    def _licence(self, token: Token) -> Token | None:
        """The licence noun of "produces X under licence (from Y)", when `token` is a production verb."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.production_verbs:
            return None
        for noun in _pobjs(token, "under"):
            if noun.lemma_.lower() in self.lex.licence_nouns or noun.lower_ in self.lex.licence_nouns:
                return noun
        return None

    def _relative_antecedent(self, token: Token) -> Token:
        """"the jets which Russia delivered", "rockets that were smuggled": a relative pronoun
        stands for the noun its clause qualifies."""
        clause = token.head
        if token.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
            return clause.head
        return token

    def _tough_subject(self, token: Token) -> Token | None:
        """The subject of "X is easy/hard/cheap to V" (through "easier and cheaper"), which V's
        object is."""
        if token.dep_ != "xcomp" or _children(token, "nsubj"):
            return None
        adj = token.head
        if adj.pos_ != "ADJ" or adj.lemma_.lower() not in self.lex.tough_adjectives:
            return None
        while adj.dep_ == "conj" and adj.head.pos_ == "ADJ":
            adj = adj.head
        if adj.dep_ != "acomp":
            return None
        return next(iter(_children(adj.head, "nsubj", "nsubjpass")), None)

    def _weapon_carries(self, token: Token) -> bool:
        """Whether a weapon is what delivers or carries: its subject ("the missile can deliver"),
        the noun the clause hangs on ("missiles capable of delivering", "rockets designed to
        carry") or the object of a governing use ("using mines to deliver")."""
        f = self.f
        subj = f.subject_of(token, through_nouns=True)
        if subj is not None and _is_item(f, subj):
            return True
        for node in f.chain(token, 5)[1:]:
            if node.pos_ in ("NOUN", "PROPN"):
                return _is_item(f, node)
            if node.lemma_.lower() in ("use", "employ") and any(_is_item(f, o) for o in _children(node, "dobj")):
                return True
            if node.dep_ in ("ROOT", "ccomp"):
                return False
        return False

    def _negotiation_frame(self, m: Mention) -> None:
        """"negotiations between Russia and the Houthis to transfer X to them": the party that is
        not the recipient supplies."""
        for node in self.f.chain(m.trigger, 4)[1:]:
            if self.f.status_word(node) in ("negotiating", "agreed", "considered", "requested"):
                others: list[Filler] = []
                for between in _pobjs(node, "between", "with"):
                    others.extend(self.f.actors(between))
                if m.trigger.pos_ in ("NOUN", "PROPN"):
                    # "signed a contract with India for ...": the other side may hang on the noun
                    for between in _pobjs(m.trigger, "between", "with"):
                        others.extend(self.f.actors(between))
                # "Egypt is in talks with China to buy ...": the subject is one side
                verb = self.f.clause_verb(node)
                subject = [] if verb.lemma_.lower() in self.lex.mediation else \
                    self.f.actors(self.f.subject_of(verb))
                recipients = {f.id for f in m.roles.get("recipient", [])}
                suppliers = {f.id for f in m.roles.get("supplier", [])}
                if not suppliers and recipients:
                    rest = [p for p in others + subject if p.id and p.id not in recipients]
                    if len({p.id for p in rest}) == 1:
                        m.add("supplier", rest[:1])
                elif not recipients and suppliers:
                    rest = [p for p in others + subject if p.id and p.id not in suppliers]
                    if len({p.id for p in rest}) == 1:
                        m.add("recipient", rest[:1])
                elif not recipients and not suppliers and subject and others:
                    first, second = (subject, others) if m.trigger.lemma_.lower() in \
                        self.lex.transfer_verbs and self.lex.transfer_verbs[m.trigger.lemma_.lower()]["frame"] == "get" \
                        else (others, subject)
                    m.add("recipient", first[:1])
                    m.add("supplier", second[:1])
                return

    def _broker(self, m: Mention) -> None:
        involved = {f.id for r in ("supplier", "recipient") for f in m.roles.get(r, [])}
        # "the deal, brokered by the UAE, saw Belarus deliver ...", "a sale brokered by X": a
        # participle of mediation on the trigger or on the subject of a verb above it
        for node in self.f.chain(m.trigger, 4):
            nouns = [node] if node.pos_ in ("NOUN", "PROPN") else _children(node, "nsubj")
            for noun in nouns:
                for acl in noun.children:
                    if acl.dep_ == "acl" and acl.lemma_.lower() in self.lex.mediation and acl.lemma_.lower() != "host":
                        for agent in _pobjs(acl, "by"):
                            broker = [b for b in self.f.actors(agent) if b.id not in involved]
                            if broker:
                                m.add("broker", broker)
                                return
        for node in self.f.chain(m.trigger, 5)[1:]:
            if node.pos_ == "VERB" and node.lemma_.lower() in self.lex.mediation and node.lemma_.lower() != "host":
                broker = self.f.actors(self.f.subject_of(node))
                involved = {f.id for r in ("supplier", "recipient") for f in m.roles.get(r, [])}
                m.add("broker", [b for b in broker if b.id not in involved])
                return

    def _transfer_status(self, m: Mention, entry: dict) -> None:
        f = self.f
        trigger = m.trigger
        status = Status(entry["status"])
        refused_permission = any(node.lemma_.lower() in self.lex.permission_verbs and
                                 any(c.dep_ == "neg" for c in node.children)
                                 for node in f.chain(trigger, 4)[1:])
        if f.negated(trigger) and not refused_permission:
            m.negated = True
        context, context_negated = f.status_from_context(trigger)
        modal = f.modal(trigger)
        if context is not None:
            status = context
            if context_negated and context in (Status.AGREED,):
                status = Status.CONSIDERED
        elif trigger.pos_ == "VERB":
            aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
            if modal == "future":
                status = Status.AGREED if status.rank >= Status.AGREED.rank else status
            elif modal == "weak":
                status = Status.CONSIDERED
                m.hedges.append("modal")
            elif trigger.tag_ == "VBG" and aux & {"is", "are", "was", "were", "'s", "'re"}:
                status = Status.DELIVERING if status == Status.DELIVERED else status
            elif trigger.tag_ in ("VB",) and not aux - {"to"} and trigger.dep_ in ("xcomp", "acl", "advcl"):
                # an infinitive ("eager to buy", "easy to obtain") says nothing has moved yet
                status = Status.CONSIDERED if status == Status.DELIVERED else status
        # "drones used in attacks": the item was used
        item = m.first("item")
        if item is not None and status in (Status.DELIVERED, Status.DELIVERING):
            span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is not None:
                for child in span.root.children:
                    if child.dep_ == "acl" and child.lemma_.lower() in ("use", "fire", "launch", "deploy"):
                        status = Status.USED
        if refused_permission:
            status = Status.CANCELLED  # "will not allow uranium transfers to Iran"
        m.status = status

    # ---- MEETING ------------------------------------------------------------------------
    def meeting(self, token: Token, sent: Span) -> Mention | None:
        lemma = token.lemma_.lower()
        f = self.f
        is_verb = token.pos_ == "VERB" and lemma in self.lex.meeting_verbs and lemma not in ("hold",)
        is_noun = token.pos_ == "NOUN" and (lemma in self.lex.meeting_nouns or token.lower_ in self.lex.meeting_nouns)
        if not (is_verb or is_noun):
            return None
        if is_noun and lemma in ("round", "session") and not any(
                c.lower_ in ("talks", "negotiations") for c in token.subtree):
            return None
        m = Mention(EventType.MEETING, token, sent)
        if is_verb:
            subj = next(iter(_children(token, "nsubj")), None) or f.subject_of(token)
            m.add("participants", self._actors(subj))
            for obj in _children(token, "dobj"):
                if lemma == "visit":
                    place = f.place(obj)
                    if place is not None:
                        m.add("place", [place])
                        continue
                m.add("participants", self._actors(obj, allow_place=lemma == "visit"))
            for w in _pobjs(token, "with"):
                m.add("participants", self._actors(w))
        else:
            verb = f.clause_verb(token)
            # "are in talks", "arrived on a visit", "returned to Geneva for talks"
            carried = token.dep_ == "pobj" and verb.lemma_.lower() in self.lex.carrier_prep_verbs
            frame = token.head if token.dep_ == "compound" else token  # "a mediation mission"
            if carried or frame.dep_ in ("dobj", "nsubjpass", "attr") or frame.head.lemma_ in ("hold", "have", "conduct", "begin", "start", "resume", "open", "launch"):
                subj = next(iter(_children(verb, "nsubj")), None)
                if subj is not None and lemma in self.lex.mediation_nouns:
                    m.add("mediator", f.actors(subj) or ([f.text_filler(subj)] if subj.i in f.ent_at else []))
                elif subj is not None and verb.lemma_.lower() not in self.lex.mediation:
                    m.add("participants", self._actors(subj))
            for between in _pobjs(token, "between", "with", "among") + (
                    _pobjs(frame, "between", "with", "among") if frame.i != token.i else []):
                m.add("participants", self._actors(between))
            if lemma in self.lex.host_nouns:
                for host in _pobjs(token, "to") + _pobjs(f.clause_verb(token), "to"):
                    m.add("participants", f.actors(host, allow_place=True))
            for child in token.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod"):
                    ent = f.ent_at.get(child.i)
                    if ent is not None and ent.label_ in {"ACTOR", "DEMONYM"}:
                        m.add("participants", f.actors(child))
                    elif child.dep_ in ("poss", "compound") and (ent is not None and ent.label_ == "PERSON" or (
                            child._.coref is not None and child._.coref.label_ == "PERSON")):
                        # "Putin's meeting with Erdogan", "his talks in Ankara"
                        m.add("participants", f.actors(child))
        nodes = [token] + ([f.clause_verb(token)] if is_noun else [])
        for node in nodes:
            for place_tok in _pobjs(node, "in", "at"):
                place = f.place(place_tok)
                if place is not None:
                    m.add("place", [place])
        if not m.roles.get("place"):
            # "met his counterpart in Muscat", "talks with officials in Tehran": the parser often
            # hangs the meeting's place on the last party named; a place noun counts when no name
            # does ("were meeting in a house")
            phrases = [p for p in m.roles.get("participants", [])]
            heads = [t for node in nodes for prep in node.children if prep.dep_ in ("prep", "dative", "agent")
                     for t in prep.children if t.dep_ == "pobj"] + [
                     c for node in nodes for c in node.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
            starts = {p.start for p in phrases}
            generic: list[Filler] = []
            for head in heads:
                if not any(head.left_edge.idx <= s_ <= head.idx + len(head.text) for s_ in starts):
                    continue
                for place_tok in _pobjs(head, "in", "at"):
                    place = self._place(place_tok)
                    if place is not None and place.kind == "place":
                        m.add("place", [place])
                    elif place is not None:
                        generic.append(place)
            for place_tok in _pobjs(token, "in", "at"):
                place = self._place(place_tok)
                if place is not None:
                    generic.append(place)
            m.add("place", generic)
        for node in nodes:
            for child in node.children:
                if child.dep_ == "advmod" and child.lower_ in QUANTITY_ADVERBS:
                    m.count = sent.doc[child.left_edge.i:child.i + 1].text
                elif child.dep_ in ("npadvmod",) and any(t.lower_ == "times" for t in child.subtree):
                    m.count = sent.doc[child.left_edge.i:child.right_edge.i + 1].text
            m.when = m.when or f.date_of(node)
        for child in token.children:
            # "talks mediated by Oman"
            if child.dep_ == "acl" and child.lemma_.lower() in self.lex.mediation:
                for by in _pobjs(child, "by"):
                    m.add("mediator", f.actors(by))
        for node in f.chain(token, 4)[1:]:
            if node.pos_ == "VERB" and node.lemma_.lower() in self.lex.mediation:
                mediator = f.actors(f.subject_of(node))
                ids = {p.id for p in m.roles.get("participants", [])}
                m.add("mediator", [x for x in mediator if x.id not in ids])
                break
        m.standalone = is_noun and (lemma in self.lex.meeting_standalone or token.lower_ in self.lex.meeting_standalone)
        m.negated = f.negated(token)
        if f.modal(token) or any(c.lemma_ == "expect" for c in f.chain(token, 3)):
            m.hedges.append("expected")
        return m

    # ---- SANCTION -----------------------------------------------------------------------
    _MEASURE_OF = {"sanction": "sanctions", "embargo": "embargo", "blacklist": "blacklisting",
                   "ban": "ban", "restriction": "restrictions", "boycott": "boycott",
                   "control": "export controls"}

    def _measure_object(self, token: Token) -> tuple[str, Token] | None:
        """("expulsion", "diplomats") for "expelled two Russian diplomats"; None if the verb or
        noun does not act on one of a measure's objects."""
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            objects = _children(token, "dobj", "nsubjpass")
            key = "verbs"
        elif token.pos_ == "NOUN":
            objects = _pobjs(token, "of", "on", "to")
            key = "nouns"
        else:
            return None
        for name, spec in self.lex.measures.items():
            if lemma not in spec[key]:
                continue
            for obj in objects:
                # "part of a military aid program": the object word may sit inside the phrase
                words = [obj] + [t for t in obj.subtree if t.pos_ == "NOUN" and t.i != obj.i
                                 and abs(t.i - obj.i) <= 6]
                if any(w.lower_ in spec["objects"] or w.lemma_.lower() in spec["objects"] for w in words):
                    return name, obj
        return None

    def _measure(self, token: Token, sent: Span, name: str, obj: Token) -> Mention | None:
        """Expulsions, aid suspensions, severed ties, recalled envoys, entry bans: a state or
        international organisation acting against a named party."""
        f = self.f
        m = Mention(EventType.SANCTION, token, sent, measure=name)
        verb = token if token.pos_ == "VERB" else f.clause_verb(token)
        subj = next(iter(_children(verb, "nsubj")), None) or f.subject_of(verb)
        imposers = f.actors(subj)
        if token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ == "poss":
                    imposers = imposers or f.actors(child)
        kb = f.doc._.kb  # the knowledge base the text was read with, user extensions included
        imposers = [a for a in imposers if a.id and kb is not None and kb.get(a.id) is not None and
                    kb.get(a.id).kind in ("state", "organisation")]
        if not imposers:
            return None
        m.add("imposers", imposers)
        mine = {a.id for a in imposers}
        candidates: list[Filler] = []
        if name in ("expulsion", "recalled ambassador"):
            # whose diplomats: "two Russian diplomats", "inspectors of the IAEA", "from Moscow"
            candidates += [a for c in obj.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                           and c.i in f.ent_at for a in f.actors(c, allow_place=True)]
            for of in _pobjs(obj, "of", "from"):
                candidates += f.actors(of, allow_place=True)
            for frm in _pobjs(verb, "from"):
                candidates += f.actors(frm, allow_place=True)
        else:
            phrase = [t for t in obj.subtree if t.pos_ == "NOUN" and abs(t.i - obj.i) <= 6]
            for node in [token, verb] + phrase:
                for tok in _pobjs(node, "to", "for", "with", "on", "against", "from"):
                    candidates += f.actors(tok, allow_place=True)
            candidates += [a for c in obj.children if c.dep_ == "poss" for a in f.actors(c)]
        targets = [a for a in candidates if a.id and a.id not in mine]
        if not targets:
            return None
        m.add("target", targets[:1])
        m.negated = f.negated(token)
        m.when = f.date_of(token) or f.date_of(verb)
        return m

    def _covered_text(self, tok: Token) -> str:
        """What a covered phrase restricts, as written, without its owner, determiner or the
        parties after it: "oil sector" of "Russia's oil sector", "exports of machine tools" of
        "exports of machine tools to Russia"."""
        f = self.f
        drop: set[int] = set()
        for t in tok.subtree:
            if t.i in drop:
                continue
            owner = t.dep_ == "poss" or (t.dep_ in ("amod", "compound", "nmod") and t.i in f.ent_at and
                                         f.ent_at[t.i].label_ in ACTOR_LABELS)
            party = t.dep_ in ("prep", "agent") and t.lower_ in ("to", "from", "against", "by", "over", "for", "on", "with")
            if owner or party or t.dep_ in ("det", "predet", "punct", "cc", "relcl", "acl", "appos") or t.tag_ == "POS":
                drop.update(x.i for x in t.subtree)
        kept = [t for t in tok.subtree if t.i not in drop]
        if not kept:
            return tok.text
        return f.doc[kept[0].i:kept[-1].i + 1].text

    def _is_covered(self, tok: Token) -> bool:
        return tok.lower_ in self.lex.sanction_covered or tok.lemma_.lower() in self.lex.sanction_covered or \
            _is_item(self.f, tok)

    def _sanction_object(self, tok: Token) -> tuple[list[Filler], str | None]:
        """The targets of one phrase a sanction acts on, and what it covers when the phrase names
        goods or a sector: "Iran, Syria and North Korea", "five Iranian companies" (unresolved
        phrases count as written), "Russia's oil sector" (RUS; covers "oil sector"), "exports of
        machine tools to Russia" (RUS; covers the exports)."""
        f = self.f
        tok = self._quantified(tok)
        ent = f.ent_at.get(tok.i)
        if ent is not None and ent.label_ in NOT_PARTY_LABELS:
            return [], None
        if self._is_covered(tok) and not (ent is not None and ent.label_ in ACTOR_LABELS):
            owners = [a for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                      for a in f.actors(c, allow_place=True)]
            for t in tok.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in ("to", "from", "of") and not self._is_covered(t):
                    owners += f.actors(t, allow_place=True)
            return owners, self._covered_text(tok)
        found = self._actors(tok, allow_place=True)
        if not found:
            # "Russia's central bank": the owner stands for the target, named by the whole phrase
            owners = [a for c in tok.children if c.dep_ == "poss" for a in f.actors(c)]
            found = self._phrase_spans(owners, tok) if owners else []
        if not found and tok.pos_ in ("NOUN", "PROPN") and (
                tok.lower_ in self.lex.sanction_target_heads or tok.lemma_.lower() in self.lex.sanction_target_heads):
            found = [f.text_filler(tok)]
        return found, None

    def _sanction_targets(self, m: Mention, toks: list[Token]) -> None:
        for tok in toks:
            targets, covers = self._sanction_object(tok)
            m.add("target", targets)
            if covers and m.covers is None:
                m.covers = covers

    def _sanction_agents(self, m: Mention, node: Token) -> None:
        """Imposers after "by"; the parser often hangs the target on the imposer ("imposed by the
        EU on Iran")."""
        for by in _pobjs(node, "by"):
            m.add("imposers", self.f.actors(by))
            self._sanction_targets(m, _pobjs(by, "on", "against"))

    def _sanction_reason(self, m: Mention, nodes: list[Token]) -> None:
        """Why: "over its nuclear programme", "for supplying drones to Russia", "in response to ...",
        "after ..."; never a time ("for two years", "for the first time")."""
        sent = m.sent
        for node in nodes:
            for prep in node.children:
                if m.reason is not None:
                    return
                if prep.dep_ != "prep":
                    continue
                objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if prep.lower_ in ("over", "for") and objs:
                    obj = objs[0]
                    if any(t.ent_type_ in ("DATE", "TIME", "ORDINAL", "CARDINAL") for t in obj.subtree) or \
                            obj.lower_ in ("time", "years", "months", "weeks", "days"):
                        continue
                    m.reason = sent.doc[obj.left_edge.i:obj.right_edge.i + 1].text
                elif prep.lower_ in ("in", "after", "following"):
                    words = {t.lower_ for t in prep.subtree}
                    if words & {"wake", "response", "retaliation", "punishment", "delivery", "deliveries", "supply", "transfer"} \
                            or prep.lower_ in ("after", "following"):
                        m.reason = sent.doc[prep.i:prep.right_edge.i + 1].text

    def _lift(self, token: Token, verb: Token) -> bool:
        """Whether the sanction is being ended: "lifted sanctions", "the lifting of the embargo",
        "sanctions relief", "X was removed from the blacklist"."""
        lex = self.lex
        if token.dep_ in ("dobj", "nsubjpass", "pobj") and verb.lemma_.lower() in lex.sanction_lift:
            if token.dep_ != "pobj" or token.head.lower_ == "from":
                return True
        head = token.head
        if token.dep_ == "compound" and (head.lemma_.lower() in lex.sanction_lift_nouns or head.lower_ in lex.sanction_lift_nouns):
            return True  # "sanctions relief"
        if token.dep_ == "pobj" and head.lower_ == "of" and (
                head.head.lemma_.lower() in lex.sanction_lift_nouns or head.head.lower_ in lex.sanction_lift_nouns):
            return True  # "the lifting of the embargo"
        return False

    def sanction(self, token: Token, sent: Span) -> Mention | None:
        lemma = token.lemma_.lower()
        f = self.f
        lex = self.lex
        measure = self._measure_object(token)
        if measure is not None:
            return self._measure(token, sent, *measure)
        if token.pos_ == "VERB" and lemma in lex.sanction_verbs:
            m = Mention(EventType.SANCTION, token, sent)
            passive = any(c.dep_ == "nsubjpass" for c in token.children)
            if passive:
                self._sanction_targets(m, _children(token, "nsubjpass")[:1])
                self._sanction_agents(m, token)
            else:
                m.add("imposers", f.actors(next(iter(_children(token, "nsubj")), None) or f.subject_of(token)))
                self._sanction_targets(m, _children(token, "dobj"))
            self._sanction_reason(m, [token])
        elif token.pos_ == "NOUN" and lemma in lex.sanction_nouns:
            if lemma in ("ban", "restriction") and not any(
                    c.lower_ in lex.sanction_restriction_words for c in token.subtree):
                return None
            if lemma == "control" and not (token.lower_ == "controls" and any(
                    c.dep_ in ("compound", "amod", "nmod") and c.lower_ in lex.sanction_control_modifiers
                    for c in token.children)):
                return None  # "arms control", "under government control"
            m = Mention(EventType.SANCTION, token, sent)
            verb = token.head if token.dep_ in ("dobj", "nsubjpass") else f.clause_verb(token)
            vlemma = verb.lemma_.lower()
            m.lifted = self._lift(token, verb)
            governs = token.dep_ in ("dobj", "nsubjpass") or (
                token.dep_ == "pobj" and token.head.head.i == verb.i)
            # "faces sanctions" (an object) and "was hit with sanctions" (a passive): the subject
            # is whom the sanction hits, never who imposes it
            targeted_subject = (token.dep_ == "dobj" and vlemma in lex.sanction_target_subjects) or (
                token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.i == verb.i and
                (vlemma in lex.sanction_support or vlemma in lex.sanction_subject_verbs) and
                any(c.dep_ == "nsubjpass" for c in verb.children))
            if vlemma in lex.sanction_support or token.dep_ == "dobj" or (m.lifted and governs):
                subj = next(iter(_children(verb, "nsubj")), None) or f.subject_of(verb)
                if not (token.dep_ == "nsubjpass" or targeted_subject or (subj is not None and subj.i == token.i)):
                    m.add("imposers", f.actors(subj))
                self._sanction_agents(m, verb)
                self._sanction_targets(m, _pobjs(verb, "on", "against"))
                if lemma in ("embargo", "ban", "restriction", "control"):
                    # "introduced export controls on engines to China": the parser hangs where the
                    # goods may not go on the verb
                    self._sanction_targets(m, [t for t in _pobjs(verb, "to") if f.actors(t, allow_place=True)])
                if token.dep_ == "pobj" and token.head.head.i == verb.i and vlemma in lex.sanction_listing:
                    # "added three firms to its blacklist", "was removed from the list"
                    self._sanction_targets(m, _children(verb, "dobj", "nsubjpass"))
            if targeted_subject:
                # "Iran faces new sanctions", "Minsk was hit with sanctions": the subject is targeted
                self._sanction_targets(m, _children(verb, "nsubj", "nsubjpass"))
            if token.dep_ == "nsubj" and vlemma in lex.sanction_subject_verbs:
                # "the new sanctions hit Russia's central bank"
                self._sanction_targets(m, _children(verb, "dobj"))
            # what the phrase after the noun covers is more specific than its modifier:
            # "export controls on drone engines" cover the engines
            self._sanction_targets(m, _pobjs(token, "on", "against", "targeting"))
            if m.lifted and token.dep_ in ("compound", "pobj"):
                # "sanctions relief for Iran", "the lifting of sanctions on Syria"
                ender = token.head if token.dep_ == "compound" else token.head.head
                self._sanction_targets(m, _pobjs(ender, "for", "on", "against"))
            modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
            for child in modifiers:
                ent = f.ent_at.get(child.i)
                if ent is not None and ent.label_ in {"ACTOR", "DEMONYM", "SEAT", "CAPITAL"}:
                    m.add("imposers", f.actors(child))
                elif m.covers is None and child.dep_ in ("compound", "nmod", "amod") and self._is_covered(child):
                    m.covers = self._covered_text(child)  # "an arms embargo", "export controls"
            if lemma in ("embargo", "ban", "restriction", "control"):
                # "an arms embargo to Vietnam", "export controls to China": where the goods may not go
                self._sanction_targets(m, [t for t in _pobjs(token, "to") if f.actors(t, allow_place=True)])
            self._sanction_agents(m, token)
            for clause in token.children:
                if clause.dep_ != "acl":
                    continue
                # "sanctions imposed by the EU on Iran", "sanctions targeting Russia's banks"
                if clause.lemma_.lower() in lex.sanction_support or clause.lemma_.lower() in lex.sanction_lift:
                    self._sanction_agents(m, clause)
                    self._sanction_targets(m, _pobjs(clause, "on", "against"))
                elif clause.lemma_.lower() in lex.sanction_subject_verbs:
                    self._sanction_targets(m, _children(clause, "dobj"))
            # "sanctions targeting its oil sector over the invasion": the reason may hang on the clause
            self._sanction_reason(m, [token, verb] + [c for c in token.children if c.dep_ == "acl"])
        else:
            return None
        m.measure = self._MEASURE_OF.get(lemma)
        if not m.roles.get("imposers") and not m.roles.get("target") and not (
                token.pos_ == "NOUN" and (lemma in lex.sanction_standalone or token.lower_ in lex.sanction_standalone)):
            return None
        self._sanction_reason(m, [f.clause_verb(token)])
        m.negated = f.negated(token)
        m.when = f.date_of(token) or f.date_of(f.clause_verb(token))
        return m

    # ---- ATTACK -------------------------------------------------------------------------
    def attack(self, token: Token, sent: Span) -> Mention | None:
        lemma = token.lemma_.lower()
        f = self.f
        m = Mention(EventType.ATTACK, token, sent)
        modifier_places: list[Filler] = []
        if token.pos_ == "VERB" and lemma in self.lex.attack_verbs:
            if lemma in ("fire", "shoot", "launch") and not _pobjs(token, "at", "on", "into", "toward", "towards", "against"):
                return None  # "fired missiles" alone is use of a weapon, read by the transfer status
            if lemma in ("hit", "target", "strike", "destroy", "fight", "battle", "clash", "blow", "rocket") and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in token.children):
                return None
            if lemma == "target" and token.dep_ == "acl" and (
                    token.head.lemma_.lower() in self.lex.sanction_nouns or token.head.lower_ in self.lex.sanction_nouns):
                return None  # "sanctions targeting Russia's oil sector" aim a measure, not a weapon
            device = lemma in self.lex.device_verbs
            if device and any(c.lower_ in self.lex.accident_adverbs for c in token.children):
                return None
            passive = any(c.dep_ == "nsubjpass" for c in token.children)
            if passive:
                subjpass = next(iter(_children(token, "nsubjpass")))
                if _is_item(f, subjpass) or device:
                    m.add("weapon", [f.item(subjpass)[0] or f.text_filler(subjpass)])
                else:
                    m.add("target", self._target(subjpass))
                for by in _pobjs(token, "by"):
                    if _is_item(f, by) and not self._is_perpetrator(by):
                        m.add("weapon", [f.item(by)[0]])  # "was hit by a missile"
                    else:
                        m.add("attacker", self._agent(by))
            else:
                subj = next(iter(_children(token, "nsubj")), None) or f.subject_of(token)
                if subj is None and device and token.dep_ == "conj":
                    # "the bomb was planted outside and exploded": the shared subject
                    subj = next(iter(_children(token.head, "nsubjpass")), None)
                if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ == "relcl":
                    subj = subj.head.head  # "a device that exploded"
                if subj is not None and not self._is_perpetrator(subj) and _is_item(f, subj):
                    m.add("weapon", [f.item(subj)[0]])
                    m.add("attacker", self._weapon_owners(subj))
                elif subj is not None and device and not _children(token, "dobj") and (
                        subj.lemma_.lower() in self.lex.device_heads or subj.lower_ in self.lex.device_heads):
                    m.add("weapon", [f.text_filler(subj)])  # "the device exploded"
                else:
                    m.add("attacker", self._agent(subj))
                for obj in _children(token, "dobj"):
                    if _is_item(f, obj):
                        m.add("weapon", [f.item(obj)[0]])
                    elif device:
                        # "detonated his vest": what is detonated is the device, not what it hits
                        if obj.lower_ not in REFLEXIVES:
                            m.add("weapon", [f.text_filler(obj)])
                    else:
                        m.add("target", self._target(obj))
            for tgt in _pobjs(token, "at", "on", "against", "into"):
                m.add("target", self._target(tgt))
            for w in _pobjs(token, "with") + [p for o in _children(token, "dobj") for t in o.subtree
                                                for p in _pobjs(t, "with")]:
                item, _ = f.item(w)
                if item:
                    m.add("weapon", [item])
        elif token.pos_ == "VERB" and (lemma in self.lex.violence_verbs or lemma in self.lex.seizure_verbs):
            if not self._violence(m, token):
                return None
        elif token.pos_ in ("NOUN", "PROPN") and (lemma in self.lex.attack_nouns or token.lower_ in self.lex.attack_nouns):
            if not self._attack_noun_sense(token, lemma):
                return None
            for tgt in _pobjs(token, "on", "against", "of", "at", "targeting"):
                m.add("target", self._target(tgt))
            for by in _pobjs(token, "by"):
                m.add("attacker", self._agent(by))
            for by in _pobjs(token, "from"):
                m.add("attacker", f.actors(by))
            # "US Predator attacks": modifiers of modifiers name the attacker and weapon too
            modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
            modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children
                          if g.dep_ in ("compound", "amod", "nmod", "poss")]
            conflict = lemma in self.lex.conflict_nouns or token.lower_ in self.lex.conflict_nouns
            for child in modifiers:
                ent = f.ent_at.get(child.i)
                if ent is not None and ent.label_ in ITEM_LABELS:
                    m.add("weapon", [f._filler_from_ent(ent)])
                elif ent is not None and child.head.i == token.i and (
                        (conflict and self._is_state(ent)) or
                        (child.dep_ == "compound" and ent.label_ in ("CAPITAL", "GPE", "LOC", "FAC"))):
                    # "the Syrian war", "the Kabul bombing": where, not who
                    modifier_places.append(f.place(child, named=True))
                elif ent is not None and ent.label_ in {"ACTOR", "DEMONYM", "SEAT", "CAPITAL"}:
                    m.add("attacker", f.actors(child))
                elif ent is None and child.dep_ in ("amod", "compound") and child.head.i == token.i and \
                        child.lower_ in self.lex.weapon_qualifiers:
                    m.add("weapon", [f.text_filler(child)])
            if not m.roles.get("target") and token.dep_ == "nsubj" and \
                    token.head.lemma_.lower() in self.lex.violence_verbs:
                # "the attacks have killed eight leaders"
                for obj in _children(token.head, "dobj"):
                    if self._is_victim(obj):
                        m.add("target", self._target(obj))
            verb = f.clause_verb(token)
            if token.dep_ == "dobj" and (verb.lemma_.lower() in self.lex.attack_support or
                                         verb.lemma_.lower() in self.lex.fire_verbs):
                # "militants launched an attack on the base", "the gunman opened fire on worshippers":
                # the verb's subject attacks, and what it aims at is the target
                if not m.roles.get("attacker"):
                    m.add("attacker", self._agent(f.subject_of(verb)))
                if not m.roles.get("target"):
                    for tgt in _pobjs(verb, "on", "against", "at", "targeting"):
                        m.add("target", self._target(tgt))
        else:
            return None
        # places: a name after the trigger's or its verb's preposition, or in the target phrase
        # ("vessels in the Red Sea"), before a place noun ("near the border"); only the names
        # after "in", "near", "off" make an attack of a noun that names no party
        core_preps = {token.i: ("in", "near", "off", "across", "over")}
        nodes = [token]
        if token.pos_ == "NOUN":
            verb = f.clause_verb(token)
            nodes.append(verb)
            core_preps.setdefault(verb.i, ("in", "near", "off"))
        taken = {t.start for t in m.roles.get("target", [])}
        core: list[Filler] = [p for p in modifier_places if p is not None]
        named: list[Filler] = []
        generic: list[Filler] = []
        for node in nodes:
            for place_tok in _pobjs(node, *ATTACK_PLACE_PREPS):
                place = self._place(place_tok, generic=place_tok.head.lower_ != "over")
                if place is None or place.start in taken:
                    continue
                if place.kind != "place":
                    generic.append(place)
                elif place_tok.head.lower_ in core_preps.get(node.i, ()) and f.place(place_tok) is not None:
                    core.append(place)
                else:
                    named.append(place)
        # "shelled positions of the Palestinian forces": a generic target stands for whose it is
        for i, tgt in enumerate(m.roles.get("target", [])):
            if tgt.id is None:
                span = f.doc.char_span(tgt.start, tgt.end, alignment_mode="expand")
                owners = [a for of in (_pobjs(span.root, "of") if span is not None else [])
                          for a in f.actors(of)]
                if owners:
                    m.roles["target"][i] = owners[0]
        for tgt in m.roles.get("target", []):
            span = f.doc.char_span(tgt.start, tgt.end, alignment_mode="expand")
            if span is not None:
                for place_tok in _pobjs(span.root, "in", "near", "off"):
                    place = self._place(place_tok)
                    if place is not None:
                        (core if f.place(place_tok) is not None else generic).append(place)
        if not m.roles and not core and not (token.pos_ == "NOUN" and lemma in self.lex.attack_standalone):
            return None
        m.add("place", core + named + generic)
        m.negated = f.negated(token)
        m.when = f.event_date(token)
        return m

    def _weapon_owners(self, token: Token) -> list[Filler]:
        """"U.S. and British warplanes struck", "Russian aircraft killed": the weapon's owners attacked."""
        out = []
        for child in token.subtree:
            ent = self.f.ent_at.get(child.i)
            if ent is not None and ent.label_ in ("ACTOR", "DEMONYM") and child.dep_ in ("compound", "amod", "nmod", "conj"):
                out.append(self.f._filler_from_ent(ent))
        return out

    def _quantified(self, token: Token) -> Token:
        """"scores of refugees", "part of a stronghold": the noun the phrase is about."""
        if token.lemma_.lower() in self.lex.quantity_containers or token.lower_ in ("scores", "part"):
            for of in _pobjs(token, "of"):
                return of
        return token

    def _is_victim(self, token: Token) -> bool:
        token = self._quantified(token)
        ent = self.f.ent_at.get(token.i)
        if ent is not None and ent.label_ in ("PERSON", "NORP", "DEMONYM"):
            return True
        return token.lemma_.lower() in self.lex.victim_heads or token.lower_ in self.lex.victim_heads

    def _is_territory(self, token: Token) -> bool:
        token = self._quantified(token)
        ent = self.f.ent_at.get(token.i)
        if ent is not None and ent.label_ in ("GPE", "LOC", "FAC", "CAPITAL", "SEAT"):
            return True
        return token.lemma_.lower() in self.lex.territory_heads or token.lower_ in self.lex.territory_heads

    def _violence(self, m: Mention, token: Token) -> bool:
        """"Hezbollah guerrillas killed the deputy chief", "three soldiers were killed by a roadside
        bomb", "troops retook the village": an attack when someone or something did it to people,
        or took a place."""
        f = self.f
        lemma = token.lemma_.lower()
        passive = any(c.dep_ == "nsubjpass" for c in token.children)
        if passive:
            victims, agents = _children(token, "nsubjpass"), _pobjs(token, "by")
        else:
            subj = next(iter(_children(token, "nsubj")), None) or f.subject_of(token)
            victims, agents = _children(token, "dobj"), ([subj] if subj is not None else [])
        test = self._is_territory if lemma in self.lex.seizure_verbs else self._is_victim
        victims = [v for v in victims if test(v) and not _is_item(f, v)]
        if not victims:
            return False
        for agent in agents:
            if agent.lemma_.lower() in self.lex.attack_nouns:
                return False  # "the attacks killed eight": the attack noun is the event
            if _is_item(f, agent) and not self._is_perpetrator(agent):
                m.add("weapon", [f.item(agent)[0]])
                m.add("attacker", self._weapon_owners(agent))
                continue
            actors = self._actors(agent)
            if not actors and (agent.lemma_.lower() in self.lex.perpetrator_heads or
                               agent.lower_ in self.lex.perpetrator_heads):
                actors = [f.text_filler(agent)]
            m.add("attacker", actors)
        if not m.roles.get("attacker") and not m.roles.get("weapon"):
            return False
        for victim in victims:
            m.add("target", self._target(victim))  # _target reads "scores of refugees" itself
        for w in _pobjs(token, "with"):
            item, _ = f.item(w)
            if item:
                m.add("weapon", [item])
        return True

    def _attack_noun_sense(self, token: Token, lemma: str) -> bool:
        """Attack nouns that are something else here: "war games" (a classifier), "a hunger strike",
        "came under fire for" (criticism: fire counts only with a firing verb or a target)."""
        if token.dep_ in ("compound", "nmod") and (token.head.lemma_.lower() in self.lex.classified_heads or
                                                   token.head.lower_ in self.lex.classified_heads):
            return False
        if lemma == "strike":
            left = {t.lower_ for c in token.lefts for t in c.subtree}
            if left & self.lex.not_attack_modifiers:
                return False
            if token.dep_ == "pobj" and token.head.lower_ == "on":
                return False  # "went on strike"
        if lemma == "fire":
            verb = token.head if token.dep_ == "dobj" else None
            if not ((verb is not None and verb.lemma_.lower() in self.lex.fire_verbs) or
                    _pobjs(token, "on", "against", "at")):
                return False
        return True

    # ---- STATEMENT ----------------------------------------------------------------------
    def statement(self, token: Token, sent: Span) -> Mention | None:
        if token.pos_ != "VERB":
            return None
        lemma = token.lemma_.lower()
        kind = next((k for k, words in self.lex.statement.items() if lemma in words), None)
        f = self.f
        if kind is None and lemma == "say":
            clause = [t for c in token.children if c.dep_ in ("ccomp", "dobj") for t in c.subtree]
            words = {t.lemma_.lower() for t in clause}
            if words & self.lex.warning_words and any(t.lower_ in ("will", "would") for t in clause):
                kind = "warn"
        if kind is None:
            return None
        subj = next(iter(_children(token, "nsubj")), None)
        speaker = f.actors(subj)
        if not speaker:
            return None
        m = Mention(EventType.STATEMENT, token, sent, kind=StatementKind(kind))
        m.add("speaker", speaker[:1])
        for obj in _children(token, "dobj"):
            if kind == "accuse":
                m.add("target", f.actors(obj))
        m.when = f.date_of(token)
        if m.when is None:
            # "In a statement on Sept. 7, X said": the date sits on the statement noun
            for prep in _children(token, "prep"):
                for pobj in prep.children:
                    m.when = m.when or f.date_of(pobj)
        m.negated = any(c.dep_ == "neg" for c in token.children)
        return m

    def _component(self, m: Mention, item: Filler, give: bool) -> Filler:
        """A named system that only says what a part is for is the part's system, not the item:
        "engines for Pakistan's F-16 jets", "F-16 spare parts", "upgrades for its Su-30 fleet"
        are components (no system id, so they never join the system's claim). An owner of the
        system in the phrase ("Pakistan's") is the recipient when the text names none."""
        f = self.f
        if not item.id:
            return item
        span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None:
            return item
        def is_part(node: Token) -> bool:
            return node.i != m.trigger.i and self._is_part(node)

        node = span.root
        part = node if is_part(node) else None
        for _ in range(5):
            if part is not None or node.head.i == node.i or node.i == m.trigger.i:
                break
            if not (node.dep_ in ("compound", "nmod", "amod", "nummod", "pobj") or
                    (node.dep_ == "prep" and node.lower_ in ("for", "of"))):
                break
            node = node.head
            part = node if is_part(node) else None
        if part is None:
            # "the sale of engines for Pakistan's F-16s", "bought parts for its F-16 fleet": the part
            # is the trigger's object and the system sits in a "for" beside it
            trigger = m.trigger
            direct = _children(trigger, "dobj") + _pobjs(trigger, "of")
            objects = [o for o in direct + [w for d in direct for w in _pobjs(d, "of")] if self._is_part(o)]
            fors = [w for node in [trigger] + direct for w in _pobjs(node, "for")]
            holder = next((w for w in fors if span.root.i in {x.i for x in w.subtree}), None)
            if not objects or holder is None:
                return item
            part = objects[0]
            lo = min(part.left_edge.i, span.start)
            phrase = f.doc[lo:self._phrase_end(holder) + 1]
            return self._component_filler(m, item, phrase, give)
        # the part and what it is for, not the rest of its phrase ("... from the United States")
        ends = [part.i, span.end - 1] + [self._phrase_end(w) for p in part.children
                                         if p.dep_ == "prep" and p.lower_ in ("for", "of")
                                         for w in _children(p, "pobj")]
        phrase = f.doc[min(part.left_edge.i, span.start):max(ends) + 1]
        return self._component_filler(m, item, phrase, give)

    def _is_part(self, node: Token) -> bool:
        inside = self.f.ent_at.get(node.i)
        return (node.lower_ in self.lex.component_heads or node.lemma_.lower() in self.lex.component_heads) and \
            not (inside is not None and inside.label_ == "WEAPON")

    @staticmethod
    def _phrase_end(noun: Token) -> int:
        """The last token of a noun's phrase before a "from" or "to" the parser hung on it
        ("its F-16 fleet from the United States"): those name a side, not the item."""
        end = noun.i
        for t in noun.subtree:
            if t.dep_ == "prep" and t.lower_ in ("from", "to") and t.head.i == noun.i:
                break
            end = max(end, t.i)
        return end

    def _component_filler(self, m: Mention, item: Filler, phrase: Span, give: bool) -> Filler:
        f = self.f
        # "... parts for its F-16 fleet from the United States": a side hung on the phrase
        for token in phrase:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.i >= phrase.end and prep.lower_ in ("from", "to"):
                    role = "supplier" if prep.lower_ == "from" else "recipient"
                    if not m.roles.get(role):
                        for w in _children(prep, "pobj"):
                            m.add(role, f.actors(w))
        if not m.roles.get("recipient" if give else "supplier"):
            owners = [t for t in phrase if t.dep_ == "poss" and t.i in f.ent_at]
            for owner in owners:
                m.add("recipient" if give else "supplier", f.actors(owner))
        return Filler("item", phrase.text, phrase.start_char, phrase.end_char, name=f"{item.name} components",
                      category="components", broad=item.broad, via="component")

    def _realis(self, m: Mention) -> None:
        realis, refused = self.f.realis(m.trigger)
        if m.type == EventType.TRANSFER:
            # a transfer's status already says how far it went, refusals included ("cancelled")
            if realis == Realis.ACTUAL and m.status is not None and m.status.rank < Status.DELIVERING.rank:
                realis = Realis.PLANNED
        elif refused:
            m.negated = True
        m.realis = realis
        m.main = self.f.is_main(m.trigger)

    def read(self, sent: Span) -> list[Mention]:
        out = []
        for token in sent:
            for method in (self.transfer, self.meeting, self.sanction, self.attack, self.statement):
                mention = method(token, sent)
                if mention is not None:
                    self._realis(mention)
                    if mention.type == EventType.SANCTION and mention.lifted and mention.realis != Realis.ACTUAL:
                        # a lifting only proposed or weighed ("proposed easing sanctions") is talk
                        # about the sanction, not a change to it
                        continue
                    self.f.attribution(mention)
                    self.f.statements_over(mention)
                    self.f.reported_denial(mention)
                    out.append(mention)
        return out
