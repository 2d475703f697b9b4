"""Stance: who a mention's report comes from (attribution, hedges), and the confirmations and
denials that govern it or speak of it."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..records import EventType, Status
from .lexicon import words
from .mention import Mention

WORDS = words("frames", "stance")


class Stance:
    """Attribution and statements over a mention (a part of `FrameReader`)."""

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
                if token.lower_ in WORDS.source_markers:
                    for prep in token.children:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                mention.sources.append(self._source_text(pobj))
                continue
            if token.i == trigger.i:
                continue
            if lemma in WORDS.citing_verbs:
                for child in token.children:
                    if child.dep_ == "dobj":
                        mention.sources.append(self._source_text(child))
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in WORDS.bare_subjects:
                mention.sources.append(self._source_text(subject))
            if lemma in WORDS.telling_verbs:
                for child in token.children:
                    if child.dep_ in ("dobj", "dative") and child.i in self.ent_at:
                        mention.sources.append(self._source_text(child))
            when = self.date_of(token)
            if when and lemma in WORDS.dated_report_verbs:
                mention.reported_on = mention.reported_on or when
        mention.sources = list(dict.fromkeys(s for s in mention.sources if s))

    def _source_text(self, token: Token) -> str:
        span = self.doc[token.left_edge.i:token.right_edge.i + 1]
        text = span.text.strip(" ,\"'“”")
        if text.lower().startswith("the ") and token.i in self.ent_at:
            text = text[4:]
        return text

    FIRST_PERSON = WORDS.first_person

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
            if kind == "confirm" and any(c.dep_ == "neg" for c in node.children):
                break  # "did not confirm", "could not verify": neither confirmed nor denied
            if kind == "deny" and mention.type == EventType.TRANSFER and mention.status == Status.REFUSED and (
                    node.i == mention.trigger.head.i or self.status_word(node) == Status.REFUSED.value):
                break  # "rejected the sale", "denied an export licence": a refusal, not a denial it happened
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
