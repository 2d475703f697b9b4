"""Fillers: the actors, places and items a noun phrase names, read from the entities the
pipeline put on the Doc (knowledge base, NER, coreference) and the phrase's syntax."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..records import Filler, Quantity
from ..resolve.quantities import parse_quantity
from ..text import singular
from .firms import (appositive_firm, described_firm, known_firm_abroad, named_firm, offshoot, open_actor, service_state,
                    speaker_pronoun)
from .labels import ACTOR_LABELS, ITEM_LABELS, NER_ACTOR_LABELS, SUBJECTS
from .lexicon import words

WORDS = words("frames", "fillers")
RELATIVE_PRONOUNS = WORDS.relative_pronouns
PLURAL_PRONOUNS = WORDS.plural_pronouns
NUCLEAR_WORDS = WORDS.nuclear_words
WEAPON_PURPOSE_WORDS = WORDS.weapon_purpose_words


def is_sum(token: Token) -> bool:
    """A sum of money: what the model tags so, or an amount with a currency sign on it ("send
    Ukraine $250 million", where the model misses the sum after an indirect object)."""
    return token.ent_type_ == "MONEY" or any(c.text in WORDS.currency_signs for c in token.children)


def sum_of(noun: Token) -> Token:
    """The sum a noun is "in" or "of" ("$250 million in military aid": the million), else the
    noun: the transfer status reads the sum's verb (see `Fillers._amount_head` for the way down)."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in WORDS.money_preps and is_sum(prep.head):
        return prep.head
    return noun


class Fillers:
    """What a noun phrase names (a part of `FrameReader`: needs `doc`, `lex`, `kb`, `ent_at`)."""

    def _filler_from_ent(self, ent: Span, *, via: str = "kb", kind: str = "actor") -> Filler:
        entity = self.kb.get(ent.kb_id_) if self.kb is not None and ent.kb_id_ else None
        if ent.label_ in ITEM_LABELS:
            return Filler("item", ent.text, ent.start_char, ent.end_char,
                          id=entity.id if entity and entity.kind == "weapon" else None,
                          name=entity.name if entity and entity.kind == "weapon" else None,
                          category=entity.category if entity else None,
                          broad=entity.broad if entity else None, via="kb" if entity else None)
        if entity is None and ent.label_ == "PERSON" and ent._.affiliation and self.kb is not None:
            # "Russian President Vladimir Putin": the person, named as written, for the state
            affiliated = self.kb.get(ent._.affiliation)
            if affiliated is not None:
                return Filler(kind, ent.text, ent.start_char, ent.end_char, id=affiliated.id,
                              name=affiliated.name, via="affiliation")
        if entity is None:
            # a firm or a service the knowledge base does not know (issue 23): extract/firms.py
            opened = open_actor(self, ent) if kind == "actor" else None
            return opened or Filler(kind, ent.text, ent.start_char, ent.end_char, via="ner")
        if kind == "actor" and entity.kind == "company" and (abroad := known_firm_abroad(self, ent, entity)):
            return abroad  # "Thales Australia": the firm's branch in that state
        if ent.label_ in ("CAPITAL", "SEAT") and kind == "actor":
            via = "metonym"
        elif ent.label_ == "DEMONYM":
            via = "demonym"
        return Filler(kind, ent.text, ent.start_char, ent.end_char, id=entity.id,
                      name=entity.name, via=via, state=entity.country if entity.kind == "company" else None)

    def _is_qualifier(self, ent: Span) -> bool:
        """An actor that only qualifies another: "Yemen's Houthis", "Iran-backed group"."""
        after = self.doc[ent.end] if ent.end < len(self.doc) else None
        if after is not None and after.tag_ == "POS":
            nxt = self.ent_at.get(after.i + 1)
            if nxt is not None and nxt.label_ in ACTOR_LABELS:
                return True
            # "Somalia's al-Shabaab militants": an armed group or firm named before the possessed head
            owned = ent.root.head
            for i in range(after.i + 1, owned.i + 1 if owned.i > after.i else after.i + 1):
                inner = self.ent_at.get(i)
                entity = self.kb.get(inner.kb_id_) if inner is not None and self.kb is not None else None
                if entity is not None and entity.kind in ("armed_group", "company", "organisation"):
                    return True
        if after is not None and after.text == "-" and ent.end + 1 < len(self.doc):
            if self.doc[ent.end + 1].lemma_.lower() in self.lex.affiliation:
                return True
        head = ent.root.head
        if ent.root.dep_ in ("npadvmod", "compound", "nmod") and head.lemma_.lower() in self.lex.affiliation:
            return True
        if ent.label_ == "DEMONYM" and ent.root.dep_ in ("amod", "compound") and head.i != ent.root.i and \
                (head.lemma_.lower() in self.lex.opposition_heads or head.lower_ in self.lex.opposition_heads):
            return True  # "Yemeni rebels", "Syrian opposition fighters": not the state they fight
        return False

    def _titled_person(self, token: Token) -> Span | None:
        """The person a title names right after it ("Foreign Minister Abbas Araghchi")."""
        if token.lower_ not in self.lex.person_titles and token.lemma_.lower() not in self.lex.person_titles:
            return None
        for child in token.children:
            ent = self.ent_at.get(child.i)
            if child.dep_ in ("appos", "compound") and ent is not None and ent.label_ == "PERSON" \
                    and ent.start == token.i + 1:
                return ent
        return None

    def actors(self, token: Token | None, *, depth: int = 0, allow_place: bool = False) -> list[Filler]:
        """Actor fillers for the noun phrase headed by `token`, following conjunctions."""
        if token is None or depth > 3:
            return []
        token = self._antecedent(token)
        out: list[Filler] = []
        ent = self._actor_entity(token)
        if ent is not None and ent.label_ in ACTOR_LABELS and (ent._.usage == "actor" or allow_place):
            out.append(self._filler_from_ent(ent))
        elif token._.coref is not None:
            ref = self._filler_from_ent(token._.coref)
            out.append(Filler("actor", token.text, token.idx, token.idx + len(token.text), id=ref.id,
                              name=ref.name, via="coref", state=ref.state))
        elif ent is not None and ent.label_ in NER_ACTOR_LABELS and ent.label_ != "GPE" or (
                ent is not None and ent.label_ == "GPE" and ent._.usage != "place"):
            out.append(self._filler_from_ent(ent, via="ner"))
        elif (person := self._titled_person(token)) is not None:
            # "Iran's Foreign Minister Abbas Araghchi" parsed with the title as head: the person
            out.append(self._filler_from_ent(person))
        elif token.lemma_.lower() in self.lex.institutions or token.lower_ in self.lex.institutions:
            out.extend(self._institution_actors(token, depth) or
                       [a for a in (service_state(self, token),) if a is not None])
        else:
            # "Lockheed Martin's Canadian subsidiary", "the Israeli firm Soltam": not the state
            firm = offshoot(self, token) or appositive_firm(self, token) or described_firm(self, token)
            out.extend([firm] if firm else self._described_actor(token) or
                       [a for a in (named_firm(self, token) or
                                    service_state(self, token) or
                                    # "France's Socarenam", "Spain's Ferrovane Defensa", taken
                                    # for a place or a building by the model
                                    (open_actor(self, ent) if ent is not None and ent.label_ in ("GPE", "FAC")
                                     and not ent.kb_id_ else None),) if a is not None] or
                       speaker_pronoun(self, token, depth))
        if not out:
            # "countries such as North Korea and Russia", "several states, including Iran"
            for child in token.children:
                phrase = f"{self.doc[child.i - 1].lower_} {child.lower_}" if child.i > 0 else None
                if child.dep_ == "prep" and (child.lower_ in WORDS.example_preps or phrase in WORDS.example_phrases):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out.extend(self.actors(pobj, depth=depth + 1, allow_place=allow_place))
        for child in token.children:
            if child.dep_ == "conj":
                out.extend(self.actors(child, depth=depth + 1, allow_place=allow_place))
        return out

    def _antecedent(self, token: Token) -> Token:
        """The noun a relative pronoun stands for: "the country which sold ...", and the cleft
        "it was Khan who sold ...", often parsed as a complement of "was"."""
        if token.lower_ in RELATIVE_PRONOUNS and token.dep_ in SUBJECTS and token.head.dep_ == "relcl" \
                and token.head.head.i != token.head.i:
            return token.head.head  # "the country which sold ...": the relative clause's noun
        if token.lower_ in RELATIVE_PRONOUNS and token.dep_ in SUBJECTS and token.head.dep_ == "ccomp" \
                and token.head.head.lemma_ == "be" and any(c.dep_ == "attr" for c in token.head.head.children):
            # the cleft "it was Khan who sold ...", often parsed as a complement of "was"
            return next(c for c in token.head.head.children if c.dep_ == "attr")
        return token

    def _actor_entity(self, token: Token) -> Span | None:
        """The entity at `token`, unless it does not name the actor the phrase is about."""
        ent = self.ent_at.get(token.i)
        if ent is not None and ent.label_ == "DEMONYM" and ent.start > 0 and \
                self.doc[ent.start - 1].lower_ in self.lex.ethnic_markers:
            ent = None  # "three ethnic Albanians": a people, not the state of Albania
        elif ent is not None and ent.label_ in ACTOR_LABELS and self._is_qualifier(ent):
            ent = None  # "Yemen's Houthis": Yemen only says where the Houthis are
        elif ent is not None and ent.label_ in NER_ACTOR_LABELS and (
                token.lemma_.lower() in self.lex.institutions or token.lower_ in self.lex.institutions):
            ent = None  # "Ukraine's Foreign Ministry": the model's ORG yields to the state that owns it
        return ent

    def _institution_actors(self, token: Token, depth: int) -> list[Filler]:
        """"Ukraine's Foreign Ministry", "Russian officials", "representatives of the group": the
        actor an institution word belongs to."""
        out: list[Filler] = []
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                sub = self.ent_at.get(child.i)
                if sub is not None and sub.label_ in ACTOR_LABELS and self._is_qualifier(sub):
                    if child.dep_ == "poss":
                        continue  # "Somalia's al-Shabaab militants": the group named after it
                    break  # "Syrian rebels": the demonym only places them
                if sub is not None and sub.label_ in ACTOR_LABELS:
                    # "the U.S government", "Ukraine's Foreign Ministry": the state, written
                    # as the whole phrase
                    phrase = self.doc[min(sub.start, child.left_edge.i):token.i + 1]
                    out.append(replace(self._filler_from_ent(sub), text=phrase.text,
                                       start=phrase.start_char, end=phrase.end_char))
                    break
                if child.dep_ == "compound":
                    out.extend(self.actors(child, depth=depth + 1) or [
                        # "Switzerland's economic affairs secretariat": the owner on the compound
                        self._filler_from_ent(self.ent_at[g.i]) for g in child.children
                        if g.dep_ == "poss" and g.i in self.ent_at and self.ent_at[g.i].label_ in ACTOR_LABELS][:1])
                    if out:
                        break
        else:
            # "for its army from South Korea": an owner named by a possessive makes a "from" the
            # source of what the sentence is about, not the body's state
            owned = any(c.dep_ == "poss" for c in token.children)
            for child in token.children:
                # "representatives of the group", "security forces in Guinea"; "the junta in
                # Niger", "the government in Bamako": the place a ruling body sits in is its state
                if child.dep_ == "prep" and child.lower_ in (("of", "in") if owned else ("of", "from", "in")):
                    seated = child.lower_ == "in" and (token.lemma_.lower() in WORDS.seated_heads or
                                                       token.lower_ in WORDS.seated_heads)
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out.extend(a for a in self.actors(pobj, depth=depth + 1, allow_place=seated)
                                       if a.id or not seated)
        if not out:
            # the head noun may sit inside an entity whose head is elsewhere ("Houthi group")
            for child in token.children:
                if child.dep_ == "compound" and child.i in self.ent_at:
                    out.extend(self.actors(child, depth=depth + 1))
        return out

    def _described_actor(self, token: Token) -> list[Filler]:
        """"the Iran-backed Houthi group": an actor compound of a description. "US Airways",
        "Turkish Airlines": a name that a state only begins is a company's."""
        named = token.pos_ == "PROPN" and token.i not in self.ent_at
        for child in token.children:
            if child.dep_ in ("compound", "nmod", "amod") and child.i in self.ent_at:
                sub = self.ent_at[child.i]
                if named and child.dep_ == "compound" and sub.label_ in ("ACTOR", "DEMONYM") and \
                        self.kb is not None and sub.kb_id_ and self.kb.get(sub.kb_id_) is not None and \
                        self.kb.get(sub.kb_id_).kind == "state":
                    continue
                if sub.label_ in ACTOR_LABELS and not self._is_qualifier(sub):
                    return [self._filler_from_ent(sub)]
        return []

    def parties(self, token: Token | None) -> list[Filler]:
        """Actors of the phrase, or the phrase itself, unresolved, when it names a party in general
        terms ("terrorist groups", "buyers"): a transfer to "would-be terrorists" is still news."""
        found = self.actors(token)
        if found or token is None:
            return found
        if token.lemma_.lower() in self.lex.generic_actor_heads or token.lower_ in self.lex.generic_actor_heads:
            return [self.text_filler(token)]
        return []

    def place(self, token: Token, *, named: bool = False) -> Filler | None:
        """The place named at `token`; with `named`, any state, capital or demonym counts, for
        the callers that know the position is a place ("the Kabul bombing", "the Syrian war")."""
        ent = self.ent_at.get(token.i)
        if ent is not None and (ent._.usage == "place" or ent.label_ in ("GPE", "LOC", "FAC") or (
                named and ent.label_ in ACTOR_LABELS)):
            entity = self.kb.get(ent.kb_id_) if self.kb is not None and ent.kb_id_ else None
            return Filler("place", ent.text, ent.start_char, ent.end_char,
                          id=entity.id if entity else None,
                          name=(entity.capital if ent.label_ == "CAPITAL" and entity else
                                entity.name if entity else ent.text))
        return None

    def text_filler(self, token: Token) -> Filler:
        left = token.left_edge
        right = token
        for child in token.rights:
            if child.dep_ in ("compound", "amod", "nummod"):
                right = child
        span = self.doc[left.i:right.i + 1]
        return Filler("text", span.text, span.start_char, span.end_char)

    def item(self, token: Token | None) -> tuple[Filler | None, Quantity | None]:
        """The weapon in the noun phrase headed by `token`, and its quantity."""
        if token is None:
            return None, None
        head, quantity = self._amount_head(token)
        found = self._weapon_entity(head)
        if found is not None and self._homonym(found):
            found = None
        if found is None and (head.like_num or head.ent_type_ == "CARDINAL") and head.i + 1 < len(self.doc):
            # "the sale of four MQ-9 Reapers to Taiwan": the parser tears the count from the system
            # right after it and hangs the system elsewhere (issue 23)
            after = self.ent_at.get(head.i + 1)
            if after is not None and after.label_ in ITEM_LABELS and after.start == head.i + 1:
                return self._filler_from_ent(after), quantity or parse_quantity(head.text)
        if found is None and (system := self._system_after_maker(head)) is not None:
            return self._filler_from_ent(system), quantity or self._count(head, system)
        if found is None and (head.lower_ in self.lex.component_heads or head.lemma_.lower() in self.lex.component_heads):
            # "engines for India's Su-30 fighters": the system a part is for (the transfer reader
            # keeps it a component of that system)
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            sub, _ = self.item(pobj)
                            if sub is not None and sub.id:
                                return sub, quantity
        if found is None:
            for child in head.children:
                if child.dep_ == "conj":
                    sub, _ = self.item(child)
                    if sub is not None:
                        return sub, quantity
            return self._materiel_phrase(head) or self._item_named_before(head), quantity
        if not self._heads_item_phrase(found, head):
            # "arms embargo", "bomb threat" are not items; "nuclear weapons technology" is
            return self._materiel_phrase(head), quantity
        return self._weapon_filler(found, head), quantity if quantity is not None else self._count(head, found)

    def _system_after_maker(self, head: Token) -> Span | None:
        """"four Leonardo M-346 Block 20 trainers": the parser takes the maker's name for the
        phrase's head and hangs the system elsewhere; the system named right after a firm's name
        that heads the phrase (a state's, "sold Ukraine Bayraktar drones", is a party)."""
        ent = self.ent_at.get(head.i)
        if ent is None or ent.end != head.i + 1 or ent.end >= len(self.doc) or ent.label_ not in ("ACTOR", "ORG"):
            return None
        entity = self.kb.get(ent.kb_id_) if self.kb is not None and ent.kb_id_ else None
        if (entity.kind if entity is not None else ent.label_) not in ("company", "ORG"):
            return None
        system = self.ent_at.get(ent.end)
        return system if system is not None and system.label_ == "WEAPON" and system.start == ent.end else None

    def _item_named_before(self, head: Token) -> Filler | None:
        """"North Korea shipped artillery shells to Russia ... it had received the shells": a noun
        with a definite determiner whose word heads an item named earlier in the text is that
        item, written here (issue 23; "the shells" alone is no materiel)."""
        if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in WORDS.back_determiners
                                           for c in head.children):
            return None
        lemma = head.lemma_.lower()
        for ent in reversed(self.doc.ents):
            if ent.end <= head.left_edge.i and ent.label_ in ITEM_LABELS and ent.root.lemma_.lower() == lemma:
                earlier = self._filler_from_ent(ent)
                phrase = self.doc[head.left_edge.i:head.i + 1]
                return replace(earlier, text=phrase.text, start=phrase.start_char, end=phrase.end_char, via="coref")
        return None

    def _amount_head(self, token: Token) -> tuple[Token, Quantity | None]:
        """"thousands of drones", "a batch of missiles", "dozens of": the amount heads the phrase;
        the noun it is "of", and the amount; "the first three of a batch of drones": the first
        amount, the noun the last is "of"."""
        head, quantity = token, None
        if is_sum(head) or (head.lower_ in WORDS.value_heads and any(
                c.ent_type_ == "MONEY" for c in head.children)):
            # "$1 billion in military aid", "$300 million of weapons", "$50 million worth of
            # weapons": a sum is no count; what it is "in" or "of" heads the phrase (issue 23)
            pobj = next((c for child in head.children if child.dep_ == "prep" and child.lower_ in WORDS.money_preps
                         for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, None
        for _ in range(2):
            if not (head.lemma_.lower() in self.lex.quantity_containers or head.lower_ in self.lex.quantity_containers
                    or self.doc[head.i].ent_type_ == "CARDINAL"):
                break
            pobj = next((c for child in head.children if child.dep_ == "prep" and child.lower_ == "of"
                         for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                break
            if quantity is None:
                quantity = parse_quantity(self.doc[head.left_edge.i:head.i + 1].text)
            head = pobj
        return head, quantity

    def _weapon_entity(self, head: Token) -> Span | None:
        """The weapon entity of the phrase: a system before a category, in the phrase up to the
        head, else a system after it ("systems such as the S-400", "missiles, the Kh-101")."""
        found = None
        for i in range(head.left_edge.i, head.i + 1):
            ent = self.ent_at.get(i)
            if ent is not None and ent.label_ in ITEM_LABELS:
                if found is None or (found.label_ == "WEAPON_CAT" and ent.label_ == "WEAPON"):
                    found = ent
        if found is None:
            # a weapon after the head: "systems such as the S-400", "missiles, the Kh-101"
            for i in range(head.i + 1, head.right_edge.i + 1):
                ent = self.ent_at.get(i)
                if ent is not None and ent.label_ == "WEAPON" and ent.root.head.i in (head.i, *[c.i for c in head.children]):
                    found = ent
                    break
        return found

    def _weapon_filler(self, found: Span, head: Token) -> Filler:
        """The item filler of a weapon entity: a dual-use kind with no military word in the phrase
        is marked so; a system is named with the category the phrase spells out."""
        filler = self._filler_from_ent(found)
        if filler.category in self.lex.dual_use_kinds and not filler.id and not any(
                t.lower_ in self.lex.military_qualifiers or t.lemma_.lower() in self.lex.military_qualifiers
                for t in head.subtree):
            filler = Filler(filler.kind, filler.text, filler.start, filler.end, category=filler.category,
                            broad=filler.broad, via="dual-use")
        if found.label_ == "WEAPON":
            # name the system by its category too when the phrase spells one out
            for i in range(found.end, head.i + 1):
                cat = self.ent_at.get(i)
                if cat is not None and cat.label_ == "WEAPON_CAT":
                    filler = Filler("item", self.doc[found.start:cat.end].text, found.start_char,
                                    cat.end_char, id=filler.id, name=filler.name,
                                    category=filler.category, broad=filler.broad, via=filler.via)
                    break
        return filler

    def _count(self, head: Token, found: Span) -> Quantity | None:
        """How many of the weapon the phrase counts: a numeral on the head, else one before the
        name (a model number is no count)."""
        quantity = None
        for child in head.children:
            if found.start <= child.i < found.end:
                continue  # "Leopard 2 tanks", "Mirage 2000 jets": a model number, not a count
            if (child.dep_ == "nummod" and (child.like_num or child.ent_type_ == "CARDINAL")) or (
                    child.dep_ == "amod" and child.lower_ in WORDS.vague_counts):
                quantity = parse_quantity(self.doc[child.left_edge.i:child.i + 1].text)
                break
        if quantity is not None:
            return quantity
        # "96 AH-64 Apache helicopters", "40 F-16 jets": the parser takes a model number for a
        # numeral and hangs the count on it, so read the count before the name by position
        for i in range(head.left_edge.i, found.start):
            tok = self.doc[i]
            ent = self.ent_at.get(tok.i)
            if ent is not None and ent.label_ != "CARDINAL":
                continue
            if tok.like_num or tok.ent_type_ == "CARDINAL":
                start = tok.i
                while start > head.left_edge.i and self.doc[start - 1].dep_ in ("advmod", "quantmod") \
                        and self.doc[start - 1].head.i == tok.i:
                    start -= 1
                return parse_quantity(self.doc[start:tok.i + 1].text)
        return None

    def item_antecedent(self, token: Token) -> tuple[Filler | None, Quantity | None] | None:
        """The weapon a plural pronoun or a bare number stands for ("sold them to", "many of
        them supplied by", "has delivered six"): the nearest weapon named before it in the
        sentence or the one before."""
        quantity = None
        if token.lower_ in self.lex.quantity_containers:
            pobj = next((c for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                         for c in p.children if c.dep_ == "pobj"), None)
            if pobj is None:
                return None
            quantity = parse_quantity(self.doc[token.left_edge.i:token.i + 1].text)
            token = pobj
        count = next((c for c in token.children if c.dep_ == "nummod"), None)
        if token.lower_ in self.lex.counted_increments and count is not None and quantity is None and \
                token.dep_ in ("dobj", "nsubj", "nsubjpass"):
            # "operates TB2 drones and has ordered six more": the count is of the weapon before
            quantity = parse_quantity(count.text)
        elif token.pos_ == "NUM" and token.dep_ in ("dobj", "nsubj", "nsubjpass") and quantity is None:
            # "ordered 14 Rafale jets; France has delivered 6": a bare number counts the weapon
            # named before it
            quantity = parse_quantity(token.text)
        elif token.lower_ not in PLURAL_PRONOUNS:
            return None
        sent = token.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        found = []
        for i in range(token.i - 1, start - 1, -1):
            ent = self.ent_at.get(i)
            if ent is not None and ent.label_ in ITEM_LABELS and (not found or found[-1].start != ent.start):
                found.append(ent)
        if token.dep_ in SUBJECTS:
            # a subject pronoun takes up an earlier subject ("CBW agents are cheaper than nuclear
            # weapons; they are easy to acquire")
            found.sort(key=lambda e: e.root.dep_ not in SUBJECTS)
        for ent in found:
            item, q = self.item(ent.root)
            if item is not None:
                return item, quantity or q
        return None

    def _heads_item_phrase(self, ent: Span, head: Token) -> bool:
        """Whether the weapon name is what the phrase is about: each word it qualifies on the way
        up to the phrase head is itself a weapon, or a word like "systems"."""
        node = ent.root
        entity = self.kb.get(ent.kb_id_) if ent.label_ == "WEAPON" and ent.kb_id_ and self.kb is not None else None
        kinds = {singular(w) for w in str(getattr(entity, "category", "") or "").lower().split(" ") if w} \
            if entity is not None else set()
        for _ in range(6):
            if node.i == head.i or node.dep_ not in ("compound", "amod", "nmod", "npadvmod"):
                return True
            node = node.head
            if node.lemma_.lower() in kinds:
                # "AI-222 turbofan engines": an engine's own kind word, not a part of it; "Mi-8/17
                # transport (helicopters)": a word of its kind, the rest of the phrase gapped
                return True
            inside = self.ent_at.get(node.i)
            if not (inside is not None and inside.label_ in ITEM_LABELS) and \
                    node.lemma_.lower() not in self.lex.item_phrase_heads and \
                    node.lower_ not in self.lex.item_phrase_heads and not self._counted_kind(node):
                return False
        return True

    @staticmethod
    def _homonym(ent: Span) -> bool:
        """"turtle shells", "egg shells": a kind word that a qualifier makes something else; "Shell's
        Nigerian unit", "will buy Shell's pipelines": capitalised inside a sentence, or owning
        something, it is a name."""
        root = ent.root
        if root.lemma_.lower() not in WORDS.kind_homonyms:
            return False
        if any(c.dep_ == "case" for c in root.children):
            return True
        # a capital inside a sentence, on a bare singular: "bought the pipelines from Shell" (a
        # title-case headline's "Sends 10,000 Shells" is counted and plural)
        if root.text[:1].isupper() and root.i != root.sent.start and root.lower_ == root.lemma_.lower() and \
                not any(c.dep_ in ("nummod", "det") for c in root.children):
            return True
        return any(c.lemma_.lower() in WORDS.homonym_qualifiers for c in root.children if c.dep_ in ("compound", "amod", "nmod"))

    @staticmethod
    def _counted_kind(node: Token) -> bool:
        """"a C295 transport", "Mi-17 transport and Mi-35 attack helicopters": a kind word that
        also names an act is the system's kind when counted or coordinated with a weapon."""
        if node.lower_ not in WORDS.counted_kinds:
            return False
        return any(c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in WORDS.counting_determiners)
                   or (c.dep_ == "conj" and c.ent_type_ == "WEAPON_CAT") for c in node.children)

    def _materiel_phrase(self, head: Token, context: list[Token] | None = None) -> Filler | None:
        """'nuclear assistance', 'technology for its missile programme': materiel by its qualifier.

        `context` is a phrase outside the head's own that says what the head is for ("provided
        technology to the missile programmes of ..."): only weapon words count there, and the
        item's text stays the head's phrase."""
        if head.lemma_.lower() not in self.lex.materiel_heads and head.lower_ not in self.lex.materiel_heads:
            return None
        words = [t for t in head.subtree if t.i != head.i and t.i - head.i < 8]
        qualifiers = [t for t in words if t.lower_ in self.lex.materiel_words or t.lemma_.lower() in self.lex.materiel_words]
        if not qualifiers and context:
            purpose = [t for t in context if t.lower_ in WEAPON_PURPOSE_WORDS or t.lemma_.lower() in WEAPON_PURPOSE_WORDS]
            if purpose:
                nuclear = any(t.lower_ in NUCLEAR_WORDS for t in purpose)
                span = self.doc[head.left_edge.i:head.i + 1]
                return Filler("item", span.text, span.start_char, span.end_char,
                              category="dual-use technology" if nuclear else "military equipment", broad="other")
        if not qualifiers:
            return None
        nuclear = any(t.lower_ in NUCLEAR_WORDS for t in qualifiers)
        start = min(head.left_edge.i, *(t.i for t in qualifiers))
        end = max(head.i, *(t.i for t in qualifiers)) + 1
        span = self.doc[start:end]
        category = "dual-use technology" if nuclear else "military equipment"
        return Filler("item", span.text, span.start_char, span.end_char, category=category, broad="other")
