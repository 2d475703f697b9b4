"""armstrack's spaCy components. Finding matches and writing them onto the Doc are separate steps.

Entity labels we write:
    ACTOR     a state, organisation, armed group or company named in the knowledge base
    DEMONYM   "Iranian", "Emirati": an actor as modifier
    CAPITAL   "Tehran", "Moscow": actor or place, decided by the metonymy component
    SEAT      "the Kremlin", "the White House": actor (or place after "in"/"at")
    WEAPON    a weapon system in the knowledge base
    WEAPON_CAT  a generic category head ("anti-ship missiles", "drones")
    PLACE     a place (a capital after "in", a state as location, a model GPE/LOC/FAC)
The model's own entities are kept where they do not overlap ours.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..resolve.kb import KnowledgeBase, load_kb
from ..resources import load_yaml
from .lines import wire_labels

ACTOR_LABELS = {"ACTOR", "DEMONYM", "CAPITAL", "SEAT"}
ITEM_LABELS = {"WEAPON", "WEAPON_CAT"}

for _name, _default in [("kb_candidates", None), ("usage", None), ("affiliation", None), ("person", False)]:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
if not Token.has_extension("coref"):
    Token.set_extension("coref", default=None)
if not Doc.has_extension("kb"):
    Doc.set_extension("kb", default=None)


_FORM_LABEL = {"demonym": "DEMONYM", "capital": "CAPITAL", "seat": "SEAT"}


class KBRuler:
    """Marks every knowledge-base name as an entity; our entities win over the model's."""

    def __init__(self, nlp: Language, name: str, kb_dirs: list[str]):
        self.name = name
        self.kb: KnowledgeBase = load_kb(tuple(kb_dirs))
        self.institutions = {w.lower() for w in load_yaml("patterns/actors.yaml")["institution_heads"]}
        modality = load_yaml("patterns/modality.yaml")
        self.component_heads = set(modality["component_heads"])
        # "HIMARS ammunition" is ammunition for the system, not the system
        self.kind_heads = set(modality["item_phrase_heads"]) - self.component_heads - set(modality["ammunition_heads"])

    def find(self, doc: Doc) -> list[Span]:
        spans = []
        for match in self.kb.match(doc.text):
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None:
                continue
            ids = match.entity_ids
            entity = self.kb.entities.get(ids[0])
            if entity is None:
                continue
            if entity.kind in ("weapon", "generic"):
                label = "WEAPON" if entity.kind == "weapon" else "WEAPON_CAT"
            else:
                label = _FORM_LABEL.get(match.form, "ACTOR")
            kb_id = ids[0] if len(ids) == 1 else ""
            new = Span(doc, span.start, span.end, label=label, kb_id=kb_id)
            new._.kb_candidates = ids if len(ids) > 1 else None
            spans.append(new)
        return spans

    def extend_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A named weapon and the kind word right after it are one item: "Su-35 fighters",
        "Shahed-136 drones" (the small parser often tears them apart), but "F-16 parts" stays a
        part of the system, never the system."""
        by_start = {span.start: span for span in spans}
        out, skip = [], set()
        for span in spans:
            if id(span) in skip:
                continue
            if span.label_ == "WEAPON" and span.end < len(doc):
                nxt = doc[span.end]
                word = nxt.lower_
                follow = by_start.get(span.end)
                if word in self.kind_heads and (
                        follow is None or (follow.label_ == "WEAPON_CAT" and len(follow) == 1)):
                    if follow is not None:
                        skip.add(id(follow))
                    new = Span(doc, span.start, span.end + 1, label="WEAPON", kb_id=span.kb_id_)
                    new._.kb_candidates = span._.kb_candidates
                    out.append(new)
                    continue
            out.append(span)
        return out

    def resolve_ambiguous(self, spans: list[Span]) -> None:
        """An ambiguous name takes the candidate the same text names unambiguously elsewhere
        ("the Strela-10 ... the Strela"); otherwise it stays unresolved, candidates kept."""
        named = {span.kb_id_ for span in spans if span.kb_id_}
        for span in spans:
            candidates = span._.kb_candidates
            if candidates:
                known = [c for c in candidates if c in named]
                if len(known) == 1:
                    span.kb_id = span.doc.vocab.strings.add(known[0])

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc._.kb = self.kb
        self.resolve_ambiguous(spans)
        # a generic head inside a longer named match loses; among equals the KB wins
        # "Air Canada", "Bank of America": a state name inside a longer organisation name the
        # model found is part of that name, not the state
        # ... but "the U.S. Treasury", "Russia's Defence Ministry" are the state's own institutions
        # ... and a wire label fused with a name is no name ("EXCLUSIVE-Russia": issue 23)
        labels = {i for start, end in wire_labels(doc.text)
                  if (label := doc.char_span(start, end, alignment_mode="expand")) is not None
                  for i in range(label.start, label.end)}
        orgs = [ent for ent in doc.ents if ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "PRODUCT") and len(ent) > 1
                and ent.root.lemma_.lower() not in self.institutions and ent.root.lower_ not in self.institutions
                and ent.start not in labels]
        org_starts = [org.start for org in orgs]
        kept = []
        for span in spans:
            # the model's entities never overlap, so the last one starting before the span is the
            # only one that can hold it: a lookup, not a pass over every organisation per name
            k = bisect_left(org_starts, span.start) - 1
            inside = k >= 0 and span.end <= orgs[k].end
            if inside and span.label_ in ("ACTOR", "CAPITAL") and self.kb.get(span.kb_id_) is not None \
                    and self.kb.get(span.kb_id_).kind == "state":
                continue
            kept.append(span)
        ours = filter_spans(kept)
        # a leader the base holds as a state's organ ("Zelensky") that the model read as a person
        # stays one for the pronouns that take it up (Coref)
        people = {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
        taken = set()
        for span in ours:
            taken.update(range(span.start, span.end))
            if span.label_ == "ACTOR" and people.issuperset(range(span.start, span.end)):
                span._.person = True
        model = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        doc.set_ents(filter_spans(ours + model))
        doc.spans["kb"] = ours

    def abbreviations(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"the Government of the Republic of Fiji (GoRF) ... the GoRF": an
        abbreviation defined in parentheses right after a state's name, or a government's or
        ministry's name of it, stands for that state wherever the text uses it (issue 23)."""
        taken = {i for span in spans for i in range(span.start, span.end)}
        found: dict[str, str] = {}
        for span in spans:
            entity = self.kb.entities.get(span.kb_id_) if span.kb_id_ else None
            if span.label_ != "ACTOR" or entity is None or entity.kind != "state" or span.end + 2 >= len(doc):
                continue
            opening, word, closing = doc[span.end], doc[span.end + 1], doc[span.end + 2]
            if opening.text != "(" or closing.text != ")" or word.i in taken or not word.is_alpha or \
                    not 2 <= len(word.text) <= 8 or sum(c.isupper() for c in word.text) < 2:
                continue
            before = doc[span.start - 1] if span.start > 0 else None
            if before is not None and before.lower_ == "of" and before.i > 0:
                owner = doc[before.i - 1]
                while owner.lower_ in ("the", "of", "republic", "kingdom", "state") and owner.i > 0:
                    owner = doc[owner.i - 1]
                if owner.lemma_.lower() not in self.institutions and owner.lower_ not in self.institutions:
                    continue  # "the Bank of America (BoA)" is no name of the state
            found.setdefault(word.text, span.kb_id_)
        out = list(spans)
        for token in doc:
            kb_id = found.get(token.text)
            if kb_id is not None and token.i not in taken:
                out.append(Span(doc, token.i, token.i + 1, label="ACTOR", kb_id=kb_id))
        return sorted(out, key=lambda span: span.start)

    def __call__(self, doc: Doc) -> Doc:
        spans = self.find(doc)
        self.set_annotations(doc, self.extend_names(doc, self.abbreviations(doc, spans)))
        return doc


