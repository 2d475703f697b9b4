"""SANCTION: sanctions, embargoes and other measures, imposed or lifted, on whom and why."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ....records import Realis, EventType, Filler
from ...frames import ACTOR_LABELS, Mention
from ...arguments import Arguments, NOT_PARTY_LABELS, children, is_item, pobjs
from ...merge import Group, group_by_parties
from ...lexicon import type_words
from ...registry import EventModule, register_type


class SanctionReader(Arguments):
    _MEASURE_OF = {"sanction": "sanctions", "embargo": "embargo", "blacklist": "blacklisting",
                   "ban": "ban", "restriction": "restrictions", "boycott": "boycott",
                   "control": "export controls"}

    def _measure_object(self, token: Token) -> tuple[str, Token] | None:
        """("expulsion", "diplomats") for "expelled two Russian diplomats"; None if the verb or
        noun does not act on one of a measure's objects."""
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            objects = children(token, "dobj", "nsubjpass")
            key = "verbs"
        elif token.pos_ == "NOUN":
            objects = pobjs(token, "of", "on", "to")
            key = "nouns"
        else:
            return None
        for name, spec in self.lex.measures.items():
            if lemma not in spec[key]:
                continue
            for obj in objects:
                # "part of a military aid program": the object word may sit inside the phrase
                words = [obj] + [t for t in obj.subtree if t.pos_ == "NOUN" and t.i != obj.i
                                 and abs(t.i - obj.i) <= 6]
                if any(w.lower_ in spec["objects"] or w.lemma_.lower() in spec["objects"] for w in words):
                    return name, obj
        return None

    def _measure(self, token: Token, sent: Span, name: str, obj: Token) -> Mention | None:
        """Expulsions, aid suspensions, severed ties, recalled envoys, entry bans: a state or
        international organisation acting against a named party."""
        f = self.f
        m = Mention(EventType.SANCTION, token, sent, measure=name)
        verb = token if token.pos_ == "VERB" else f.clause_verb(token)
        subj = next(iter(children(verb, "nsubj")), None) or f.subject_of(verb)
        imposers = f.actors(subj)
        if token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ == "poss":
                    imposers = imposers or f.actors(child)
        kb = f.doc._.kb  # the knowledge base the text was read with, user extensions included
        imposers = [a for a in imposers if a.id and kb is not None and kb.get(a.id) is not None and
                    kb.get(a.id).kind in ("state", "organisation")]
        if not imposers:
            return None
        m.add("imposers", imposers)
        mine = {a.id for a in imposers}
        candidates: list[Filler] = []
        if name in ("expulsion", "recalled ambassador"):
            # whose diplomats: "two Russian diplomats", "inspectors of the IAEA", "from Moscow"
            candidates += [a for c in obj.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                           and c.i in f.ent_at for a in f.actors(c, allow_place=True)]
            for of in pobjs(obj, "of", "from"):
                candidates += f.actors(of, allow_place=True)
            for frm in pobjs(verb, "from"):
                candidates += f.actors(frm, allow_place=True)
        else:
            phrase = [t for t in obj.subtree if t.pos_ == "NOUN" and abs(t.i - obj.i) <= 6]
            for node in [token, verb] + phrase:
                for tok in pobjs(node, "to", "for", "with", "on", "against", "from"):
                    candidates += f.actors(tok, allow_place=True)
            candidates += [a for c in obj.children if c.dep_ == "poss" for a in f.actors(c)]
        targets = [a for a in candidates if a.id and a.id not in mine]
        if not targets:
            return None
        m.add("target", targets[:1])
        m.negated = f.negated(token)
        m.when = f.date_of(token) or f.date_of(verb)
        return m

    def _covered_text(self, tok: Token) -> str:
        """What a covered phrase restricts, as written, without its owner, determiner or the
        parties after it: "oil sector" of "Russia's oil sector", "exports of machine tools" of
        "exports of machine tools to Russia"."""
        f = self.f
        drop: set[int] = set()
        for t in tok.subtree:
            if t.i in drop:
                continue
            owner = t.dep_ == "poss" or (t.dep_ in ("amod", "compound", "nmod") and t.i in f.ent_at and
                                         f.ent_at[t.i].label_ in ACTOR_LABELS)
            party = t.dep_ in ("prep", "agent") and t.lower_ in ("to", "from", "against", "by", "over", "for", "on", "with")
            if owner or party or t.dep_ in ("det", "predet", "punct", "cc", "relcl", "acl", "appos") or t.tag_ == "POS":
                drop.update(x.i for x in t.subtree)
        kept = [t for t in tok.subtree if t.i not in drop]
        if not kept:
            return tok.text
        return f.doc[kept[0].i:kept[-1].i + 1].text

    def _is_covered(self, tok: Token) -> bool:
        return tok.lower_ in self.lex.sanction_covered or tok.lemma_.lower() in self.lex.sanction_covered or \
            is_item(self.f, tok)

    def _sanction_object(self, tok: Token) -> tuple[list[Filler], str | None]:
        """The targets of one phrase a sanction acts on, and what it covers when the phrase names
        goods or a sector: "Iran, Syria and North Korea", "five Iranian companies" (unresolved
        phrases count as written), "Russia's oil sector" (RUS; covers "oil sector"), "exports of
        machine tools to Russia" (RUS; covers the exports)."""
        f = self.f
        tok = self._quantified(tok)
        ent = f.ent_at.get(tok.i)
        if ent is not None and ent.label_ in NOT_PARTY_LABELS:
            return [], None
        if self._is_covered(tok) and not (ent is not None and ent.label_ in ACTOR_LABELS):
            owners = [a for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                      for a in f.actors(c, allow_place=True)]
            for t in tok.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in ("to", "from", "of") and not self._is_covered(t):
                    owners += f.actors(t, allow_place=True)
            return owners, self._covered_text(tok)
        found = self._actors(tok, allow_place=True)
        if not found:
            # "Russia's central bank": the owner stands for the target, named by the whole phrase
            owners = [a for c in tok.children if c.dep_ == "poss" for a in f.actors(c)]
            found = self._phrase_spans(owners, tok) if owners else []
        if not found and tok.pos_ in ("NOUN", "PROPN") and (
                tok.lower_ in self.lex.sanction_target_heads or tok.lemma_.lower() in self.lex.sanction_target_heads):
            found = [f.text_filler(tok)]
        return found, None

    def _sanction_targets(self, m: Mention, toks: list[Token]) -> None:
        for tok in toks:
            targets, covers = self._sanction_object(tok)
            m.add("target", targets)
            if covers and m.covers is None:
                m.covers = covers

    def _sanction_agents(self, m: Mention, node: Token) -> None:
        """Imposers after "by"; the parser often hangs the target on the imposer ("imposed by the
        EU on Iran")."""
        for by in pobjs(node, "by"):
            m.add("imposers", self.f.actors(by))
            self._sanction_targets(m, pobjs(by, "on", "against"))

    def _sanction_reason(self, m: Mention, nodes: list[Token]) -> None:
        """Why: "over its nuclear programme", "for supplying drones to Russia", "in response to ...",
        "after ..."; never a time ("for two years", "for the first time")."""
        sent = m.sent
        for node in nodes:
            for prep in node.children:
                if m.reason is not None:
                    return
                if prep.dep_ != "prep":
                    continue
                objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if prep.lower_ in ("over", "for") and objs:
                    obj = objs[0]
                    if any(t.ent_type_ in ("DATE", "TIME", "ORDINAL", "CARDINAL") for t in obj.subtree) or \
                            obj.lower_ in type_words("sanction", "duration_heads"):
                        continue
                    m.reason = sent.doc[obj.left_edge.i:obj.right_edge.i + 1].text
                elif prep.lower_ in ("in", "after", "following"):
                    found = {t.lower_ for t in prep.subtree}
                    if found & type_words("sanction", "reason_words") \
                            or prep.lower_ in ("after", "following"):
                        m.reason = sent.doc[prep.i:prep.right_edge.i + 1].text

    def _lift(self, token: Token, verb: Token) -> bool:
        """Whether the sanction is being ended: "lifted sanctions", "the lifting of the embargo",
        "sanctions relief", "X was removed from the blacklist"."""
        lex = self.lex
        if token.dep_ in ("dobj", "nsubjpass", "pobj") and verb.lemma_.lower() in lex.sanction_lift:
            if token.dep_ != "pobj" or token.head.lower_ == "from":
                return True
        head = token.head
        if token.dep_ == "compound" and (head.lemma_.lower() in lex.sanction_lift_nouns or head.lower_ in lex.sanction_lift_nouns):
            return True  # "sanctions relief"
        if token.dep_ == "pobj" and head.lower_ == "of" and (
                head.head.lemma_.lower() in lex.sanction_lift_nouns or head.head.lower_ in lex.sanction_lift_nouns):
            return True  # "the lifting of the embargo"
        return False

    def read(self, token: Token, sent: Span) -> Mention | None:
        lemma = token.lemma_.lower()
        f = self.f
        lex = self.lex
        measure = self._measure_object(token)
        if measure is not None:
            return self._measure(token, sent, *measure)
        if token.pos_ == "VERB" and lemma in lex.sanction_verbs:
            m = Mention(EventType.SANCTION, token, sent)
            passive = any(c.dep_ == "nsubjpass" for c in token.children)
            if passive:
                self._sanction_targets(m, children(token, "nsubjpass")[:1])
                self._sanction_agents(m, token)
            else:
                m.add("imposers", f.actors(next(iter(children(token, "nsubj")), None) or f.subject_of(token)))
                self._sanction_targets(m, children(token, "dobj"))
            self._sanction_reason(m, [token])
        elif token.pos_ == "NOUN" and lemma in lex.sanction_nouns:
            m = self._sanction_noun(token, sent, lemma)
            if m is None:
                return None
        else:
            return None
        m.measure = self._MEASURE_OF.get(lemma)
        if not m.roles.get("imposers") and not m.roles.get("target") and not (
                token.pos_ == "NOUN" and (lemma in lex.sanction_standalone or token.lower_ in lex.sanction_standalone)):
            return None
        self._sanction_reason(m, [f.clause_verb(token)])
        m.negated = f.negated(token)
        m.when = f.date_of(token) or f.date_of(f.clause_verb(token))
        return m

    def _sanction_noun(self, token: Token, sent: Span, lemma: str) -> Mention | None:
        """"the EU imposed sanctions on Iran", "an arms embargo to Vietnam", "sanctions relief for
        Iran": the imposers, targets, what is covered and the reason of a sanction noun."""
        f = self.f
        lex = self.lex
        if lemma in ("ban", "restriction") and not any(
                c.lower_ in lex.sanction_restriction_words for c in token.subtree):
            return None
        if lemma == "control" and not (token.lower_ == "controls" and any(
                c.dep_ in ("compound", "amod", "nmod") and c.lower_ in lex.sanction_control_modifiers
                for c in token.children)):
            return None  # "arms control", "under government control"
        m = Mention(EventType.SANCTION, token, sent)
        verb = token.head if token.dep_ in ("dobj", "nsubjpass") else f.clause_verb(token)
        m.lifted = self._lift(token, verb)
        self._noun_verb_roles(m, token, lemma, verb)
        # what the phrase after the noun covers is more specific than its modifier:
        # "export controls on drone engines" cover the engines
        self._sanction_targets(m, pobjs(token, "on", "against", "targeting"))
        if m.lifted and token.dep_ in ("compound", "pobj"):
            # "sanctions relief for Iran", "the lifting of sanctions on Syria"
            ender = token.head if token.dep_ == "compound" else token.head.head
            self._sanction_targets(m, pobjs(ender, "for", "on", "against"))
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
        for child in modifiers:
            ent = f.ent_at.get(child.i)
            if ent is not None and ent.label_ in {"ACTOR", "DEMONYM", "SEAT", "CAPITAL"}:
                m.add("imposers", f.actors(child))
            elif m.covers is None and child.dep_ in ("compound", "nmod", "amod") and self._is_covered(child):
                m.covers = self._covered_text(child)  # "an arms embargo", "export controls"
        if lemma in type_words("sanction", "destination_measures"):
            # "an arms embargo to Vietnam", "export controls to China": where the goods may not go
            self._sanction_targets(m, [t for t in pobjs(token, "to") if f.actors(t, allow_place=True)])
        self._sanction_agents(m, token)
        for clause in token.children:
            if clause.dep_ != "acl":
                continue
            # "sanctions imposed by the EU on Iran", "sanctions targeting Russia's banks"
            if clause.lemma_.lower() in lex.sanction_support or clause.lemma_.lower() in lex.sanction_lift:
                self._sanction_agents(m, clause)
                self._sanction_targets(m, pobjs(clause, "on", "against"))
            elif clause.lemma_.lower() in lex.sanction_subject_verbs:
                self._sanction_targets(m, children(clause, "dobj"))
        # "sanctions targeting its oil sector over the invasion": the reason may hang on the clause
        self._sanction_reason(m, [token, verb] + [c for c in token.children if c.dep_ == "acl"])
        return m

    def _noun_verb_roles(self, m: Mention, token: Token, lemma: str, verb: Token) -> None:
        """The roles the verb a sanction noun hangs on gives: its subject imposes ("imposed
        sanctions"), or is targeted ("faces sanctions", "was hit with sanctions"); its "on" or
        listing object is the target."""
        f = self.f
        lex = self.lex
        vlemma = verb.lemma_.lower()
        governs = token.dep_ in ("dobj", "nsubjpass") or (
            token.dep_ == "pobj" and token.head.head.i == verb.i)
        # "faces sanctions" (an object) and "was hit with sanctions" (a passive): the subject
        # is whom the sanction hits, never who imposes it
        targeted_subject = (token.dep_ == "dobj" and vlemma in lex.sanction_target_subjects) or (
            token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.i == verb.i and
            (vlemma in lex.sanction_support or vlemma in lex.sanction_subject_verbs) and
            any(c.dep_ == "nsubjpass" for c in verb.children))
        if vlemma in lex.sanction_support or token.dep_ == "dobj" or (m.lifted and governs):
            subj = next(iter(children(verb, "nsubj")), None) or f.subject_of(verb)
            if not (token.dep_ == "nsubjpass" or targeted_subject or (subj is not None and subj.i == token.i)):
                m.add("imposers", f.actors(subj))
            self._sanction_agents(m, verb)
            self._sanction_targets(m, pobjs(verb, "on", "against"))
            if lemma in type_words("sanction", "destination_measures"):
                # "introduced export controls on engines to China": the parser hangs where the
                # goods may not go on the verb
                self._sanction_targets(m, [t for t in pobjs(verb, "to") if f.actors(t, allow_place=True)])
            if token.dep_ == "pobj" and token.head.head.i == verb.i and vlemma in lex.sanction_listing:
                # "added three firms to its blacklist", "was removed from the list"
                self._sanction_targets(m, children(verb, "dobj", "nsubjpass"))
        if targeted_subject:
            # "Iran faces new sanctions", "Minsk was hit with sanctions": the subject is targeted
            self._sanction_targets(m, children(verb, "nsubj", "nsubjpass"))
        if token.dep_ == "nsubj" and vlemma in lex.sanction_subject_verbs:
            # "the new sanctions hit Russia's central bank"
            self._sanction_targets(m, children(verb, "dobj"))


def group(mentions: list[Mention]) -> list[Group]:
    # sanctions imposed and the same sanctions lifted are two events
    return group_by_parties(mentions, EventType.SANCTION, ("imposers", "target"), join_empty=False,
                            keep_empty=True, apart=lambda last, m: m.lifted != last.lifted)


def keep(mention: Mention) -> bool:
    # a lifting only proposed or weighed ("proposed easing sanctions") is talk about the
    # sanction, not a change to it
    return not (mention.lifted and mention.realis != Realis.ACTUAL)


MODULE = register_type(EventModule(EventType.SANCTION, roles=('imposers', 'target'), reader=SanctionReader, group=group, keep=keep))
