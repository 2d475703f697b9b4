"""Event mentions from a parsed Doc: triggers from the lexicon, roles from the dependency parse.

One `Mention` per trigger; `extract/merge.py` then joins the mentions of one event within an
article. Everything here reads spaCy objects; what leaves is `Mention` with `Filler` records.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..records import EventType, Filler, Quantity, Realis, StatementKind, Status
from ..resolve.dates import resolve_date
from ..resolve.quantities import parse_quantity
from .lexicon import Lexicon, lexicon

ACTOR_LABELS = {"ACTOR", "DEMONYM", "CAPITAL", "SEAT"}
ITEM_LABELS = {"WEAPON", "WEAPON_CAT"}
NER_ACTOR_LABELS = {"ORG", "NORP", "GPE", "PERSON"}
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
NEGATIVE_DETS = {"no", "neither", "none"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
PLURAL_PRONOUNS = {"them", "they", "these", "those"}
NUCLEAR_WORDS = {"nuclear", "fissile", "uranium", "enrichment", "centrifuge", "centrifuges", "plutonium"}
# weapon words that make a purpose phrase military: "assistance in its missile production",
# "materials for an enriched uranium plant" (not "military", "defence": too loose out of the phrase)
WEAPON_PURPOSE_WORDS = {"nuclear", "missile", "missiles", "weapon", "weapons", "ballistic", "chemical",
                        "biological", "fissile", "uranium", "plutonium", "enrichment", "centrifuge",
                        "centrifuges", "warhead", "warheads", "rocket", "rockets", "munitions", "drone",
                        "drones"}


@dataclass
class Mention:
    type: EventType
    trigger: Token
    sent: Span
    roles: dict[str, list[Filler]] = field(default_factory=dict)
    status: Status | None = None
    negated: bool = False
    hedges: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    confirmed_by: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)
    confirmed_on: str | None = None
    reported_on: str | None = None
    when: str | None = None
    quantity: Quantity | None = None
    count: str | None = None
    kind: StatementKind | None = None
    about: "Mention | None" = None
    reason: str | None = None
    measure: str | None = None
    covers: str | None = None        # SANCTION: what it restricts, as written ("arms", "exports of machine tools")
    lifted: bool = False            # SANCTION: the text reports it lifted, eased or waived
    standalone: bool = False        # an event even with no party named ("the summit")
    realis: Realis = Realis.ACTUAL
    main: bool = True
    # TRANSFER: further items conjoined with the first ("tanks and howitzers"), each with its
    # own count and the sides it names itself ("and drones from Iran"); `split_parties` makes
    # one transfer of each
    more_items: list[tuple[Filler, Quantity | None, dict[str, list[Filler]]]] = field(default_factory=list)

    def add(self, role: str, fillers: list[Filler]) -> None:
        if not fillers:
            return
        current = self.roles.setdefault(role, [])
        seen = {(f.id, f.start) for f in current}
        for filler in fillers:
            if (filler.id, filler.start) not in seen:
                current.append(filler)
                seen.add((filler.id, filler.start))

    def first(self, role: str) -> Filler | None:
        fillers = self.roles.get(role)
        return fillers[0] if fillers else None


class FrameReader:
    """Reads the mentions of one Doc."""

    def __init__(self, doc: Doc, published: date | None = None, lex: Lexicon | None = None):
        self.doc = doc
        self.published = published
        self.lex = lex or lexicon()
        self.kb = doc._.kb
        self.ent_at: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent

    # ---- fillers ----------------------------------------------------------------------
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
            return Filler(kind, ent.text, ent.start_char, ent.end_char, via="ner")
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
        if token.lower_ in RELATIVE_PRONOUNS and token.dep_ in SUBJECTS and token.head.dep_ == "relcl" \
                and token.head.head.i != token.head.i:
            token = token.head.head  # "the country which sold ...": the relative clause's noun
        elif token.lower_ in RELATIVE_PRONOUNS and token.dep_ in SUBJECTS and token.head.dep_ == "ccomp" \
                and token.head.head.lemma_ == "be" and any(c.dep_ == "attr" for c in token.head.head.children):
            # the cleft "it was Khan who sold ...", often parsed as a complement of "was"
            token = next(c for c in token.head.head.children if c.dep_ == "attr")
        out: list[Filler] = []
        ent = self.ent_at.get(token.i)
        if ent is not None and ent.label_ == "DEMONYM" and ent.start > 0 and \
                self.doc[ent.start - 1].lower_ in self.lex.ethnic_markers:
            ent = None  # "three ethnic Albanians": a people, not the state of Albania
        elif ent is not None and ent.label_ in ACTOR_LABELS and self._is_qualifier(ent):
            ent = None  # "Yemen's Houthis": Yemen only says where the Houthis are
        elif ent is not None and ent.label_ in NER_ACTOR_LABELS and (
                token.lemma_.lower() in self.lex.institutions or token.lower_ in self.lex.institutions):
            ent = None  # "Ukraine's Foreign Ministry": the model's ORG yields to the state that owns it
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
            # "Ukraine's Foreign Ministry", "Russian officials", "representatives of the group"
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    sub = self.ent_at.get(child.i)
                    if sub is not None and sub.label_ in ACTOR_LABELS and self._is_qualifier(sub):
                        break  # "Syrian rebels": the demonym only places them
                    if sub is not None and sub.label_ in ACTOR_LABELS:
                        # "the U.S government", "Ukraine's Foreign Ministry": the state, written
                        # as the whole phrase
                        phrase = self.doc[min(sub.start, child.left_edge.i):token.i + 1]
                        out.append(replace(self._filler_from_ent(sub), text=phrase.text,
                                           start=phrase.start_char, end=phrase.end_char))
                        break
                    if child.dep_ == "compound":
                        out.extend(self.actors(child, depth=depth + 1))
                        if out:
                            break
            else:
                for child in token.children:
                    # "representatives of the group", "security forces in Guinea"
                    if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                out.extend(self.actors(pobj, depth=depth + 1))
            if not out:
                # the head noun may sit inside an entity whose head is elsewhere ("Houthi group")
                for child in token.children:
                    if child.dep_ == "compound" and child.i in self.ent_at:
                        out.extend(self.actors(child, depth=depth + 1))
        else:
            # "the Iran-backed Houthi group": an actor compound of a description
            # "US Airways", "Turkish Airlines": a name that a state only begins is a company's
            named = token.pos_ == "PROPN" and token.i not in self.ent_at
            for child in token.children:
                if child.dep_ in ("compound", "nmod", "amod") and child.i in self.ent_at:
                    sub = self.ent_at[child.i]
                    if named and child.dep_ == "compound" and sub.label_ in ("ACTOR", "DEMONYM") and \
                            self.kb is not None and sub.kb_id_ and self.kb.get(sub.kb_id_) is not None and \
                            self.kb.get(sub.kb_id_).kind == "state":
                        continue
                    if sub.label_ in ACTOR_LABELS and not self._is_qualifier(sub):
                        out.append(self._filler_from_ent(sub))
                        break
        if not out:
            # "countries such as North Korea and Russia", "several states, including Iran"
            for child in token.children:
                such_as = child.lower_ == "as" and child.i > 0 and self.doc[child.i - 1].lower_ == "such"
                if child.dep_ == "prep" and (child.lower_ in ("including", "like") or such_as):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out.extend(self.actors(pobj, depth=depth + 1, allow_place=allow_place))
        for child in token.children:
            if child.dep_ == "conj":
                out.extend(self.actors(child, depth=depth + 1, allow_place=allow_place))
        return out

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
        quantity = None
        head = token
        # "thousands of drones", "a batch of missiles", "dozens of" : the amount heads the phrase
        if head.lemma_.lower() in self.lex.quantity_containers or head.lower_ in self.lex.quantity_containers \
                or self.doc[head.i].ent_type_ == "CARDINAL":
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        quantity = parse_quantity(self.doc[head.left_edge.i:head.i + 1].text)
                        head = pobj
                        break
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
            return self._materiel_phrase(head), quantity
        if not self._heads_item_phrase(found, head):
            # "arms embargo", "bomb threat" are not items; "nuclear weapons technology" is
            return self._materiel_phrase(head), quantity
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
        if quantity is None:
            for child in head.children:
                if found.start <= child.i < found.end:
                    continue  # "Leopard 2 tanks", "Mirage 2000 jets": a model number, not a count
                if (child.dep_ == "nummod" and (child.like_num or child.ent_type_ == "CARDINAL")) or (
                        child.dep_ == "amod" and child.lower_ in ("several", "numerous")):
                    quantity = parse_quantity(self.doc[child.left_edge.i:child.i + 1].text)
                    break
        if quantity is None:
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
                    quantity = parse_quantity(self.doc[start:tok.i + 1].text)
                    break
        return filler, quantity

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
        if token.pos_ == "NUM" and token.dep_ in ("dobj", "nsubj", "nsubjpass") and quantity is None:
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
        for _ in range(6):
            if node.i == head.i or node.dep_ not in ("compound", "amod", "nmod", "npadvmod"):
                return True
            node = node.head
            inside = self.ent_at.get(node.i)
            if not (inside is not None and inside.label_ in ITEM_LABELS) and \
                    node.lemma_.lower() not in self.lex.item_phrase_heads and node.lower_ not in self.lex.item_phrase_heads:
                return False
        return True

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

    # ---- clause context ---------------------------------------------------------------
    def chain(self, token: Token, limit: int = 6) -> list[Token]:
        """`token` and the words that govern it, nearest first."""
        out = [token]
        while token.head.i != token.i and len(out) < limit:
            token = token.head
            out.append(token)
        return out

    def clause_verb(self, token: Token) -> Token:
        """The verb a noun trigger hangs from ("launching" in "launching attacks")."""
        node = token
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        return node

    def subject_of(self, verb: Token, *, through_nouns: bool = False) -> Token | None:
        """The doer of `verb`: its subject, or that of the clause, adjective ("willing to sell") or
        preposition ("succeeded in obtaining", "accused of supplying") it depends on; with
        `through_nouns`, also the doer of the noun ("Burmese plans to buy", "the willingness of X
        to supply", "cases of Iran receiving"). Only the transfer reader asks for nouns: it reads
        the noun's modality ("refusal", "offer") into the status, which the other readers do not."""
        node = verb
        through_prep = through_xcomp = False
        prep = None
        for _ in range(5):
            if prep is not None and prep.lower_ != "by" and node.lemma_.lower() in self.lex.object_control:
                # object control: "banned Hezbollah from acquiring", "accused Iran of supplying"
                # ("helped Kyiv by supplying" is a means: the subject supplies)
                obj = next((c for c in node.children if c.dep_ == "dobj" and c.i < prep.i), None)
                if obj is not None:
                    return obj
                prep = None
            for child in node.children:
                # "North Korea is believed to have provided": a passive verb's subject is that of
                # the infinitive it takes
                if child.dep_ in ("nsubj", "csubj") or ((through_prep or through_xcomp) and child.dep_ == "nsubjpass"):
                    return child
            if node.i != verb.i and node.pos_ in ("NOUN", "PROPN"):
                return self._noun_agent(node) if through_nouns else None
            if node.dep_ == "xcomp" and node.head.i != node.i and node.i == verb.i:
                # "urged Germany to supply", "called on Berlin to deliver": the one asked does it
                head = node.head
                asked = [c for c in head.children if c.dep_ == "dobj" and c.i < node.i] if \
                    head.lemma_.lower() in self.lex.asking_verbs else []
                asked += [o for p in head.children if p.dep_ == "prep" and p.i < node.i and
                          f"{head.lemma_.lower()} {p.lower_}" in self.lex.asking_verbs
                          for o in p.children if o.dep_ == "pobj"]
                if asked:
                    return asked[0]
            if node.dep_ in ("xcomp", "conj", "advcl", "acl", "ccomp", "acomp", "pcomp", "prep") \
                    and node.head.i != node.i:
                if node.dep_ in ("ccomp",):
                    return None
                if node.dep_ == "conj" and node.pos_ != node.head.pos_:
                    return None  # a verb coordinated with a noun is a misparse
                if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in ("NOUN", "PROPN") \
                        and through_nouns:
                    # "countries receiving aid", "cases of Iran receiving assistance"
                    return self._noun_agent(node.head, itself=True)
                if node.dep_ == "prep" and node.head.pos_ not in ("NOUN", "PROPN", "VERB", "AUX", "ADJ"):
                    return None
                through_prep = through_prep or node.dep_ in ("pcomp", "prep")
                through_xcomp = node.dep_ == "xcomp"
                prep = node if node.dep_ == "prep" else prep
                node = node.head
            else:
                return None
        return None

    def _noun_agent(self, noun: Token, *, itself: bool = False) -> Token | None:
        """Who does what a noun names: the noun itself when it is an actor (with `itself`), else its
        possessor, an actor modifier ("Burmese plans"), or its "of"/"by" phrase."""
        if itself and self.actors(noun):
            return noun
        for child in noun.children:
            if child.dep_ == "poss":
                return child
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i in self.ent_at and \
                    self.ent_at[child.i].label_ in ACTOR_LABELS:
                return child
        for prep in noun.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("of", "by"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and self.actors(pobj):
                        return pobj
        return None

    def negated(self, trigger: Token) -> bool:
        for node in self.chain(trigger, 4):
            if node.dep_ in ("pcomp", "pobj") and node.head.lower_ == "without":
                return True  # "without importing nuclear material"
            for child in node.children:
                if child.dep_ == "neg":
                    return True
                if child.dep_ in SUBJECTS + ("dobj",) and any(
                        d.lower_ in NEGATIVE_DETS for d in child.children if d.dep_ == "det"):
                    return True
                if child.lower_ in ("no", "never") and child.dep_ in ("det", "advmod"):
                    return True
            if node.dep_ not in ("xcomp", "aux", "auxpass") and node.i != trigger.i:
                break
        return False

    def modal(self, trigger: Token) -> str | None:
        for node in self.chain(trigger, 3):
            for child in node.children:
                if child.dep_ == "aux":
                    if child.lower_ in ("will", "'ll", "shall", "wo"):
                        return "future"
                    if child.lower_ == "would" and node.dep_ == "ccomp" and \
                            node.head.lemma_.lower() in self.lex.attribution:
                        return "future"  # "said it would transfer 18 more jets": a pledge reported
                    if child.lower_ in ("may", "might", "could", "would", "should", "can"):
                        return "weak"
            if node.dep_ not in ("xcomp", "acomp") and node.i != trigger.i:
                break  # "could be willing to sell": through the adjective to its verb
        return None

    # links along which the words above a trigger still speak of its event
    _REALIS_LINKS = frozenset({"xcomp", "dobj", "pobj", "prep", "conj", "nsubj", "nsubjpass", "pcomp",
                               "acomp", "attr", "oprd", "ccomp", "acl", "csubj", "advcl"})

    def realis(self, trigger: Token) -> tuple[Realis, bool]:
        """Whether the trigger's event happened, from the words above it ("threatened to shell",
        "will visit", "an offer of talks", "if war starts"), and whether one of them refuses it
        ("refused to meet"). Stops at a reporting verb, and at a noun that does not frame events:
        in "refused assistance to the war" the war is real."""
        lex = self.lex
        found, refused = Realis.ACTUAL, False

        def raise_to(value: Realis) -> None:
            nonlocal found
            if value.rank > found.rank:
                found = value

        for child in trigger.children:
            if child.dep_ in ("amod", "compound") and child.lower_ in lex.planned_modifiers:
                raise_to(Realis.PLANNED)
            elif child.dep_ in ("amod", "compound") and child.lower_ in lex.possible_modifiers:
                raise_to(Realis.POSSIBLE)
        node = trigger
        for _ in range(8):
            lemma = node.lemma_.lower()
            if node.i != trigger.i:
                if node.pos_ == "VERB" and lemma in lex.attribution:
                    break
                if node.pos_ in ("NOUN", "PROPN") and lemma not in lex.framing_nouns:
                    break
                kind = lex.realis_words.get(lemma)
                if lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in node.children):
                    kind = "refused"
                if kind == "refused":
                    refused = True
                elif kind == "planned":
                    raise_to(Realis.PLANNED)
                elif kind == "possible":
                    raise_to(Realis.POSSIBLE)
            if node.pos_ in ("VERB", "AUX", "ADJ") or node.i == trigger.i:
                for child in node.children:
                    word = child.lower_
                    if child.dep_ == "aux" and word in lex.planned_modals:
                        raise_to(Realis.PLANNED)
                    elif child.dep_ == "aux" and word in lex.possible_modals:
                        raise_to(Realis.POSSIBLE)
                    elif child.dep_ == "mark" and word in lex.conditional_marks:
                        raise_to(Realis.POSSIBLE)
            if node.dep_ not in self._REALIS_LINKS or node.head.i == node.i:
                break
            if node.dep_ == "advcl":
                if any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
                    raise_to(Realis.PLANNED)  # "demanded a meeting to discuss ...": a purpose
                break  # an adverbial clause is its own event; only its own "if" counted
            if node.dep_ == "prep" and node.head.pos_ == "VERB" and \
                    any(c.dep_ == "dobj" for c in node.head.children):
                break  # "refused to commit troops to the war": the war is where troops go, not refused
            node = node.head
        return found, refused

    def is_main(self, trigger: Token) -> bool:
        """Whether the sentence reports this event, or mentions it in passing: "Palestinians
        blamed Israel for the bombing" reports a blame; "refugees fleeing the war", "a guard
        involved in a shooting", "since last month's invasion" are background."""
        lex = self.lex
        node = trigger
        for _ in range(10):
            dep, head = node.dep_, node.head
            if dep == "ROOT" or head.i == node.i:
                return True
            if dep in ("conj", "xcomp", "appos", "parataxis", "ccomp"):
                node = head  # "began shelling", "said Israel attacked": as main as what governs it
                continue
            if dep == "compound" and head.lemma_.lower() in lex.event_frame_nouns:
                node = head  # "a mediation mission", "a bombing campaign"
                continue
            if dep in ("acl", "advcl", "relcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
                node = head  # "talks to transfer missiles", "met to discuss": the purpose is the news
                continue
            if node.pos_ in ("NOUN", "PROPN"):
                if dep in ("nsubj", "nsubjpass", "attr"):
                    node = head
                    continue
                if dep == "dobj" and (head.lemma_.lower() in lex.carrier_verbs or
                                      head.lemma_.lower() in lex.attribution):
                    node = head
                    continue
                if dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") and \
                        head.head.lemma_.lower() in lex.carrier_prep_verbs:
                    node = head.head
                    continue
            return False
        return True

    def status_word(self, node: Token) -> str | None:
        """The status a governing word implies, a phrasal verb first: "called off" is cancelled,
        "called for" requested, and "called the reports fake" neither."""
        word = node.lemma_.lower()
        phrasal = [self.lex.status_context.get(f"{word} {c.lower_}") for c in node.children
                   if c.dep_ in ("prt", "prep", "advmod")]
        return next((p for p in phrasal if p), None) or self.lex.status_context.get(word)

    def status_from_context(self, trigger: Token) -> tuple[Status | None, bool]:
        """The status the governing words imply, and whether a governing word is negated.

        The nearest governing word decides ("talks on the supply"), except that cancelling
        governs whatever it cancels: "cancelled a deal to buy", "pulled out of the contract for",
        "suspended talks on the supply" are cancelled however far the deal word sits."""
        found: tuple[Status | None, bool] = (None, False)
        for node in self.chain(trigger, 6)[1:]:
            if node.pos_ == "NOUN" and (node.lower_ in self.lex.report_nouns or node.lemma_.lower() in self.lex.report_nouns):
                break  # "rejected claims that it had sold": what is said of the claims is stance, not status
            status = self.status_word(node)
            if status is None:
                continue
            neg = any(c.dep_ == "neg" for c in node.children) or any(
                c.dep_ == "neg" for c in node.head.children) if node.pos_ == "NOUN" else \
                any(c.dep_ == "neg" for c in node.children)
            if found[0] is None:
                found = (Status(status), neg)
            elif status == Status.CANCELLED and not neg and found[0] != Status.CANCELLED:
                return Status.CANCELLED, False
            if found[0] == Status.CANCELLED:
                break
        return found

    def event_date(self, trigger: Token) -> str | None:
        """The date of the trigger's event, also when it sits on an onset noun governing it
        ("the start of the invasion in February 2022")."""
        when = self.date_of(trigger)
        if when is None and trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and \
                trigger.head.head.lemma_.lower() in self.lex.onset_nouns:
            when = self.date_of(trigger.head.head)
        return when

    def date_of(self, token: Token) -> str | None:
        """A date attached to `token` ("on Sept. 24", "in 2024", "last week")."""
        for child in token.children:
            ent = self.ent_at.get(child.i)
            if ent is not None and ent.label_ == "DATE" and child.dep_ in ("npadvmod", "tmod", "nmod"):
                return resolve_date(ent.text, self.published)
            if child.dep_ == "prep" and child.lower_ in ("on", "in", "during", "since", "by", "at"):
                for pobj in child.children:
                    ent = self.ent_at.get(pobj.i)
                    if ent is not None and ent.label_ == "DATE":
                        return resolve_date(ent.text, self.published)
        return None

    # ---- attribution ------------------------------------------------------------------
    def attribution(self, mention: Mention) -> None:
        sent = mention.sent
        text_lower = sent.text.lower()
        if text_lower.rstrip().rstrip("\"'\u201d\u2019").endswith("?"):
            mention.hedges.append("question")  # "Is China arming Russia?" asserts nothing
        for word in self.lex.hedges:
            if any(t.lower_ == word for t in sent):
                mention.hedges.append(word)
        for phrase in self.lex.hedge_phrases:
            if phrase in text_lower:
                mention.hedges.append(phrase)
        trigger = mention.trigger
        for node in self.chain(trigger, 4)[1:]:
            # "declined to comment on reports that it bought", "allegations of arms shipments":
            # the text only says the event is reported
            if node.pos_ == "NOUN" and (node.lower_ in self.lex.report_nouns or node.lemma_.lower() in self.lex.report_nouns):
                mention.hedges.append("reports")
                break
        for token in sent:
            lemma = token.lemma_.lower()
            if token.pos_ != "VERB" or lemma not in self.lex.attribution:
                if token.lower_ == "according":
                    for prep in token.children:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                mention.sources.append(self._source_text(pobj))
                continue
            if token.i == trigger.i:
                continue
            if lemma == "cite":
                for child in token.children:
                    if child.dep_ == "dobj":
                        mention.sources.append(self._source_text(child))
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in ("it", "he", "she", "they", "we", "i"):
                mention.sources.append(self._source_text(subject))
            if lemma == "tell":
                for child in token.children:
                    if child.dep_ in ("dobj", "dative") and child.i in self.ent_at:
                        mention.sources.append(self._source_text(child))
            when = self.date_of(token)
            if when and lemma in ("report", "say", "tell", "announce", "claim", "state"):
                mention.reported_on = mention.reported_on or when
        mention.sources = list(dict.fromkeys(s for s in mention.sources if s))

    def _source_text(self, token: Token) -> str:
        span = self.doc[token.left_edge.i:token.right_edge.i + 1]
        text = span.text.strip(" ,\"'“”")
        if text.lower().startswith("the ") and token.i in self.ent_at:
            text = text[4:]
        return text

    FIRST_PERSON = frozenset({"we", "us", "our", "i", "me"})

    def reported_denial(self, mention: Mention) -> None:
        """A negated transfer in someone's reported words is that party's denial, not nothing:
        '"We have never supplied drones to Russia," Iran's foreign ministry said', "Iran said in
        a statement that it had not sent any drones". The speaker (a resolved actor) denies it;
        "we" in the clause is the speaker. The author's own negation ("Germany has not sent
        Taurus missiles") stays unreported: no one is cited as saying it."""
        if mention.type != EventType.TRANSFER or not mention.negated:
            return
        for node in self.chain(mention.trigger, 5)[1:]:
            if node.pos_ != "VERB" or node.lemma_.lower() not in self.lex.attribution:
                continue
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            speaker = [f for f in self.actors(subject) if f.id] if subject is not None else []
            if not speaker or any(c.dep_ == "neg" for c in node.children):
                return
            for role in ("supplier", "recipient"):
                fillers = mention.roles.get(role) or []
                if fillers and all(f.text.lower() in self.FIRST_PERSON for f in fillers):
                    mention.roles[role] = [replace(f, id=speaker[0].id, name=speaker[0].name, via="coref")
                                           for f in fillers]
            we = next((c for c in mention.trigger.children if c.dep_ in ("nsubj", "nsubjpass")
                       and c.lower_ in self.FIRST_PERSON), None)
            entry = self.lex.transfer_verbs.get(mention.trigger.lemma_.lower()) or {}
            if we is not None and entry.get("frame") in ("give", "get"):
                # "we have never supplied": the subject's side is the speaker's
                role = "supplier" if (entry["frame"] == "give") == (we.dep_ == "nsubj") else "recipient"
                if not mention.roles.get(role):
                    mention.roles[role] = [replace(speaker[0], text=we.text, start=we.idx,
                                                   end=we.idx + len(we.text), via="coref")]
            if not (mention.roles.get("supplier") or mention.roles.get("recipient")):
                return
            mention.negated = False
            mention.denied_by.extend(f.id for f in speaker)
            return

    def _judged_false(self, verb: Token) -> bool:
        """Whether a judging verb calls its object false: "called the reports fake", "described the
        claims as baseless", "dismissed them as propaganda". The small model hangs the judgement
        anywhere in the object's phrase, so any judgement word after the object's head counts."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if not objects:
            return False
        after = objects[0].i
        return any(t.i > after and (t.lemma_.lower() in self.lex.denial_judgements or
                                    t.lower_ in self.lex.denial_judgements)
                   for t in verb.subtree) or any(
            w.lemma_.lower() in self.lex.denial_judgements
            for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for w in p.children)

    def statements_over(self, mention: Mention) -> None:
        """Confirmations and denials that govern the trigger ("the U.S. confirmed that ...")."""
        for node in self.chain(mention.trigger, 6)[1:]:
            lemma = node.lemma_.lower()
            kind = next((k for k, words in self.lex.statement.items() if lemma in words), None)
            if lemma in self.lex.judging_verbs and self._judged_false(node):
                kind = "deny"  # "the Kremlin called the reports of Iranian drone deliveries fake"
            if kind not in ("confirm", "deny"):
                continue
            speaker = self.actors(self.subject_of(node))
            ids = [f.id for f in speaker if f.id]
            trigger = mention.trigger
            if mention.type == EventType.TRANSFER and not mention.roles.get("supplier") and \
                    any(c.dep_ == "auxpass" for c in trigger.children) and not any(
                        c.dep_ == "agent" for c in trigger.children):
                # "Rosoboronexport confirmed that the first Su-35s had been delivered to Algeria":
                # an arms company speaking of its goods delivered, by no one named, delivered them
                makers = [f for f in speaker if f.state]
                if makers and not any(f.id in ids for f in mention.roles.get("recipient") or []):
                    mention.roles["supplier"] = makers[:1]
            if kind == "confirm" and not any(c.dep_ == "neg" for c in node.children):
                mention.confirmed_by.extend(ids)
                mention.confirmed_on = mention.confirmed_on or self.date_of(node)
            elif kind == "deny" or any(c.dep_ == "neg" for c in node.children):
                mention.denied_by.extend(ids)
            break