@Language.factory("armstrack_kb_ruler", default_config={"kb_dirs": []})
def make_kb_ruler(nlp: Language, name: str, kb_dirs: list[str]) -> KBRuler:
    return KBRuler(nlp, name, kb_dirs)


def _governing_preposition(span: Span) -> Token | None:
    head = span.root.head
    # "in Yemen's capital", "in the Red Sea": climb through conjunctions and appositions
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head
    return head if head.dep_ == "prep" or head.pos_ == "ADP" else None


class Metonymy:
    """Capitals, seats and state names: an actor ("Moscow agreed") or a place ("met in Tehran")."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        lex = load_yaml("patterns/actors.yaml")
        self.place_preps = set(lex["place_prepositions"])
        self.motion = set(lex["motion_verbs"])

    def usage(self, span: Span) -> str:
        if span.label_ == "DEMONYM":
            return "actor"
        prep = _governing_preposition(span)
        if prep is not None and span.root.dep_ in ("pobj", "conj", "appos"):
            word = prep.lower_
            if word in self.place_preps:
                return "place"
            if word in ("to", "from"):
                return "place" if prep.head.lemma_ in self.motion else "actor"
        if span.root.dep_ == "dobj" and span.root.head.lemma_ in ("visit", "tour"):
            return "place"
        return "actor"

    def __call__(self, doc: Doc) -> Doc:
        for span in doc.ents:
            if span.label_ in ACTOR_LABELS:
                entity = doc._.kb.get(span.kb_id_) if doc._.kb and span.kb_id_ else None
                if span.label_ == "ACTOR" and (entity is None or entity.kind != "state"):
                    span._.usage = "actor"
                else:
                    span._.usage = self.usage(span)
            elif span.label_ in ("GPE", "LOC", "FAC"):
                span._.usage = "place"
        return doc


@Language.factory("armstrack_metonymy")
def make_metonymy(nlp: Language, name: str) -> Metonymy:
    return Metonymy(nlp, name)


# words a title phrase before a name is made of: "Iran 's Foreign Minister", "U.S. Secretary of
# State", "the Iran - backed Houthi military spokesman"
_TITLE_ZONE_POS = {"PROPN", "NOUN", "ADJ", "DET"}
_ZONE_MAX = 8  # tokens


class Persons:
    """People as actors: a PERSON the text ties to a state, organisation or group by an official
    title ("Russian President Vladimir Putin", "Hamas leader Ismail Haniyeh", "Abbas Araghchi,
    Iran's foreign minister") gets that actor's id in `Span._.affiliation`; later mentions of the
    same person in the document ("Putin said") inherit it by full name or surname. No names of
    real people are listed anywhere: the tie is read from the text."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        lex = load_yaml("patterns/actors.yaml")
        self.titles = {w.lower() for w in lex["person_titles"]}
        self.blockers = {w.lower() for w in lex["person_title_blockers"]}
        self.state_blockers = {w.lower() for w in lex["person_state_blockers"]}
        self.affiliation_words = set(lex["affiliation_modifiers"])

    def _is_title(self, token: Token) -> bool:
        return token.lower_ in self.titles or token.lemma_.lower() in self.titles

    def _actor_ent(self, doc: Doc, token: Token) -> Span | None:
        """The knowledge-base actor `token` belongs to, unless it only qualifies another
        ("Iran-backed")."""
        ent = self._ent_at.get(token.i)
        if ent is None or ent.label_ not in ACTOR_LABELS or not ent.kb_id_ or doc._.kb.get(ent.kb_id_) is None:
            return None
        if ent.end + 1 < len(doc) and doc[ent.end].text == "-" and \
                doc[ent.end + 1].lemma_.lower() in self.affiliation_words:
            return None
        return ent

    def _from_zone(self, doc: Doc, zone: list[Token]) -> str | None:
        """The actor a title phrase names: it must hold a title, and no word saying the person no
        longer holds it or stands against the state; the actor nearest the name wins ("Yemen's
        Houthi leader" -> the Houthis)."""
        if not any(self._is_title(t) for t in zone) or any(t.lower_ in self.blockers for t in zone):
            return None
        for pos in range(len(zone) - 1, -1, -1):
            ent = self._actor_ent(doc, zone[pos])
            if ent is None:
                continue
            entity = doc._.kb.get(ent.kb_id_)
            if entity.kind == "state" and any(t.lower_ in self.state_blockers for t in zone[pos:]):
                return None
            return entity.id
        return None

    def _before(self, doc: Doc, person: Span) -> list[Token]:
        """The title phrase written before the name: "Russian President", "Iran's Foreign Minister"."""
        zone: list[Token] = [t for t in person if self._is_title(t)]  # a title inside the name's span
        titles = [t for t in doc[max(0, person.start - _ZONE_MAX):person.start] if self._is_title(t)]
        if not zone and not any(self._linked(t, person) for t in titles):
            return []  # "after talks with the Iranian ambassador Putin said": not his title
        i = person.start - 1
        while i >= max(0, person.start - _ZONE_MAX) and doc[i].sent.start == person.sent.start:
            token = doc[i]
            if token.ent_type_ == "PERSON":
                break
            ok = token.pos_ in _TITLE_ZONE_POS or token.tag_ == "POS" or token.text in ("-", ".") \
                or (token.lower_ == "of" and i > 0 and self._is_title(doc[i - 1])) \
                or token.ent_type_ in ACTOR_LABELS
            if not ok:
                break
            zone.insert(0, token)
            i -= 1
        return zone

    @staticmethod
    def _linked(title: Token, person: Span) -> bool:
        """Whether the parse ties the title to the name: "President" a compound of "Putin", or
        "Araghchi" in apposition to "Minister"."""
        node = title
        for _ in range(4):
            if person.start <= node.i < person.end:
                return True
            if node.head.i == node.i or node.dep_ not in ("compound", "amod", "nmod", "appos", "pobj", "prep", "poss"):
                break
            node = node.head
        node = person.root
        for _ in range(3):
            if node.i == title.i:
                return True
            if node.head.i == node.i or node.dep_ not in ("compound", "appos", "nmod"):
                break
            node = node.head
        return False

    def _apposition(self, person: Span) -> list[Token]:
        """A title phrase in apposition: "Vladimir Putin, the Russian president," or "the Russian
        president, Vladimir Putin,"."""
        root = person.root
        for child in root.children:
            if child.dep_ == "appos" and child.i >= person.end and self._is_title(child):
                return list(child.subtree)
        head = root.head
        if root.dep_ == "appos" and head.i < person.start and self._is_title(head):
            return [t for t in head.subtree if t.i < person.start]
        return []

    @staticmethod
    def _mark_surnames(doc: Doc) -> None:
        """A surname alone ("Araghchi said") after the full name ("Abbas Araghchi") is the same
        person, also where the model tagged it as nothing or as an organisation or place; a
        possessive "'s" the model put inside a name is not part of it."""
        ents, changed = [], False
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].tag_ == "POS":
                ent = Span(doc, ent.start, ent.end - 1, label="PERSON")  # "Jorge Ruiz's" -> "Jorge Ruiz"
                changed = True
            ents.append(ent)
        surnames = {ent[-1].text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1
                    and ent[-1].is_alpha and ent[-1].is_title}
        for i, ent in enumerate(ents):
            if ent.label_ in ("ORG", "GPE", "NORP") and not ent.kb_id_ and ent.text in surnames:
                ents[i] = Span(doc, ent.start, ent.end, label="PERSON")
                changed = True
        for token in doc:
            if token.ent_type_ == "" and token.pos_ == "PROPN" and token.text in surnames:
                ents.append(Span(doc, token.i, token.i + 1, label="PERSON"))
                changed = True
        if changed:
            doc.set_ents(filter_spans(ents))

    @staticmethod
    def _keys(person: Span) -> list[str]:
        words = [t.text for t in person if t.is_alpha or "-" in t.text]
        if not words:
            return []
        return [" ".join(words).lower(), words[-1].lower()]

    def __call__(self, doc: Doc) -> Doc:
        if doc._.kb is None:
            return doc
        self._mark_surnames(doc)
        self._ent_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        known: dict[str, set[str]] = {}
        for person in people:
            found = self._from_zone(doc, self._before(doc, person)) or \
                self._from_zone(doc, self._apposition(person))
            if found:
                person._.affiliation = found
                for key in self._keys(person):
                    known.setdefault(key, set()).add(found)
        # later (or earlier) mentions of the same person: by full name, else by surname, when the
        # document ties that name to one actor only
        for person in people:
            if person._.affiliation:
                continue
            for key in self._keys(person):
                ids = known.get(key)
                if ids:
                    if len(ids) == 1:
                        person._.affiliation = next(iter(ids))
                    break
        return doc


