"""STATEMENT: confirmations, denials, warnings and accusations, by whom, about what."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ....records import EventType, StatementKind
from ...frames import Mention
from ...arguments import Arguments, children
from ...merge import Group, group_by_parties
from ...registry import EventModule, register_type


class StatementReader(Arguments):
    def read(self, token: Token, sent: Span) -> Mention | None:
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
        if kind == "deny" and self._refuses(token):
            return None  # "Switzerland denied an export licence": a refusal (the transfer's status)
        subj = next(iter(children(token, "nsubj")), None)
        if subj is None and token.dep_ == "advcl" and token.tag_ == "VBG":
            # "..., the Eritrean government said in a statement, denying it": the sayer denies
            subj = f.subject_of(token)
        speaker = f.actors(subj)
        if not speaker:
            return None
        m = Mention(EventType.STATEMENT, token, sent, kind=StatementKind(kind))
        m.add("speaker", speaker[:1])
        for obj in children(token, "dobj"):
            if kind == "accuse":
                m.add("target", f.actors(obj))
        m.when = f.date_of(token)
        if m.when is None:
            # "In a statement on Sept. 7, X said": the date sits on the statement noun
            for prep in children(token, "prep"):
                for pobj in prep.children:
                    m.when = m.when or f.date_of(pobj)
        m.negated = any(c.dep_ == "neg" for c in token.children)
        return m

    def _refuses(self, verb: Token) -> bool:
        """"denied an export licence", "rejected the request", "rejected the sale": a refusal."""
        words = self.lex.section("statement")
        for obj in children(verb, "dobj"):
            lemma = obj.lemma_.lower()
            if lemma in words["refusal_objects"] or (
                    verb.lemma_.lower() in words["refusing_verbs"] and lemma in self.lex.transfer_nouns):
                return True
        return False


def group(mentions: list[Mention]) -> list[Group]:
    return group_by_parties(mentions, EventType.STATEMENT, ("speaker",), join_empty=False)


MODULE = register_type(EventModule(EventType.STATEMENT, roles=('speaker', 'target'), reader=StatementReader, group=group))
