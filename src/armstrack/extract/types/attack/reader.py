"""ATTACK: strikes and other violence, by whom, on whom, where and with which weapon."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ....records import EventType, Filler
from ...frames import ITEM_LABELS, Mention, RELATIVE_PRONOUNS
from ...arguments import Arguments, REFLEXIVES, children, is_item, pobjs
from ...merge import Group, group_by_parties
from ...lexicon import type_words
from ...registry import EventModule, register_type

# prepositions that give an attack its place ("in Baghdad", "outside a mosque", "near the border")
ATTACK_PLACE_PREPS = ("in", "near", "off", "across", "over", "at", "outside", "inside", "around", "along")


class AttackReader(Arguments):
    def read(self, token: Token, sent: Span) -> Mention | None:
        lemma = token.lemma_.lower()
        m = Mention(EventType.ATTACK, token, sent)
        modifier_places: list[Filler] = []
        if token.pos_ == "VERB" and lemma in self.lex.attack_verbs:
            if not self._attack_verb(m, token, lemma):
                return None
        elif token.pos_ == "VERB" and (lemma in self.lex.violence_verbs or lemma in self.lex.seizure_verbs):
            if not self._violence(m, token):
                return None
        elif token.pos_ in ("NOUN", "PROPN") and (lemma in self.lex.attack_nouns or token.lower_ in self.lex.attack_nouns):
            if not self._attack_noun(m, token, lemma, modifier_places):
                return None
        else:
            return None
        return self._placed(m, token, lemma, modifier_places)

    def _attack_verb(self, m: Mention, token: Token, lemma: str) -> bool:
        """"Houthi rebels attacked a ship", "was hit by a missile", "the device exploded": the
        attacker, target and weapon of an attack verb; False when it is no attack here."""
        f = self.f
        if lemma in type_words("attack", "aimed_lemmas") and not pobjs(token, "at", "on", "into", "toward", "towards", "against"):
            return False  # "fired missiles" alone is use of a weapon, read by the transfer status
        if lemma in type_words("attack", "argument_lemmas") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in token.children):
            return False
        if lemma == "target" and token.dep_ == "acl" and (
                token.head.lemma_.lower() in self.lex.sanction_nouns or token.head.lower_ in self.lex.sanction_nouns):
            return False  # "sanctions targeting Russia's oil sector" aim a measure, not a weapon
        device = lemma in self.lex.device_verbs
        if device and any(c.lower_ in self.lex.accident_adverbs for c in token.children):
            return False
        passive = any(c.dep_ == "nsubjpass" for c in token.children)
        if passive:
            subjpass = next(iter(children(token, "nsubjpass")))
            if is_item(f, subjpass) or device:
                m.add("weapon", [f.item(subjpass)[0] or f.text_filler(subjpass)])
            else:
                m.add("target", self._target(subjpass))
            for by in pobjs(token, "by"):
                if is_item(f, by) and not self._is_perpetrator(by):
                    m.add("weapon", [f.item(by)[0]])  # "was hit by a missile"
                else:
                    m.add("attacker", self._agent(by))
        else:
            subj = next(iter(children(token, "nsubj")), None) or f.subject_of(token)
            if subj is None and device and token.dep_ == "conj":
                # "the bomb was planted outside and exploded": the shared subject
                subj = next(iter(children(token.head, "nsubjpass")), None)
            if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ == "relcl":
                subj = subj.head.head  # "a device that exploded"
            if subj is not None and not self._is_perpetrator(subj) and is_item(f, subj):
                m.add("weapon", [f.item(subj)[0]])
                m.add("attacker", self._weapon_owners(subj))
            elif subj is not None and device and not children(token, "dobj") and (
                    subj.lemma_.lower() in self.lex.device_heads or subj.lower_ in self.lex.device_heads):
                m.add("weapon", [f.text_filler(subj)])  # "the device exploded"
            else:
                m.add("attacker", self._agent(subj))
            for obj in children(token, "dobj"):
                if is_item(f, obj):
                    m.add("weapon", [f.item(obj)[0]])
                elif device:
                    # "detonated his vest": what is detonated is the device, not what it hits
                    if obj.lower_ not in REFLEXIVES:
                        m.add("weapon", [f.text_filler(obj)])
                else:
                    m.add("target", self._target(obj))
        for tgt in pobjs(token, "at", "on", "against", "into"):
            m.add("target", self._target(tgt))
        for w in pobjs(token, "with") + [p for o in children(token, "dobj") for t in o.subtree
                                            for p in pobjs(t, "with")]:
            item, _ = f.item(w)
            if item:
                m.add("weapon", [item])
        return True

    def _attack_noun(self, m: Mention, token: Token, lemma: str, modifier_places: list[Filler]) -> bool:
        """"the attack on the base by militants", "US Predator attacks", "the Kabul bombing": the
        roles an attack noun's phrase gives; places its modifiers name go to `modifier_places`."""
        f = self.f
        if not self._attack_noun_sense(token, lemma):
            return False
        for tgt in pobjs(token, "on", "against", "of", "at", "targeting"):
            m.add("target", self._target(tgt))
        for by in pobjs(token, "by"):
            m.add("attacker", self._agent(by))
        for by in pobjs(token, "from"):
            m.add("attacker", f.actors(by))
        # "US Predator attacks": modifiers of modifiers name the attacker and weapon too
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
        modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children
                      if g.dep_ in ("compound", "amod", "nmod", "poss")]
        conflict = lemma in self.lex.conflict_nouns or token.lower_ in self.lex.conflict_nouns
        for child in modifiers:
            ent = f.ent_at.get(child.i)
            if ent is not None and ent.label_ in ITEM_LABELS:
                m.add("weapon", [f._filler_from_ent(ent)])
            elif ent is not None and child.head.i == token.i and (
                    (conflict and self._is_state(ent)) or
                    (child.dep_ == "compound" and ent.label_ in ("CAPITAL", "GPE", "LOC", "FAC"))):
                # "the Syrian war", "the Kabul bombing": where, not who
                modifier_places.append(f.place(child, named=True))
            elif ent is not None and ent.label_ in {"ACTOR", "DEMONYM", "SEAT", "CAPITAL"}:
                m.add("attacker", f.actors(child))
            elif ent is None and child.dep_ in ("amod", "compound") and child.head.i == token.i and \
                    child.lower_ in self.lex.weapon_qualifiers:
                m.add("weapon", [f.text_filler(child)])
        if not m.roles.get("target") and token.dep_ == "nsubj" and \
                token.head.lemma_.lower() in self.lex.violence_verbs:
            # "the attacks have killed eight leaders"
            for obj in children(token.head, "dobj"):
                if self._is_victim(obj):
                    m.add("target", self._target(obj))
        verb = f.clause_verb(token)
        if token.dep_ == "dobj" and (verb.lemma_.lower() in self.lex.attack_support or
                                     verb.lemma_.lower() in self.lex.fire_verbs):
            # "militants launched an attack on the base", "the gunman opened fire on worshippers":
            # the verb's subject attacks, and what it aims at is the target
            if not m.roles.get("attacker"):
                m.add("attacker", self._agent(f.subject_of(verb)))
            if not m.roles.get("target"):
                for tgt in pobjs(verb, "on", "against", "at", "targeting"):
                    m.add("target", self._target(tgt))
        return True

    def _placed(self, m: Mention, token: Token, lemma: str, modifier_places: list[Filler]) -> Mention | None:
        """The attack's place, its generic targets resolved to their owners, its negation and
        date; None for an attack that names no party and no core place."""
        f = self.f
        # places: a name after the trigger's or its verb's preposition, or in the target phrase
        # ("vessels in the Red Sea"), before a place noun ("near the border"); only the names
        # after "in", "near", "off" make an attack of a noun that names no party
        core_preps = {token.i: ("in", "near", "off", "across", "over")}
        nodes = [token]
        if token.pos_ == "NOUN":
            verb = f.clause_verb(token)
            nodes.append(verb)
            core_preps.setdefault(verb.i, ("in", "near", "off"))
        taken = {t.start for t in m.roles.get("target", [])}
        core: list[Filler] = [p for p in modifier_places if p is not None]
        named: list[Filler] = []
        generic: list[Filler] = []
        for node in nodes:
            for place_tok in pobjs(node, *ATTACK_PLACE_PREPS):
                place = self._place(place_tok, generic=place_tok.head.lower_ != "over")
                if place is None or place.start in taken:
                    continue
                if place.kind != "place":
                    generic.append(place)
                elif place_tok.head.lower_ in core_preps.get(node.i, ()) and f.place(place_tok) is not None:
                    core.append(place)
                else:
                    named.append(place)
        # "shelled positions of the Palestinian forces": a generic target stands for whose it is
        for i, tgt in enumerate(m.roles.get("target", [])):
            if tgt.id is None:
                span = f.doc.char_span(tgt.start, tgt.end, alignment_mode="expand")
                owners = [a for of in (pobjs(span.root, "of") if span is not None else [])
                          for a in f.actors(of)]
                if owners:
                    m.roles["target"][i] = owners[0]
        for tgt in m.roles.get("target", []):
            span = f.doc.char_span(tgt.start, tgt.end, alignment_mode="expand")
            if span is not None:
                for place_tok in pobjs(span.root, "in", "near", "off"):
                    place = self._place(place_tok)
                    if place is not None:
                        (core if f.place(place_tok) is not None else generic).append(place)
        if not m.roles and not core and not (token.pos_ == "NOUN" and lemma in self.lex.attack_standalone):
            return None
        m.add("place", core + named + generic)
        m.negated = f.negated(token)
        m.when = f.event_date(token)
        return m

    def _weapon_owners(self, token: Token) -> list[Filler]:
        """"U.S. and British warplanes struck", "Russian aircraft killed": the weapon's owners attacked."""
        out = []
        for child in token.subtree:
            ent = self.f.ent_at.get(child.i)
            if ent is not None and ent.label_ in ("ACTOR", "DEMONYM") and child.dep_ in ("compound", "amod", "nmod", "conj"):
                out.append(self.f._filler_from_ent(ent))
        return out

    def _is_victim(self, token: Token) -> bool:
        token = self._quantified(token)
        ent = self.f.ent_at.get(token.i)
        if ent is not None and ent.label_ in ("PERSON", "NORP", "DEMONYM"):
            return True
        return token.lemma_.lower() in self.lex.victim_heads or token.lower_ in self.lex.victim_heads

    def _is_territory(self, token: Token) -> bool:
        token = self._quantified(token)
        ent = self.f.ent_at.get(token.i)
        if ent is not None and ent.label_ in ("GPE", "LOC", "FAC", "CAPITAL", "SEAT"):
            return True
        return token.lemma_.lower() in self.lex.territory_heads or token.lower_ in self.lex.territory_heads

    def _violence(self, m: Mention, token: Token) -> bool:
        """"Hezbollah guerrillas killed the deputy chief", "three soldiers were killed by a roadside
        bomb", "troops retook the village": an attack when someone or something did it to people,
        or took a place."""
        f = self.f
        lemma = token.lemma_.lower()
        passive = any(c.dep_ == "nsubjpass" for c in token.children)
        if passive:
            victims, agents = children(token, "nsubjpass"), pobjs(token, "by")
        else:
            subj = next(iter(children(token, "nsubj")), None) or f.subject_of(token)
            victims, agents = children(token, "dobj"), ([subj] if subj is not None else [])
        test = self._is_territory if lemma in self.lex.seizure_verbs else self._is_victim
        victims = [v for v in victims if test(v) and not is_item(f, v)]
        if not victims:
            return False
        for agent in agents:
            if agent.lemma_.lower() in self.lex.attack_nouns:
                return False  # "the attacks killed eight": the attack noun is the event
            if is_item(f, agent) and not self._is_perpetrator(agent):
                m.add("weapon", [f.item(agent)[0]])
                m.add("attacker", self._weapon_owners(agent))
                continue
            actors = self._actors(agent)
            if not actors and (agent.lemma_.lower() in self.lex.perpetrator_heads or
                               agent.lower_ in self.lex.perpetrator_heads):
                actors = [f.text_filler(agent)]
            m.add("attacker", actors)
        if not m.roles.get("attacker") and not m.roles.get("weapon"):
            return False
        for victim in victims:
            m.add("target", self._target(victim))  # _target reads "scores of refugees" itself
        for w in pobjs(token, "with"):
            item, _ = f.item(w)
            if item:
                m.add("weapon", [item])
        return True

    def _attack_noun_sense(self, token: Token, lemma: str) -> bool:
        """Attack nouns that are something else here: "war games" (a classifier), "a hunger strike",
        "came under fire for" (criticism: fire counts only with a firing verb or a target)."""
        if token.dep_ in ("compound", "nmod") and (token.head.lemma_.lower() in self.lex.classified_heads or
                                                   token.head.lower_ in self.lex.classified_heads):
            return False
        if lemma == "strike":
            left = {t.lower_ for c in token.lefts for t in c.subtree}
            if left & self.lex.not_attack_modifiers:
                return False
            if token.dep_ == "pobj" and token.head.lower_ == "on":
                return False  # "went on strike"
        if lemma == "fire":
            verb = token.head if token.dep_ == "dobj" else None
            if not ((verb is not None and verb.lemma_.lower() in self.lex.fire_verbs) or
                    pobjs(token, "on", "against", "at")):
                return False
        return True


def group(mentions: list[Mention]) -> list[Group]:
    # "bombs exploded near the finish line, killing three": one attack per sentence unless the
    # parties differ
    return group_by_parties(mentions, EventType.ATTACK, ("attacker", "target"), join_empty=False,
                            keep_empty=True, same_sentence=True)


MODULE = register_type(EventModule(EventType.ATTACK, roles=('attacker', 'target', 'place', 'weapon'), reader=AttackReader, group=group))
