"""Modality: whether a trigger's event happened (realis), whether the sentence reports it or
passes it by (focus), and the status the words governing a transfer give it."""
from __future__ import annotations

from spacy.tokens import Token

from ..records import Realis, Status
from .lexicon import words

WORDS = words("frames", "modality")
CLAUSES = words("frames", "clauses")


class Modality:
    """Realis, focus and status from context (a part of `FrameReader`)."""

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
                if any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in WORDS.refused_phrasals for c in node.children):
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
            if dep in ("acl", "relcl") and node.lemma_.lower() in lex.destination_participles:
                node = head  # "seized rifles bound for Libya": the cargo on its way is the news
                continue
            if dep in ("acl", "advcl") and node.tag_ in ("VBG", "VBN") and node.lemma_.lower() in lex.cargo_verbs:
                node = head  # "intercepted a dhow carrying missile parts": the cargo of what was stopped
                continue
            if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and (
                    head.head.lower_ in lex.quantity_containers or head.head.lemma_.lower() in lex.quantity_containers):
                node = head.head  # "seized a container of rifles destined for Libya": the amount's
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
                if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "VERB" and \
                        head.head.lemma_.lower() in lex.carrier_verbs:
                    node = head.head  # "notified Congress of a possible sale of"
                    continue
                if head.lemma_.lower() in lex.cargo_verbs and dep == "dobj" or \
                        dep == "pobj" and head.head.lemma_.lower() in lex.cargo_verbs:
                    node = head if dep == "dobj" else head.head   # "a boat transporting rifles", "loaded with"
                    continue
            return False
        return True

    def status_word(self, node: Token) -> str | None:
        """The status a governing word implies, a phrasal verb first: "called off" is cancelled,
        "called for" requested, and "called the reports fake" neither."""
        word = node.lemma_.lower()
        phrasal = [self.lex.status_context.get(f"{word} {c.lower_}") for c in node.children
                   if c.dep_ in ("prt", "prep", "advmod")]
        # "put the sale on hold", "put on hold the delivery": a verb, its preposition and the word
        # after that (the parser may make "hold" the verb's object)
        doc = node.doc
        phrasal += [self.lex.status_context.get(f"{word} {c.lower_} {doc[c.i + 1].lower_}") for c in node.children
                    if c.dep_ == "prep" and c.i + 1 < len(doc)]
        found = next((p for p in phrasal if p), None) or self.lex.status_context.get(word)
        if word in WORDS.decision_words and self._decision_taken(node):
            found = Status.AGREED.value
        if found is None and word in WORDS.copulas:
            # "the contract has been frozen", "remains frozen": the complement says it
            found = next((self.lex.status_context.get(c.lemma_.lower()) or self.lex.status_context.get(c.lower_)
                          for c in node.children if c.dep_ == "acomp"), None)
        if found is None and word in CLAUSES.voicing_verbs:
            # "voiced interest in procuring": the noun of wanting it voices says it
            found = next((self.lex.status_context.get(c.lemma_.lower()) for c in node.children
                          if c.dep_ == "dobj" and c.lemma_.lower() in CLAUSES.stance_nouns), None)
        return found

    def _rejects_report(self, node: Token) -> bool:
        """Whether a word of rejecting has a report noun before it in its own phrase, as wire copy
        tacks a denial onto an allegation: "sent weapons to the RSF, allegations Abu Dhabi rejects",
        "a charge Tehran rejects". The small model makes the noun anything from the object to a
        compound of the subject, so any report noun left of the verb inside its subtree counts."""
        if self.status_word(node) != Status.REFUSED.value:
            return False
        reports = self.lex.report_nouns
        return any(t.i < node.i and t.pos_ == "NOUN" and (t.lower_ in reports or t.lemma_.lower() in reports)
                   for child in node.lefts for t in child.subtree)

    def _decision_taken(self, node: Token) -> bool:
        """Whether a deciding verb tells of a decision taken: "decided to send", "has decided to
        supply"; not "is deciding whether to", "may decide to". (The noun stays considered: "its
        decision to buy" is written so in speaker_and_possessive.)"""
        if node.pos_ != "VERB" or any(t.lower_ in WORDS.open_marks for t in node.subtree):
            return False
        aux = {c.lower_ for c in node.children if c.dep_ == "aux"}
        return node.tag_ == "VBD" and not aux or node.tag_ == "VBN" and bool(aux & {"has", "have", "had"})

    def status_from_context(self, trigger: Token) -> tuple[Status | None, bool]:
        """The status the governing words imply, and whether a governing word is negated.

        The nearest governing word decides ("talks on the supply"), except that a halt governs
        whatever it stops: "cancelled a deal to buy", "pulled out of the contract for", "froze the
        contract for", "suspended talks on the supply" halt however far the deal word sits."""
        found: tuple[Status | None, bool] = (None, False)
        if trigger.dep_ == "relcl" and not any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children):
            # "began training crews for the K9s that it ordered": a relative clause is its own,
            # except that items it tells of, used since, were used ("Hamas used rockets that
            # were smuggled from Iran"; issue 23); an infinitive one is the content of the noun
            # it is on ("cancelled a deal to buy"), read on
            verb = self.clause_verb(trigger.head)
            if verb.tag_ == "VBD" and self.status_word(verb) == Status.USED.value:
                return Status.USED, False
            return found
        chain = self.chain(trigger, 6)
        for below, node in zip(chain, chain[1:]):
            if below.dep_ == "advcl" and not any(c.dep_ == "aux" and c.tag_ == "TO" for c in below.children):
                break  # "when BAE won a contract, it was seized upon": an adverbial clause is its own event
            if node.pos_ == "NOUN" and (node.lower_ in self.lex.report_nouns or node.lemma_.lower() in self.lex.report_nouns):
                break  # "rejected claims that it had sold": what is said of the claims is stance, not status
            if node.pos_ == "VERB" and node.lemma_.lower() in WORDS.speech_verbs:
                break  # "declined to comment on the sale": what governs the comment is not the sale's
            if self._rejects_report(node):
                break  # "..., allegations Abu Dhabi rejects": the report is rejected, not the transfer
            status = self.status_word(node)
            if status == Status.USED.value and below.dep_ in ("xcomp", "advcl") and any(
                    c.dep_ == "dobj" and (c.lower_ in CLAUSES.financing_nouns or c.ent_type_ == "MONEY")
                    for c in node.children):
                continue  # "used a credit line to buy artillery": the money was used, not the artillery
            if status is None:
                continue
            neg = any(c.dep_ == "neg" for c in node.children) or any(
                c.dep_ == "neg" for c in node.head.children) if node.pos_ == "NOUN" else \
                any(c.dep_ == "neg" for c in node.children)
            if found[0] is None:
                found = (Status(status), neg)
            elif Status(status).halts and not neg and not found[0].halts:
                return Status(status), False
            if found[0].halts:
                break
        return found
