"""MEETING: talks, visits and mediation, with who took part, who mediated and where."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ....records import EventType, Filler
from ...frames import Mention
from ...arguments import Arguments, children, pobjs
from ...merge import Group, group_by_parties, filler_keys
from ...lexicon import type_words
from ...registry import EventModule, register_type


class MeetingReader(Arguments):
    def read(self, token: Token, sent: Span) -> Mention | None:
        lemma = token.lemma_.lower()
        f = self.f
        is_verb = token.pos_ == "VERB" and lemma in self.lex.meeting_verbs and lemma not in type_words("meeting", "carrier_lemmas")
        is_noun = token.pos_ == "NOUN" and (lemma in self.lex.meeting_nouns or token.lower_ in self.lex.meeting_nouns)
        if not (is_verb or is_noun):
            return None
        if is_noun and lemma in type_words("meeting", "talks_heads") and not any(
                c.lower_ in type_words("meeting", "talks_words") for c in token.subtree):
            return None
        m = Mention(EventType.MEETING, token, sent)
        if is_verb:
            self._verb_participants(m, token, lemma)
        else:
            self._noun_participants(m, token, lemma)
        nodes = [token] + ([f.clause_verb(token)] if is_noun else [])
        for node in nodes:
            for place_tok in pobjs(node, "in", "at"):
                place = f.place(place_tok)
                if place is not None:
                    m.add("place", [place])
        if not m.roles.get("place"):
            self._place_on_party(m, token, nodes)
        for node in nodes:
            for child in node.children:
                if child.dep_ == "advmod" and child.lower_ in type_words("meeting", "quantity_adverbs"):
                    m.count = sent.doc[child.left_edge.i:child.i + 1].text
                elif child.dep_ in ("npadvmod",) and any(t.lower_ == "times" for t in child.subtree):
                    m.count = sent.doc[child.left_edge.i:child.right_edge.i + 1].text
            m.when = m.when or f.date_of(node)
        for child in token.children:
            # "talks mediated by Oman"
            if child.dep_ == "acl" and child.lemma_.lower() in self.lex.mediation:
                for by in pobjs(child, "by"):
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

    def _verb_participants(self, m: Mention, token: Token, lemma: str) -> None:
        """"Russia and Iran met", "Putin visited Tehran", "met with the Houthis": the subject and
        objects take part (a place a visit's object names is its place)."""
        f = self.f
        subj = next(iter(children(token, "nsubj")), None) or f.subject_of(token)
        m.add("participants", self._actors(subj))
        for obj in children(token, "dobj"):
            if lemma == "visit":
                place = f.place(obj)
                if place is not None:
                    m.add("place", [place])
                    continue
            m.add("participants", self._actors(obj, allow_place=lemma == "visit"))
        for w in pobjs(token, "with"):
            m.add("participants", self._actors(w))

    def _noun_participants(self, m: Mention, token: Token, lemma: str) -> None:
        """"held talks with", "Putin's meeting with Erdogan", "talks between Russia and the
        Houthis": who takes part in a meeting noun, and who mediates it."""
        f = self.f
        verb = f.clause_verb(token)
        # "are in talks", "arrived on a visit", "returned to Geneva for talks"
        carried = token.dep_ == "pobj" and verb.lemma_.lower() in self.lex.carrier_prep_verbs
        frame = token.head if token.dep_ == "compound" else token  # "a mediation mission"
        if carried or frame.dep_ in ("dobj", "nsubjpass", "attr") or frame.head.lemma_ in type_words("meeting", "holding_lemmas"):
            subj = next(iter(children(verb, "nsubj")), None)
            if subj is not None and lemma in self.lex.mediation_nouns:
                m.add("mediator", f.actors(subj) or ([f.text_filler(subj)] if subj.i in f.ent_at else []))
            elif subj is not None and verb.lemma_.lower() not in self.lex.mediation:
                m.add("participants", self._actors(subj))
        for between in pobjs(token, "between", "with", "among") + (
                pobjs(frame, "between", "with", "among") if frame.i != token.i else []):
            m.add("participants", self._actors(between))
        if lemma in self.lex.host_nouns:
            for host in pobjs(token, "to") + pobjs(f.clause_verb(token), "to"):
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

    def _place_on_party(self, m: Mention, token: Token, nodes: list[Token]) -> None:
        """"met his counterpart in Muscat", "talks with officials in Tehran": the parser often
        hangs the meeting's place on the last party named; a place noun counts when no name
        does ("were meeting in a house")."""
        phrases = [p for p in m.roles.get("participants", [])]
        heads = [t for node in nodes for prep in node.children if prep.dep_ in ("prep", "dative", "agent")
                 for t in prep.children if t.dep_ == "pobj"] + [
                 c for node in nodes for c in node.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
        starts = {p.start for p in phrases}
        generic: list[Filler] = []
        for head in heads:
            if not any(head.left_edge.idx <= s_ <= head.idx + len(head.text) for s_ in starts):
                continue
            for place_tok in pobjs(head, "in", "at"):
                place = self._place(place_tok)
                if place is not None and place.kind == "place":
                    m.add("place", [place])
                elif place is not None:
                    generic.append(place)
        for place_tok in pobjs(token, "in", "at"):
            place = self._place(place_tok)
            if place is not None:
                generic.append(place)
        m.add("place", generic)


def group(mentions: list[Mention]) -> list[Group]:
    """Meetings join only when one side list contains the other: "Egypt and China" talks and
    "France and Egypt" talks are two meetings; unresolved people count by name, so two
    ministers' visits stay two. A meeting announced and then held is one meeting."""
    def joins(g: Group, m: Mention) -> bool:
        a, b = filler_keys(g.roles.get("participants")), filler_keys(m.roles.get("participants"))
        return bool(a and b and (a <= b or b <= a))

    groups = group_by_parties(mentions, EventType.MEETING, ("participants",), join_empty=True, keep_empty=True,
                              named_key=True, realis_apart=False, joins=joins)
    return [g for g in groups if g.roles.get("participants") or g.mentions[0].standalone]


MODULE = register_type(EventModule(EventType.MEETING, roles=('participants', 'mediator', 'place'), reader=MeetingReader, group=group))
