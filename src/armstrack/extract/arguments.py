"""The argument layer every event type reads with: the parties, targets and places a trigger's
syntax gives (conjuncts expanded, phrases to their full span), shared by the per-type readers
in `types/`."""
from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from spacy.tokens import Span, Token

from ..records import Filler
from .frames import ACTOR_LABELS, FrameReader, ITEM_LABELS, RELATIVE_PRONOUNS, SUBJECTS
from .lexicon import words

WORDS = words("frames", "arguments")
REFLEXIVES = WORDS.reflexives
# what a preposition can take that is never a party or a place: "attacked on Friday"
NOT_PARTY_LABELS = {"DATE", "TIME"}


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def pobjs(token: Token, *preps: str) -> list[Token]:
    out = []
    for prep in token.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in preps:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def is_item(reader: FrameReader, token: Token) -> bool:
    item, _ = reader.item(token)
    return item is not None


class Arguments:
    """What a reader of any event type can ask of a sentence's syntax."""

    def __init__(self, frames: FrameReader):
        self.f = frames
        self.lex = frames.lex

    @cached_property
    def text(self) -> str:
        """The article's text: `Doc.text` joins every token anew, so once per article, not per phrase."""
        return self.f.doc.text

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
        for inner in pobjs(token, "in", "of", "near"):
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

    def _quantified(self, token: Token) -> Token:
        """"scores of refugees", "part of a stronghold": the noun the phrase is about."""
        if token.lemma_.lower() in self.lex.quantity_containers or token.lower_ in WORDS.quantity_heads:
            for of in pobjs(token, "of"):
                return of
        return token
