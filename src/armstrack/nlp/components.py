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

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..resolve.kb import KnowledgeBase, load_kb
from ..resources import load_yaml

ACTOR_LABELS = {"ACTOR", "DEMONYM", "CAPITAL", "SEAT"}
ITEM_LABELS = {"WEAPON", "WEAPON_CAT"}

for _name, _default in [("kb_candidates", None), ("usage", None)]:
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
        orgs = [ent for ent in doc.ents if ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "PRODUCT") and len(ent) > 1]
        kept = []
        for span in spans:
            inside = any(org.start < span.start and span.end <= org.end for org in orgs)
            if inside and span.label_ in ("ACTOR", "CAPITAL") and self.kb.get(span.kb_id_) is not None \
                    and self.kb.get(span.kb_id_).kind == "state":
                continue
            kept.append(span)
        ours = filter_spans(kept)
        taken = set()
        for span in ours:
            taken.update(range(span.start, span.end))
        model = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        doc.set_ents(filter_spans(ours + model))
        doc.spans["kb"] = ours

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
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


class Coref:
    """Light coreference: third-person pronouns and definite descriptions -> the nearest
    earlier actor of a compatible kind, within the last few sentences."""

    WINDOW = 3  # sentences

    def __init__(self, nlp: Language, name: str):
        self.name = name
        lex = load_yaml("patterns/actors.yaml")
        self.plural = set(lex["pronouns"]["plural"])
        self.singular = set(lex["pronouns"]["singular"])
        self.descriptions = {word: kind for kind, words in lex["descriptions"].items()
                             for word in words}

    def _actors_before(self, doc: Doc, token: Token) -> list[Span]:
        sents = list(doc.sents)
        index = next((i for i, s in enumerate(sents) if s.start <= token.i < s.end), 0)
        first = sents[max(0, index - self.WINDOW)].start
        out = [ent for ent in doc.ents
               if first <= ent.start and ent.end <= token.i and ent.label_ in ACTOR_LABELS
               and ent._.usage == "actor" and ent.label_ != "DEMONYM"]
        # an actor that only qualifies another ("Yemen's Houthis", "Iran-backed") is not a referent
        return [ent for ent in out if ent.root.dep_ not in ("poss", "npadvmod")]

    def _kind(self, doc: Doc, ent: Span) -> str | None:
        entity = doc._.kb.get(ent.kb_id_) if doc._.kb else None
        return entity.kind if entity else None

    def __call__(self, doc: Doc) -> Doc:
        if doc._.kb is None:
            return doc
        for token in doc:
            lower = token.lower_
            wanted: set[str] | None = None
            if token.pos_ == "PRON" and lower in self.plural:
                wanted = {"armed_group", "state", "organisation", "company"}
            elif token.pos_ == "PRON" and lower in self.singular:
                wanted = {"state", "organisation", "company", "armed_group"}
            elif token.pos_ == "NOUN" and lower in self.descriptions and any(
                    child.lower_ == "the" for child in token.children):
                kind = self.descriptions[lower]
                wanted = {kind}
            if not wanted:
                continue
            excluded = set()
            # the subject of the same clause is not what "them" in its object refers to
            if token.dep_ in ("pobj", "dobj", "dative", "iobj"):
                node = token.head
                for _ in range(6):
                    subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if subjects or node.head.i == node.i:
                        break
                    node = node.head
                for child in subjects:
                    excluded.update(range(child.left_edge.i, child.right_edge.i + 1))
            candidates = []
            for ent in self._actors_before(doc, token):
                if ent.start in excluded or self._kind(doc, ent) not in wanted:
                    continue
                candidates.append(ent)
            for prev in doc[max(0, token.i - 80):token.i]:
                # an earlier description or pronoun already resolved stands for its referent
                if prev._.coref is not None and prev.i not in excluded and \
                        self._kind(doc, prev._.coref) in wanted:
                    candidates.append(doc[prev.i:prev.i + 1])
            if candidates:
                token._.coref = self._best(doc, token, candidates)
        return doc

    @staticmethod
    def _best(doc: Doc, token: Token, candidates: list[Span]) -> Span:
        """Subjects beat other mentions and nearer beats farther; the reporter of a clause
        ("the U.S. military said") is rarely what a pronoun refers back to."""
        def score(span: Span) -> tuple[int, int]:
            root = span.root
            if root.dep_ in ("compound", "poss", "amod") and root.head.dep_ in ("nsubj", "nsubjpass"):
                root = root.head  # "the U.S. military said": the subject is "military"
            subject = root.dep_ in ("nsubj", "nsubjpass")
            reporter = subject and root.head.lemma_ in ("say", "tell", "report", "announce", "claim")
            same_sentence = span.sent.start == token.sent.start
            if reporter and same_sentence and token.i in {t.i for t in root.head.subtree}:
                return 4, span.start  # "Japan said it had halted aid": the speaker's own clause
            rank = (2 if subject and not reporter else 0) + (1 if same_sentence else 0)
            return rank, span.start
        best = max(candidates, key=score)
        return best if best.root._.coref is None else best.root._.coref
        return doc


@Language.factory("armstrack_coref")
def make_coref(nlp: Language, name: str) -> Coref:
    return Coref(nlp, name)
