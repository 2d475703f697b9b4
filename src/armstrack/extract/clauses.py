"""Clauses: how a trigger sits in its sentence (the words governing it, its doer, negation,
modal verbs, its date), for every reader."""
from __future__ import annotations

from spacy.tokens import Token

from ..resolve.dates import resolve_date
from .labels import ACTOR_LABELS, SUBJECTS
from .lexicon import words

WORDS = words("frames", "clauses")
NEGATIVE_DETS = WORDS.negative_dets


class Clauses:
    """The clause around a trigger (a part of `FrameReader`)."""

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

    def _accused_by(self, noun: Token, prep: Token | None) -> Token | None:
        """"The UAE was accused by Sudan's army of arming the RSF": the parser hangs "of arming" on
        the accuser's noun; the one accused (the passive subject) is who armed, not the accuser."""
        if prep is None or prep.lower_ not in ("of", "for") or noun.dep_ != "pobj" or noun.head.dep_ != "agent":
            return None
        verb = noun.head.head
        if verb.lemma_.lower() not in self.lex.object_control:
            return None
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)

    def subject_of(self, verb: Token, *, through_nouns: bool = False) -> Token | None:
        """The doer of `verb`: its subject, or that of the clause, adjective ("willing to sell") or
        preposition ("succeeded in obtaining", "accused of supplying") it depends on; with
        `through_nouns`, also the doer of the noun ("Burmese plans to buy", "the willingness of X
        to supply", "cases of Iran receiving"). Only the transfer reader asks for nouns: it reads
        the noun's modality ("refusal", "offer") into the status, which the other readers do not."""
        financed = self._financed(verb)
        if financed is not None:
            return financed or None
        if (head := self.headline_infinitive(verb)) is not None:
            return head
        node = verb
        through_prep = through_xcomp = active_conj = False
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
                # ... and so is that of an active verb coordinated with it ("the Chilean Navy is
                # expected to expand and will buy two frigates": issue 23)
                if child.dep_ in ("nsubj", "csubj") or (
                        (through_prep or through_xcomp or active_conj) and child.dep_ == "nsubjpass"):
                    return child
            if node.i != verb.i and node.pos_ in ("NOUN", "PROPN"):
                accused = self._accused_by(node, prep)
                if accused is not None:
                    return accused
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
                active_conj = node.dep_ == "conj" and node.pos_ == "VERB" and node.tag_ in ("VB", "VBZ", "VBP", "VBG") \
                    and not any(c.dep_ == "auxpass" for c in node.children)
                prep = node if node.dep_ == "prep" else prep
                node = node.head
            else:
                return None
        return None

    def headline_infinitive(self, verb: Token) -> Token | None:
        """The name that opens the headline "Turkey to supply drones to Niger's junta", which the
        parser makes the line's root with the infinitive qualifying it: the infinitive's subject."""
        head = verb.head
        if verb.dep_ in ("relcl", "acl") and head.dep_ == "ROOT" and head.pos_ == "PROPN" and \
                head.i == head.sent.start and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return head
        return None

    def _financed(self, verb: Token) -> Token | bool | None:
        """The buyer of a purchase that money lent or given is for: the one the money goes to
        ("extended a credit line to Vietnam to purchase", "granted Manila $500 million to buy");
        False when the money's frame names none, for the lender is never the buyer; None when
        `verb` is no such purchase."""
        if verb.lemma_.lower() not in WORDS.purchase_verbs or verb.dep_ not in ("advcl", "relcl", "acl") or \
                not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None
        giver = verb.head.head if verb.dep_ in ("relcl", "acl") else verb.head
        if giver.lemma_.lower() not in WORDS.financing_verbs:
            return None
        money = [c for c in giver.children if c.dep_ == "dobj" and
                 (c.lower_ in WORDS.financing_nouns or c.ent_type_ == "MONEY")]
        if not money:
            return None
        # "a loan of $50 million to Mauritius": the borrower may hang on the sum inside the loan
        for holder in (giver, *money[0].subtree):
            for child in holder.children:
                if child.dep_ == "dative" and self.actors(child):
                    return child
                if child.dep_ in ("prep", "dative") and child.lower_ == "to":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and self.actors(pobj):
                            return pobj
        # "lent Laos money": the parser joins the borrower to the money
        return next((c for c in money[0].children if c.dep_ == "compound" and self.actors(c)), False)

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
        if noun.lemma_.lower() in WORDS.stance_nouns and noun.dep_ == "dobj" and \
                noun.head.lemma_.lower() in WORDS.voicing_verbs:
            return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return None

    def negated(self, trigger: Token) -> bool:
        for node in self.chain(trigger, 4):
            if node.dep_ in ("pcomp", "pobj") and node.head.lower_ in WORDS.negating_preps:
                return True  # "without importing nuclear material"
            for child in node.children:
                if child.dep_ == "neg":
                    return True
                if child.dep_ in SUBJECTS + ("dobj",) and any(
                        d.lower_ in NEGATIVE_DETS for d in child.children if d.dep_ == "det"):
                    return True
                if child.lower_ in WORDS.negating_words and child.dep_ in ("det", "advmod"):
                    return True
            if node.dep_ not in ("xcomp", "aux", "auxpass") and node.i != trigger.i:
                break
        return False

    def modal(self, trigger: Token) -> str | None:
        for node in self.chain(trigger, 3):
            for child in node.children:
                if child.dep_ == "aux":
                    if child.lower_ in WORDS.future_modals:
                        return "future"
                    if child.lower_ in WORDS.reported_pledge_modals and node.dep_ == "ccomp" and \
                            node.head.lemma_.lower() in self.lex.attribution:
                        return "future"  # "said it would transfer 18 more jets": a pledge reported
                    if child.lower_ in WORDS.weak_modals:
                        return "weak"
            if node.dep_ not in ("xcomp", "acomp") and node.i != trigger.i:
                break  # "could be willing to sell": through the adjective to its verb
        return None

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
            if child.dep_ == "prep" and child.lower_ in WORDS.date_preps:
                for pobj in child.children:
                    ent = self.ent_at.get(pobj.i)
                    if ent is not None and ent.label_ == "DATE":
                        return resolve_date(ent.text, self.published)
        return None