@Language.factory("armstrack_persons")
def make_persons(nlp: Language, name: str) -> Persons:
    return Persons(nlp, name)


class Coref:
    """Light coreference: third-person pronouns and definite descriptions -> the nearest
    earlier actor of a compatible kind, within the last few sentences."""

    WINDOW = 3  # sentences

    def __init__(self, nlp: Language, name: str):
        self.name = name
        lex = load_yaml("patterns/actors.yaml")
        self.plural = set(lex["pronouns"]["plural"])
        self.singular = set(lex["pronouns"]["singular"])
        self.person = set(lex["pronouns"]["person"])
        self.gender_of_pronoun = {w: g for g in ("masculine", "feminine") for w in lex["pronouns"][g]}
        self.gender_of_honorific = {w: g for g, words in lex["honorifics"].items() for w in words}
        self.descriptions = {word: kind for kind, words in lex["descriptions"].items()
                             for word in words}
        self.services = set(lex["service_descriptions"])
        self.descriptions.update({word: "state" for word in self.services})
        # "the Gulf state", "the island nation": a word that says which states a description fits
        self.narrowing = {word.lower(): frozenset(ids) for word, ids in (lex.get("description_modifiers") or {}).items()}
        # "Sri Lanka's navy", "Qatar's emir": an owner of its institution or office is a referent
        self.owned = set(lex["institution_heads"]) | set(lex["person_titles"])

    def _index(self, doc: Doc) -> None:
        """Per-document lookups built once, so each pronoun costs its window, not the document:
        the sentence of every token, the entities in start order, the entity at every token, and
        the first mention of each surname with an honorific before it."""
        self._sents = list(doc.sents)
        self._sent_of = [0] * len(doc)
        for number, sent in enumerate(self._sents):
            for i in range(sent.start, sent.end):
                self._sent_of[i] = number
        self._ents = list(doc.ents)
        self._ent_starts = [ent.start for ent in self._ents]
        self._ent_at = {i: ent for ent in self._ents for i in range(ent.start, ent.end)}
        self._honorific: dict[str, str] = {}
        self._honorific_at: dict[str, int] = {}
        for token in doc[1:]:
            if token.lower_ in self._honorific_at:
                continue
            previous = doc[token.i - 1] if doc[token.i - 1].ent_type_ != "PERSON" else doc[max(0, token.i - 2)]
            found = self.gender_of_honorific.get(previous.lower_)
            if found:
                self._honorific[token.lower_], self._honorific_at[token.lower_] = found, token.i

    def _sent_start(self, i: int) -> int:
        return self._sents[self._sent_of[i]].start

    def _ents_between(self, first: int, token: Token) -> list[Span]:
        """Entities starting at or after token `first` and ending by `token`, in text order."""
        out = []
        for k in range(bisect_left(self._ent_starts, first), len(self._ents)):
            ent = self._ents[k]
            if ent.start >= token.i:
                break
            if ent.end <= token.i:
                out.append(ent)
        return out

    def _actors_before(self, doc: Doc, token: Token) -> list[Span]:
        first = self._sents[max(0, self._sent_of[token.i] - self.WINDOW)].start
        out = [ent for ent in self._ents_between(first, token)
               if ent.label_ in ACTOR_LABELS and ent._.usage == "actor" and ent.label_ != "DEMONYM"]
        # an actor that only qualifies another ("Yemen's Houthis", "Iran-backed") is not a referent;
        # the owner of an institution or office is ("Sri Lanka's navy ... the island nation")
        return [ent for ent in out if ent.root.dep_ not in ("poss", "npadvmod") or (
            ent.root.dep_ == "poss" and ent.root.head.lower_ in self.owned)]

    def _kind(self, doc: Doc, ent: Span) -> str | None:
        entity = doc._.kb.get(ent.kb_id_) if doc._.kb else None
        return entity.kind if entity else None

    PERSON_WINDOW = 2  # sentences before the pronoun's own

    def _persons_before(self, doc: Doc, token: Token) -> list[Span]:
        first = self._sents[max(0, self._sent_of[token.i] - self.PERSON_WINDOW)].start
        return [ent for ent in self._ents_between(first, token)
                if ent.label_ == "PERSON" or (ent.label_ == "ACTOR" and self._leader(doc, ent))]

    @staticmethod
    def _leader(doc: Doc, ent: Span) -> bool:
        """"Zelensky said ... He asked Washington for": a leader the knowledge base names as one of
        a state's organs is labelled the state; the model's reading of the name as a person
        (`person`, set by the ruler) makes it one a pronoun can take up ("the Bundeswehr" is not)."""
        return bool(ent._.person)

    def _person(self, doc: Doc, token: Token) -> Span | None:
        """he/him/his/she/her -> the nearest fitting PERSON: a subject of the same or the
        previous clause first, never the subject of the pronoun's own clause when the pronoun is
        its object ("Putin told him")."""
        ahead = self._cataphor(doc, token)
        if ahead is not None:
            return ahead
        excluded = self._own_subject(token) if token.dep_ in ("pobj", "dobj", "dative", "iobj") else set()
        people = self._persons_before(doc, token)
        # nor that subject named earlier ("Jorge Ruiz ... Ruiz told him"): same surname
        names = {ent[-1].lower_ for ent in people if excluded.intersection(range(ent.start, ent.end))}
        candidates = [ent for ent in people if ent[-1].lower_ not in names]
        first = self._sent_start(candidates[0].start) if candidates else token.i
        for prev in doc[max(first, token.i - 80):token.i]:
            if prev.lower_ in self.person and prev._.coref is not None and prev.i not in excluded \
                    and prev._.coref.label_ == "PERSON":
                candidates.append(doc[prev.i:prev.i + 1])
        wanted = self.gender_of_pronoun.get(token.lower_)
        if wanted:
            candidates = [c for c in candidates if self._gender(doc, c, token) in (None, wanted)]
        if not candidates:
            return None

        def score(span: Span) -> tuple[int, int]:
            root = span.root
            if root.dep_ in ("poss", "compound") and root.head.dep_ in ("nsubj", "nsubjpass"):
                root = root.head  # "Trump's candidacy is built on his ...": the subject's owner
            subject = root.dep_ in ("nsubj", "nsubjpass")
            main = subject and root.head.dep_ == "ROOT"
            same = self._sent_of[span.start] == self._sent_of[token.i]
            return (2 if subject else 0) + (1 if main else 0) + (1 if same else 0), span.start
        best = max(candidates, key=score)
        return best if best.label_ in ("PERSON", "ACTOR") else best.root._.coref

    def _gender(self, doc: Doc, person: Span, before: Token) -> str | None:
        """The gender the text gives a person: an honorific before a mention of the surname
        ("Mrs. Silva"); None when the text does not say. (Not from pronouns resolved earlier: one
        wrong guess would then spread.)"""
        surname = (person[-1].lower_ if person.label_ == "PERSON" else None)
        if surname is None and person.root._.coref is not None:
            surname = person.root._.coref[-1].lower_
        if surname is None:
            return None
        # the first mention of the surname with an honorific, if it comes before
        return self._honorific.get(surname) if self._honorific_at.get(surname, before.i) < before.i else None

    def _cataphor(self, doc: Doc, token: Token) -> Span | None:
        """A pronoun in an adjunct before its clause's subject refers ahead to that subject when
        it is a person: "In his speech, Putin said ...", "After she landed, Merkel met ..."."""
        node = token
        for _ in range(5):
            if node.head.i == node.i:
                return None
            link, node = node.dep_, node.head
            if node.pos_ in ("VERB", "AUX") and link in ("prep", "advcl", "npadvmod"):
                break
        else:
            return None
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i < token.i:
            return None
        ent = self._ent_at.get(subject.i)
        return ent if ent is not None and ent.label_ == "PERSON" else None

    @staticmethod
    def _own_subject(token: Token) -> set[int]:
        """Token indices of the subject of the clause `token` is an object in."""
        node = token.head
        subjects: list[Token] = []
        for _ in range(6):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects or node.head.i == node.i:
                break
            node = node.head
        out: set[int] = set()
        for child in subjects:
            out.update(range(child.left_edge.i, child.right_edge.i + 1))
        return out

    def __call__(self, doc: Doc) -> Doc:
        if doc._.kb is None:
            return doc
        self._index(doc)
        for token in doc:
            lower = token.lower_
            wanted: set[str] | None = None
            if token.pos_ == "PRON" and lower in self.person:
                token._.coref = self._person(doc, token)
                continue
            if token.pos_ == "NOUN" and self.descriptions.get(lower) == "state" and any(
                    c.dep_ == "poss" and c.lower_ in self.person for c in token.children):
                token._.coref = self._speakers_state(token)
                continue
            if token.pos_ == "PRON" and lower in self.plural:
                wanted = {"armed_group", "state", "organisation", "company"}
            elif token.pos_ == "PRON" and lower in self.singular:
                wanted = {"state", "organisation", "company", "armed_group"}
            elif self.descriptions.get(lower) == "company" and token.pos_ == "NOUN":
                firm = self._firm_of_state(doc, token)
                if firm is not None:
                    token._.coref = firm
                    continue
            if wanted is None and (token.pos_ == "NOUN" or lower in self.services) and lower in self.descriptions and any(
                    child.lower_ == "the" for child in token.children) and not any(
                    child.ent_type_ in ACTOR_LABELS for child in token.children
                    if child.dep_ in ("amod", "compound", "poss", "nmod")):
                # "the Malian government" names its state already; only a bare "the government"
                # points back
                kind = self.descriptions[lower]
                wanted = {kind}
            if not wanted:
                continue
            fits = self._fits(token)
            # the subject of the same clause is not what "them" in its object refers to
            excluded = self._own_subject(token) if token.dep_ in ("pobj", "dobj", "dative", "iobj") else set()
            candidates = []
            for ent in self._actors_before(doc, token):
                if ent.start in excluded or self._kind(doc, ent) not in wanted or \
                        (fits is not None and ent.kb_id_ not in fits):
                    continue
                candidates.append(ent)
            for prev in doc[max(0, token.i - 80):token.i]:
                # an earlier description or pronoun already resolved stands for its referent
                if prev._.coref is not None and prev.i not in excluded and \
                        self._kind(doc, prev._.coref) in wanted and \
                        (fits is None or prev._.coref.kb_id_ in fits):
                    candidates.append(doc[prev.i:prev.i + 1])
            if candidates:
                token._.coref = self._best(doc, token, candidates)
        return doc

    def _fits(self, token: Token) -> frozenset[str] | None:
        """The states a description's modifier allows, or None when it has none: "the island
        nation" after the United States and Taiwan is Taiwan, "the Gulf state" after Sudan and
        the UAE the UAE; with no state that fits it points at none rather than the nearest."""
        if token.pos_ == "PRON":
            return None
        fits = None
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.lower_ in self.narrowing:
                fits = self.narrowing[child.lower_] if fits is None else fits & self.narrowing[child.lower_]
        return fits

    def _firm_of_state(self, doc: Doc, token: Token) -> Span | None:
        """"Saab won the order ... The Swedish firm will ship": a company described by its
        state's demonym is the nearest earlier company of that state (the demonym is where the
        firm is from, not the party; with no such firm it stays the state)."""
        if not any(c.lower_ == "the" and c.dep_ == "det" for c in token.children):
            return None
        states = {ent.kb_id_ for c in token.children if c.dep_ in ("amod", "compound")
                  for ent in [self._ent_at.get(c.i)] if ent is not None and ent.label_ == "DEMONYM"}
        if len(states) != 1:
            return None
        candidates = [ent for ent in self._actors_before(doc, token) if self._kind(doc, ent) == "company"
                      and doc._.kb.get(ent.kb_id_).country in states]
        return candidates[-1] if candidates else None

    def _speakers_state(self, token: Token) -> Span | None:
        """"Serbia's president denied that his country had sold ...": "his country" is the state
        of the person whose words the clause is, the subject of a governing clause named with
        its state ("Serbia's president", "the Serbian president", "President X" of a state)."""
        node = token
        for _ in range(6):
            if node.head.i == node.i:
                return None
            node = node.head
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.i == token.i or token.i in {t.i for t in subject.subtree}:
                continue
            for part in [subject] + [c for c in subject.children if c.dep_ in ("poss", "amod", "compound")]:
                ent = self._ent_at.get(part.i)
                if ent is not None and (ent.label_ == "PERSON" and ent._.affiliation or
                                        ent.label_ in ACTOR_LABELS and self._kind(token.doc, ent) == "state"):
                    return ent
            return None
        return None

    def _best(self, doc: Doc, token: Token, candidates: list[Span]) -> Span:
        """Subjects beat other mentions and nearer beats farther; the reporter of a clause
        ("the U.S. military said") is rarely what a pronoun refers back to."""
        def score(span: Span) -> tuple[int, int]:
            root = span.root
            if root.dep_ in ("compound", "poss", "amod") and root.head.dep_ in ("nsubj", "nsubjpass"):
                root = root.head  # "the U.S. military said": the subject is "military"
            elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ in ("nsubj", "nsubjpass"):
                root = root.head.head  # "the Government of Fiji (GoF) announced": the subject is "Government"
            subject = root.dep_ in ("nsubj", "nsubjpass")
            reporter = subject and root.head.lemma_ in ("say", "tell", "report", "announce", "claim")
            same_sentence = self._sent_of[span.start] == self._sent_of[token.i]
            if token.dep_ == "poss" and subject and same_sentence and root.head.i != token.head.i and \
                    token.i in {t.i for t in root.head.subtree} and \
                    not (reporter and any(c.dep_ in ("ccomp", "xcomp") and token.i in {t.i for t in c.subtree}
                                          for c in root.head.children)):
                # "Saab said the Government of Colombia confirmed its plan to buy": a possessive
                # belongs to the subject of its own clause, not to the speaker (issue 23)
                return 5, span.start
            if reporter and same_sentence and token.i in {t.i for t in root.head.subtree}:
                return 4, span.start  # "Japan said it had halted aid": the speaker's own clause
            rank = (2 if subject and not reporter else 0) + (1 if same_sentence else 0)
            return rank, span.start
        best = max(candidates, key=score)
        return best if best.root._.coref is None else best.root._.coref


@Language.factory("armstrack_coref")
def make_coref(nlp: Language, name: str) -> Coref:
    return Coref(nlp, name)
