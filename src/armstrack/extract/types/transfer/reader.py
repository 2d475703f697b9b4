"""TRANSFER: who supplies which materiel to whom, brokered by whom, how far it went."""
from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from spacy.tokens import Span, Token

from ...records import EventType, Filler, Status
from ..frames import ITEM_LABELS, Mention, RELATIVE_PRONOUNS
from ..arguments import Arguments, children, is_item, pobjs
from ..merge import Group, filler_ids, is_umbrella, items_compatible, parties_compatible
from ..registry import EventModule, register_type



class TransferReader(Arguments):
    @cached_property
    def words(self) -> dict[str, frozenset[str]]:
        """The transfer file's plain word lists as sets, built once per document: the readers
        below look words up in them for every token."""
        return {key: frozenset(value) for key, value in self.lex.section("transfer").items()
                if isinstance(value, list)}

    def read(self, token: Token, sent: Span) -> Mention | None:
        headline = self._headlinese(token, sent)
        if headline is not None:
            return headline
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and (self.lex.transfer_verbs.get(lemma) or {}).get("class") == "arrive":
            return self._arrival(token, sent, self.lex.transfer_verbs[lemma])
        gerund = self._gerund_object(token)
        if gerund is not None:
            return gerund
        owned = self._owned_from(token, sent)
        if owned is not None:
            return owned
        if token.pos_ == "VERB":
            entry = self.lex.transfer_verbs.get(lemma) or self._phrasal(token)
        elif token.pos_ in ("NOUN", "PROPN"):
            entry = self.lex.transfer_nouns.get(lemma) or self.lex.transfer_nouns.get(token.lower_)
        else:
            entry = None
        licence = self._licence(token) if entry is None else None
        if licence is not None:
            # "India builds Su-30s under licence from Russia": licensed production transfers the
            # design from the licensor to the producer
            entry = {**self.lex.transfer_verbs["receive"], "status": "delivered"}
        elif entry is None and (used := self._foreign_weapon_used(token)) is not None:
            return used
        elif entry is None and self._built_for(token):
            # "Naval Group will build Scorpene submarines for Indonesia": who builds for another
            # state supplies it
            entry = {**self.lex.transfer_verbs["supply"], "status": "delivered"}
        elif entry is None and self._made_for_another(token):
            # "Russian troops used Iranian-made drones": a weapon one state makes, in the hands of
            # another, was handed over
            entry = {**self.lex.transfer_verbs["supply"], "status": "delivered"}
        elif entry is None and self._interdicted_shipment(token):
            # "seized a ship carrying weapons bound for Libya": weapons on their way to someone
            entry = {**self.lex.transfer_verbs["ship"], "status": "delivering"}
        if entry is None:
            return None
        if self._under_embargo(token):
            return None  # "an embargo on arms sales to Belarus": the sanction forbids them
        f = self.f
        if any(c.dep_ == "prt" and c.lower_ in self.lex.non_transfer_particles for c in token.children):
            return None  # "gave up its weapons", "handing back their weapons"
        m = Mention(EventType.TRANSFER, token, sent)
        give = entry["frame"] == "give"
        if give and entry.get("get_without_to") and not pobjs(token, "to"):
            give = False  # "wants to lease a Swedish submarine": the subject takes it
        item = quantity = None
        item_tokens: set[int] = set()
        if token.pos_ == "VERB" and token.dep_ in ("acl", "amod") and token.tag_ == "VBN" and not any(
                c.dep_ in ("nsubj", "aux", "nsubjpass", "dobj") for c in token.children):
            # "centrifuges sold to North Korea": the noun the participle hangs on was transferred
            if lemma in self.lex.fitting_verbs and is_item(f, token.head):
                return None  # "drones armed with guided bombs"
            if is_item(f, token.head):
                item, quantity = f.item(token.head)
            for agent in pobjs(token, "by"):
                m.add("supplier" if give else "recipient", f.actors(agent))
            if token.dep_ == "amod":
                # "Iranian-supplied drones", "a Libyan supplied Scud-B": the qualifier names the
                # supplier (of a give verb; "Russian-bought" is rare enough to read the same way)
                before = token.doc[token.i - 1] if token.i > 0 else None
                for mod in [c for c in token.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod")] + (
                        [before] if before is not None and before.head.i == token.head.i and before.dep_ in ("amod", "compound") else []):
                    ent = f.ent_at.get(mod.i)
                    if ent is not None and ent.label_ in ("ACTOR", "DEMONYM"):
                        m.add("supplier" if give else "recipient", [f._filler_from_ent(ent)])
            # "Hamas fighters used Iranian-supplied rockets", "Russia fires North Korean-supplied
            # shells": who uses what was given to them received it, when the text says who they
            # are ("troops launched a Libyan supplied Scud-B" names no one)
            noun = token.head
            if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.user_verbs:
                # "India operates BrahMos missiles bought from Russia": the user got them
                user = next(iter(children(noun.head, "nsubj")), None)
                if user is not None:
                    m.add("recipient", [a for a in self._actors(user) if a.id])
        elif token.pos_ == "VERB":
            # "many of them supplied by the Americans": a participle with an agent and no
            # perfect auxiliary is passive even without "were"
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
                token.tag_ == "VBN" and any(c.dep_ == "agent" for c in token.children)
                and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children))
            subj = next(iter(children(token, "nsubj")), None) or (
                None if passive else f.subject_of(token, through_nouns=True))
            objs = [self._relative_antecedent(o) for o in children(token, "dobj")]
            if subj is not None and subj.lemma_.lower() in self.lex.private_buyers and not give and \
                    not f.actors(subj):
                return None  # "a man bought a rifle at a gun store": retail, not a transfer
            tough = self._tough_subject(token) if not objs and not passive else None
            if tough is not None:
                # "such drones are hard to obtain": the adjective's subject is the verb's object
                subj, objs = None, [tough]
            if not objs and not passive:
                # "denies acquiring or producing chemical weapons": coordinated verbs share the
                # object the parser hangs on the last of them
                for conj in token.children:
                    if conj.dep_ == "conj" and conj.pos_ == "VERB" and conj.i > token.i and \
                            not children(conj, "nsubj", "nsubjpass"):
                        objs = children(conj, "dobj")
                        break
            datives = children(token, "dative", "iobj")
            if lemma in self.lex.fitting_verbs and any(
                    is_item(f, t) for t in objs + children(token, "nsubjpass") +
                    ([token.head] if token.dep_ in ("acl", "relcl") else []) +
                    # "the frigate is armed with Exocets": the subject of a predicative participle
                    ([f.subject_of(token)] if token.dep_ == "acomp" and f.subject_of(token) is not None else [])):
                return None  # "missiles equipped with nuclear warheads": a weapon fitted, not handed over
            if passive:
                subjpass = next(iter(children(token, "nsubjpass")), None) or (
                    subj if subj is not None and subj.dep_ == "nsubj" else None)
                if subjpass is not None:
                    subjpass = self._relative_antecedent(subjpass)
                subj = None
                agents = pobjs(token, "by")
                if subjpass is not None and is_item(f, subjpass):
                    item, quantity = f.item(subjpass)
                elif subjpass is not None and f.item_antecedent(subjpass) is not None:
                    item, quantity = f.item_antecedent(subjpass)
                elif subjpass is not None:
                    m.add("recipient" if give else "supplier", f.parties(subjpass))
                m.add("supplier" if give else "recipient", f.parties(agents[0]) if agents else [])
            else:
                m.add("supplier" if give else "recipient", f.parties(subj))
            if token.dep_ == "relcl" and is_item(f, token.head) and token.head.dep_ == "dobj" and \
                    token.head.head.lemma_.lower() in self.lex.user_verbs:
                # "Hamas used rockets that were smuggled from Iran": who uses the item got it
                users = f.actors(f.subject_of(token.head.head))
                m.add("supplier" if not give else "recipient",
                      [u for u in users if u.id not in {a.id for a in m.roles.get("supplier" if give else "recipient", [])}])
            if give and not pobjs(token, "to") and any(
                    self._own_forces(o, subj) and not is_item(f, o) for o in objs + datives):
                return None  # "Iran armed its navy with anti-ship missiles": its own forces
            for obj in objs:
                if is_item(f, obj):
                    item, quantity = f.item(obj)
                elif f.item_antecedent(obj) is not None:
                    item, quantity = f.item_antecedent(obj)
                elif give:
                    # "provided Moscow with drones"
                    m.add("recipient", f.parties(obj))
                else:
                    # "asked Russia for S-400 systems"
                    m.add("supplier", f.actors(obj))
            if item is None and (lemma in self.lex.request_verbs or entry.get("item_prep") == "for"):
                for w in pobjs(token, "for"):
                    item, quantity = f.item(w)
                    if item:
                        break
            for dat in datives:
                if dat.lower_ in ("to", "for"):
                    continue
                m.add("recipient", f.parties(dat))
            if give and not datives and token.i + 1 < len(f.doc):
                # "Turkey sold Ukraine Bayraktar TB2 drones": the parser takes the first of two
                # objects for a modifier of the second; a named party right after the verb and
                # inside the object's phrase receives it
                first = f.ent_at.get(token.i + 1)
                if first is not None and first.label_ in ("ACTOR", "CAPITAL") and first.start == token.i + 1 and \
                        first.root.dep_ in ("compound", "nmod", "amod") and \
                        any(first.root.i in {t.i for t in o.subtree} for o in objs) and \
                        not any(o.i < first.end for o in objs):
                    m.add("recipient", [f._filler_from_ent(first)])
            if item is None:
                for w in pobjs(token, "with"):
                    item, quantity = f.item(w)
                    if item:
                        break
            if item is None and any(self._is_part(o) for o in objs):
                # "bought spare parts for its F-16 fleet": the parser hangs what the part is for
                # on the verb; `_component` keeps the item the part, not the system
                for w in pobjs(token, "for"):
                    found, _ = f.item(w)
                    if found is not None and found.id:
                        item = found
                        break
            if item is None:
                # "provided technology to the missile programmes of ...", "receiving materials for
                # a uranium enrichment plant": the purpose phrase makes the help materiel
                purpose = [t for prep in token.children if prep.dep_ in ("prep", "dative") and
                           prep.lower_ in ("for", "in", "to", "with") for t in prep.subtree]
                # "provided scientists to work on the missile program": an infinitive of purpose
                purpose += [t for node in [token] + objs for clause in node.children
                            if clause.dep_ in ("advcl", "xcomp", "acl", "relcl") and
                            any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
                            for t in clause.subtree]
                for obj in objs + [w for w in pobjs(token, "with")]:
                    item = f._materiel_phrase(obj, context=purpose)
                    if item is not None:
                        break
            if item is not None and give and not m.roles.get("recipient") and not pobjs(token, "to"):
                # "exported machine tools with military applications to Russia": the parser may
                # hang the destination deep inside the object's phrase
                for obj in objs + pobjs(token, "with"):
                    for prep in obj.subtree:
                        if prep.dep_ == "prep" and prep.lower_ == "to" and prep.head.pos_ == "NOUN":
                            for to in children(prep, "pobj"):
                                m.add("recipient", f.actors(to))
            if item is not None and lemma in self.lex.payload_verbs and not m.roles.get("recipient") \
                    and not pobjs(token, "to") and self._weapon_carries(token):
                return None  # "missiles capable of delivering nuclear warheads", "mines to deliver agents"
        else:
            # nominal: "deliveries of the Yakhont missiles", "arms sales to Taiwan"
            agent = lemma in self.lex.agent_nouns or token.lower_ in self.lex.agent_nouns
            # "the largest customer for British arms": an agent noun's "for" names what it buys
            for of in pobjs(token, "of") + (pobjs(token, "for") if agent else []):
                if is_item(f, of):
                    item, quantity = f.item(of)
                elif not give:
                    m.add("recipient", f.actors(of))
            if item is None:
                # "a package for Ukraine that includes HIMARS ammunition", "the latest tranche of
                # German aid to Ukraine includes four IRIS-T launchers": what the package includes
                for obj in self._package_contents(token):
                    if is_item(f, obj):
                        item, quantity = f.item(obj)
                        item_tokens.add(obj.i)
                        if not m.roles.get("recipient"):
                            for fr in pobjs(obj, "for", "to"):
                                m.add("recipient", [a for a in f.actors(fr) if a.id])
                        break
            if item is None and (lemma in self.lex.content_nouns or token.lower_ in self.lex.content_nouns):
                # "a package for Ukraine including HIMARS ammunition": the list may hang on the
                # recipient's phrase
                # "signed a contract with Russia for S-400s": the parser may hang the contents,
                # and the other party, on the verb the contract is the object of
                verb = token.head if token.dep_ == "dobj" and token.head.pos_ == "VERB" else None
                for w in pobjs(token, *self.lex.content_preps) + [
                        w for p in pobjs(token, "for", "to") for w in pobjs(p, *self.lex.content_preps)] + (
                        pobjs(verb, "for") if verb is not None else []):
                    if w.lemma_.lower() in self.lex.transfer_nouns:
                        continue  # "a deal for the supply of S-400s": the supply is its own event
                    if is_item(f, w):
                        item, quantity = f.item(w)
                        item_tokens.add(w.i)
                        break
                if item is not None and not give:
                    for other in pobjs(token, "with") + (pobjs(verb, "with") if verb is not None else []):
                        m.add("supplier", f.actors(other))
            if token.dep_ == "dobj" and token.head.lemma_.lower() in self.lex.receiving_support_verbs and \
                    token.lower_ in self.words["receiving_objects"]:
                # "Belarus took delivery of Su-30s (from Russia)": the subject gets what the noun names
                m.add("recipient", f.actors(f.subject_of(token.head)))
                for frm in pobjs(token.head, "from"):
                    m.add("supplier", f.actors(frm))
            elif token.dep_ == "dobj" and token.head.lemma_.lower() in self.lex.announcing_verbs:
                # "the Pentagon announced a package", "Poland unveiled the purchase": who announces a
                # sale or aid is its giver, a purchase its buyer
                m.add("supplier" if give else "recipient", f.actors(f.subject_of(token.head)))
            for to in pobjs(token, "to"):
                # "the delivery of Patriots to Ukraine by Germany": the agent may hang on the
                # recipient, which takes no "by" of its own
                for by in pobjs(to, "by"):
                    m.add("supplier" if give else "recipient", f.actors(by))
            agent_noun = lemma in self.lex.agent_nouns or token.lower_ in self.lex.agent_nouns
            if agent_noun:
                # "Russia is Iran's main supplier", "Egypt, the largest buyer of French arms": the
                # one the noun is said of is the supplier or buyer
                said_of = children(token.head, "nsubj") if token.dep_ == "attr" else \
                    [token.head] if token.dep_ == "appos" else []
                for agent in said_of:
                    m.add("supplier" if give else "recipient", f.actors(agent))
            for child in token.children:
                if child.dep_ in ("compound", "nmod", "amod", "poss"):
                    ent = f.ent_at.get(child.i)
                    if ent is not None and ent.label_ in ITEM_LABELS and item is None:
                        item, quantity = f.item(child)
                    elif ent is not None and ent.label_ in {"ACTOR", "DEMONYM", "CAPITAL", "SEAT"}:
                        if agent_noun and child.dep_ == "poss" and m.roles.get("supplier" if give else "recipient"):
                            # "Iran's supplier": the possessor is the other side
                            m.add("recipient" if give else "supplier", f.actors(child))
                            continue
                        m.add("supplier" if (give or child.dep_ != "poss") else "recipient",
                              f.actors(child))
            for by in pobjs(token, "by"):
                m.add("recipient" if not give else "supplier", f.actors(by))
            if item is None:
                # "military aid", "nuclear assistance": the trigger noun is itself the materiel
                item = f._materiel_phrase(token)
            if item is None:
                # "technology transfer for new missiles": the compound is the materiel, and what it
                # is for says so
                purpose = [t for t in token.subtree if t.i > token.i]
                for child in token.children:
                    if child.dep_ == "compound" and child.i < token.i:
                        item = f._materiel_phrase(child, context=purpose)
                        if item is not None:
                            break
        preps = entry["preps"]
        destinations = pobjs(token, *[p for p, r in preps.items() if r == "recipient" and " " not in p]) + [
            to for adv in token.children if adv.dep_ == "advmod" and adv.lower_ in ("back", "directly", "straight", "over")
            for to in pobjs(adv, "to")] + [
            # "a key supplier of weapons to ISIS": the small model may read "to ISIS" as an
            # infinitive, the name as its verb; a known actor is no verb
            clause for clause in token.children if clause.dep_ in ("advcl", "acl", "relcl") and
            clause.i in f.ent_at and f.ent_at[clause.i].label_ == "ACTOR" and
            any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)] + (
            # "negotiating over the supply of S-400s to Turkey": the parser may hang the
            # destination on the verb of the talks
            pobjs(token.head.head, "to") if token.pos_ == "NOUN" and token.dep_ == "pobj" and
            token.head.lower_ in self.lex.topic_preps and
            token.head.head.pos_ == "VERB" and not pobjs(token, "to") else [])
        for to in destinations:
            if to.lower_ in ("use", "purposes") or to.i in item_tokens:
                continue
            m.add("recipient", f.actors(to, allow_place=True) or f.parties(to))
        sources = [p for p, r in preps.items() if r == "supplier"]
        for frm in pobjs(token, *sources) + (pobjs(licence, *sources) if licence is not None else []):
            m.add("supplier", f.actors(frm, allow_place=True) or f.parties(frm))
        self._other_preps(m, token, preps)
        if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and \
                f.status_word(token.head) is not None:
            # "the United States cancelled the sale of F-35s to Turkey", "Turkey cancelled its
            # order": who decides on a sale is its seller, on a purchase its buyer
            role = "supplier" if give else "recipient"
            other = "recipient" if give else "supplier"
            passive = token.dep_ == "nsubjpass"
            decider = pobjs(token.head, "by") if passive else children(token.head, "nsubj")
            taken = {a.id for a in m.roles.get(other, []) if a.id}
            if not m.roles.get(role) and decider:
                m.add(role, [a for a in f.actors(decider[0]) if a.id not in taken])
            # "blocked the export of ammunition to Ukraine": the parser may hang the destination
            # on the deciding verb
            if give and not m.roles.get("recipient"):
                for to in pobjs(token.head, "to"):
                    m.add("recipient", f.actors(to))
            if not m.roles.get("supplier"):
                for frm in pobjs(token.head, "from"):
                    m.add("supplier", f.actors(frm))
        arranger = token.head if token.pos_ == "NOUN" and token.dep_ == "dobj" and \
            token.head.lemma_.lower() in self.lex.mediation else None
        if arranger is not None:
            # "A Georgian middleman arranged the transfer of Harop drones from Israel to
            # Azerbaijan": the broker's verb may carry the transfer's "from" and "to" (its subject
            # is the broker, see `_broker`)
            if give and not m.roles.get("recipient"):
                m.add("recipient", [a for p in pobjs(arranger, "to") for a in f.actors(p)])
            if not m.roles.get("supplier"):
                m.add("supplier", [a for p in pobjs(arranger, "from") for a in f.actors(p)])
        support = self._support_verb(token)
        if support is not None:
            # "Russia completed the delivery of S-400s to Turkey", "China agreed to the handover of
            # frigates to Pakistan", "Moscow stepped up arms deliveries to Myanmar": the verb only
            # says how the transfer goes, so its subject is the noun's doer, and the parser may
            # hang the noun's destination or source on it
            role, other = ("supplier", "recipient") if give else ("recipient", "supplier")
            taken = {a.id for a in m.roles.get(other, []) if a.id}
            subject = f.subject_of(support)
            if not m.roles.get(role) and subject is not None:
                m.add(role, [a for a in f.actors(subject) if a.id not in taken])
            if give and not m.roles.get("recipient"):
                for to in pobjs(support, "to"):
                    if to.i != token.i:
                        m.add("recipient", f.actors(to))
            if not m.roles.get("supplier"):
                for frm in pobjs(support, "from") + ([] if give else pobjs(support, "with") + pobjs(token, "with")):
                    # "placed an order for Rafale jets with France": a buyer orders "with" the seller
                    m.add("supplier", f.actors(frm))
        if item is None and entry.get("implies") and token.pos_ == "VERB" and not pobjs(token, "with") and \
                any(r.id for r in m.roles.get("recipient", [])):
            # "denied arming the RSF": the verb itself says what was handed over
            item = Filler("item", token.text, token.idx, token.idx + len(token.text), category=entry["implies"],
                          broad=getattr(f.kb.get("generic:" + entry["implies"]) if f.kb is not None else None,
                                        "broad", None), via="verb")
        if item is None:
            return None
        first = item
        item = self._component(m, item, give)
        m.add("item", [item])
        m.quantity = quantity
        for more, count in self._conjoined_items(first):
            m.more_items.append((self._component(m, more, give), count, {}))
        for more, count, roles in self._gapped_items(token, first):
            m.more_items.append((self._component(m, more, give), count, roles))
            for role, fillers in roles.items():
                # the second item's side is not the first one's too
                taken = {x.start for x in fillers}
                m.roles[role] = [x for x in m.roles.get(role, []) if x.start not in taken] or m.roles.get(role, [])
        if give and not m.roles.get("recipient") and token.dep_ == "xcomp" and (
                token.head.lemma_.lower() in self.lex.asking_verbs or any(
                    f"{token.head.lemma_.lower()} {p.lower_}" in self.lex.asking_verbs
                    for p in token.head.children if p.dep_ == "prep")):
            # "Ukraine has urged allies to send more Patriot systems": who asks for a delivery
            # and names no other destination wants it
            asker = [a for a in f.actors(next(iter(children(token.head, "nsubj")), None)) if a.id]
            taken = {a.id for a in m.roles.get("supplier", [])}
            m.add("recipient", [a for a in asker if a.id not in taken])
        if lemma in ("send", "bring", "transport") and not m.roles.get("recipient"):
            # "sent a drone over Israeli airspace", "sent a carrier to the Mediterranean" moves it,
            # it does not hand it over
            return None
        # "the last of its 30 Rafale jets from France": the parser may hang the source or the
        # destination on the item's phrase instead of the verb
        span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is not None:
            head = span.root
            # "40 F-16 jets": a model number may be parsed as the numeral of the head noun
            while head.dep_ in ("compound", "amod", "nmod", "nummod") and head.head.i != head.i:
                head = head.head
            heads = [head]
            # "AH-64E helicopters from the United States": a name the parser tears off leaves the
            # phrase with two heads, and the source may hang on either
            heads += [t for t in span if t.i != head.i and not span.start <= t.head.i < span.end]
            # "a second batch of Su-30s from Russia", "the first of 24 Rafales from France": the
            # amount the item is "of" may carry the source instead
            while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != token.i and \
                    head.head.head.pos_ in ("NOUN", "ADJ", "NUM") and len(heads) < 3:
                head = head.head.head
                heads.append(head)
            for node in heads:
                for frm in pobjs(node, "from"):
                    m.add("supplier", f.actors(frm, allow_place=True))
                if give:
                    for to in pobjs(node, "to"):
                        m.add("recipient", f.actors(to, allow_place=True))
                    if not m.roles.get("recipient") and lemma in self.lex.production_verbs:
                        # "produces drones for Russia": a named state or group the weapon is for
                        for fr in pobjs(node, "for"):
                            m.add("recipient", [a for a in f.actors(fr) if a.id])
                elif not m.roles.get("supplier") and token.pos_ == "NOUN" and lemma in self.lex.content_nouns:
                    # "placed an order for Rafale jets with France": the seller an order is "with"
                    for other in pobjs(node, "with"):
                        m.add("supplier", [a for a in f.actors(other) if a.id])
                # "missile components bound for the Houthis", "arms destined for Sudan"
                for acl in node.children:
                    if acl.dep_ in ("acl", "amod") and acl.lemma_.lower() in self.lex.destination_participles:
                        for to in pobjs(acl, "for", "to"):
                            m.add("recipient", f.actors(to, allow_place=True))
        # "Iranian drones": the maker's state is the supplier when nothing else says who
        if not m.roles.get("supplier") and item.start:
            head = f.doc.char_span(item.start, item.end, alignment_mode="expand")
            if head is not None:
                # "Chinese CH-92A drones": the demonym may qualify a name compounded on the head
                mods = [c for c in head.root.children] + [g for c in head.root.children if c.dep_ == "compound"
                                                          for g in c.children]
                for child in mods:
                    ent = f.ent_at.get(child.i)
                    if ent is not None and ent.label_ == "DEMONYM" and child.dep_ == "amod":
                        m.add("supplier", [f._filler_from_ent(ent)])
                        break
        self._negotiation_frame(m)
        self._contract_won(m, token)
        self._maker_supplies(m)
        self._broker(m)
        self._sponsors(m)
        self._transfer_status(m, entry)
        m.when = f.date_of(token)
        return m

    def _contract_won(self, m: Mention, token: Token) -> None:
        """"Saab won an order from Brazil for Gripen jets", "Lockheed Martin was awarded a
        contract to build F-16 jets for Bulgaria", "Bulgaria awarded Lockheed Martin a contract
        for": who wins or is awarded an order supplies it; who places or awards it receives."""
        words = self.words
        contract = token if token.lemma_.lower() in words["deal_nouns"] | {"order", "orders", "tender"} else (
            token.head if token.dep_ in ("acl", "relcl") and token.head.lemma_.lower() in words["deal_nouns"] else None)
        if contract is None or contract.dep_ != "dobj":
            return
        verb = contract.head
        lemma = verb.lemma_.lower()
        f = self.f
        if lemma in words["winning_verbs"]:
            winner, giver = f.subject_of(verb), next(iter(pobjs(contract, "from") + pobjs(verb, "from")), None)
        elif lemma in words["awarding_verbs"]:
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
            if passive:
                winner = next(iter(children(verb, "nsubjpass")), None)
                giver = next(iter(pobjs(verb, "by")), None)
            else:
                winner = next(iter(children(verb, "dative", "iobj")), None)
                giver = next(iter(children(verb, "nsubj")), None)
        else:
            return
        winners = [a for a in f.actors(winner) if a.id] if winner is not None else []
        if not winners:
            return
        givers = [a for a in f.actors(giver) if a.id] if giver is not None else []
        ids = {a.id for a in winners}
        m.roles["supplier"] = winners
        recipients = givers or [a for a in m.roles.get("recipient", []) + m.roles.get("supplier", []) if a.id not in ids]
        m.roles.pop("recipient", None)
        if recipients:
            m.roles["recipient"] = recipients[:1]

    def _maker_supplies(self, m: Mention) -> None:
        """"Indonesia began negotiating with France over the supply of Scorpene submarines":
        where a transfer noun's sides come from the clause around it, the syntax says little of
        direction, and a named system's maker state that stands as recipient is its supplier."""
        item = m.first("item")
        if m.trigger.pos_ not in ("NOUN", "PROPN") or item is None or not item.id or self.f.kb is None:
            return
        entry = self.f.kb.get(item.id)
        origin = getattr(entry, "country", None)
        suppliers, recipients = m.roles.get("supplier") or [], m.roles.get("recipient") or []
        if origin and len(suppliers) == 1 and len(recipients) == 1 and \
                (recipients[0].state or recipients[0].id) == origin and (suppliers[0].state or suppliers[0].id) != origin \
                and self._is_state_id(suppliers[0].state or suppliers[0].id or ""):
            m.roles["supplier"], m.roles["recipient"] = recipients, suppliers

    def _conjoined_items(self, item: Filler) -> list[tuple[Filler, object]]:
        """"supplied tanks and howitzers", "Kornet missiles and Pantsir systems": the other
        weapons conjoined with the item's phrase, each with its count."""
        span = self.f.doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None:
            return []
        # the parser may hang the conjunct on any word of the phrase: "Kornet missiles and
        # Pantsir systems" reads as (Kornet missiles and Pantsir) systems
        path = [span.root]
        while path[-1].dep_ in ("compound", "amod", "nmod", "nummod") and path[-1].head.i != path[-1].i:
            path.append(path[-1].head)
        out, seen = [], {item.id or item.text.lower()}
        for conj in [c for node in path for c in self._conjuncts(node)[1:]]:
            if conj.pos_ not in ("NOUN", "PROPN"):
                continue
            more, count = self.f.item(conj)
            key = more.id or more.text.lower() if more is not None else None
            if more is not None and key not in seen and not (more.start < item.end and item.start < more.end):
                seen.add(key)
                out.append((more, count))
        return out

    def _gapped_items(self, token: Token, item: Filler) -> list[tuple[Filler, object, dict]]:
        """"received artillery shells from North Korea and drones from Iran", "HIMARS from the
        US, and Patriot systems from Germany": a second weapon with its own source or
        destination, which the parser hangs on the first one's party or on the verb."""
        f = self.f
        candidates = [c for c in children(token, "conj") if c.pos_ in ("NOUN", "PROPN")]
        span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
        holders = [token] + ([span.root, span.root.head] if span is not None else [])
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ in ("prep", "dative") and prep.lower_ in ("from", "to"):
                    for party in children(prep, "pobj"):
                        candidates += [c for c in self._conjuncts(party)[1:] if c.pos_ in ("NOUN", "PROPN")]
        out, seen = [], {item.id or item.text.lower()}
        for cand in candidates:
            if f.actors(cand) or not is_item(f, cand):
                continue
            more, count = f.item(cand)
            key = more.id or more.text.lower()
            if key in seen:
                continue
            roles = {}
            for prep, role in (("from", "supplier"), ("to", "recipient")):
                # its own "from Russia", or one the parser hung on the verb after it ("bought Rafale
                # jets from France and S-400 systems from Russia")
                heads = pobjs(cand, prep) or [o for p in token.children if p.dep_ in ("prep", "dative")
                                               and p.lower_ == prep and p.i > cand.i for o in children(p, "pobj")]
                found = [a for p in heads for a in f.actors(p, allow_place=True)]
                if found:
                    roles[role] = found
            if roles:
                seen.add(key)
                out.append((more, count, roles))
        return out

    def _other_preps(self, m: Mention, token: Token, preps: dict[str, str]) -> None:
        """The roles a word's class gives its other prepositions: a transit state ("shipped via
        Syria", "through Turkey"), a go-between ("bought through a broker"), the one a buyer acts
        for ("on behalf of Iran"). Only actors count: "through the port", "via rail" name none."""
        sides = {f.id for r in ("supplier", "recipient") for f in m.roles.get(r, []) if f.id}
        for prep, role in preps.items():
            if role in ("supplier", "recipient"):
                continue
            words = prep.split()
            heads = pobjs(token, words[0])
            for noun, then in zip(words[1::2], words[2::2]):
                # "on behalf of": the object of "on" is "behalf", whose "of" names the party
                heads = [o for h in heads if h.lower_ == noun for o in pobjs(h, then)]
            for head in heads:
                found = [a for a in self.f.actors(head) if a.id and a.id not in sides]
                if found and role == "principal":
                    agents = m.roles.pop("recipient", [])
                    m.add("recipient", found)
                    if agents and not m.roles.get("broker"):
                        m.add("broker", agents)
                elif found and not m.roles.get(role):
                    m.add(role, found)

    def _package_contents(self, token: Token) -> list[Token]:
        """The objects of the verb that says what a package, deal or aid noun holds: its own
        relative clause ("a package that includes"), the verb it is the subject of ("the deal
        includes"), or that of the amount it is "of" ("the latest tranche of aid includes")."""
        verbs = self.words["content_verbs"]
        holders = [token]
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            holders.append(token.head.head)
        found = []
        for holder in holders:
            found += [c for c in holder.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in verbs]
            if holder.dep_ in ("nsubj", "nsubjpass") and holder.head.lemma_.lower() in verbs:
                found.append(holder.head)
        return [o for verb in found for o in children(verb, "dobj")]

    def _support_verb(self, token: Token) -> Token | None:
        """The verb a transfer noun is the object of when that verb only says how the transfer
        goes (begin, complete, step up, agree to, go ahead with): `support_verbs` in the type's
        word file, phrasal verbs by their particle."""
        if token.pos_ != "NOUN":
            return None
        if token.dep_ == "dobj":
            verb = token.head
        elif token.dep_ == "pobj" and token.head.lower_ in ("to", "with") and token.head.dep_ == "prep":
            verb = token.head.head
        else:
            return None
        if verb.pos_ not in ("VERB", "AUX") or verb.i == token.i:
            return None
        word = verb.lemma_.lower()
        phrasal = {f"{word} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
        if token.dep_ == "pobj":
            phrasal.add(f"{word} {token.head.lower_}")
            phrasal |= {f"{word} {c.lower_} {token.head.lower_}" for c in verb.children
                        if c.dep_ in ("prt", "advmod") and c.i < token.head.i}
        words = self.words["support_verbs"]
        entry = self.lex.transfer_nouns.get(token.lemma_.lower()) or self.lex.transfer_nouns.get(token.lower_) or {}
        if entry.get("frame") == "get":
            # "Brazil confirmed receipt of", "Poland announced the purchase of": the buyer's own words
            words = words | self.words["buyer_support_verbs"]
        return verb if (word in words and token.dep_ == "dobj") or phrasal & words else None

    def _phrasal(self, token: Token) -> dict | None:
        """A verb that is a transfer only with its particle or preposition ("signed for 30 more
        Rafale jets", "turned to Israel for Barak 8 systems"): `phrasal_verbs` in the type's file."""
        phrasal = self.lex.section("transfer").get("phrasal_verbs") or {}
        valency = self.lex.section("transfer")["valency"]
        if any(c.dep_ == "dobj" for c in token.children):
            return None  # "signed a deal with India for the supply of": the deal is the transfer word
        for c in token.children:
            entry = phrasal.get(f"{token.lemma_.lower()} {c.lower_}") if c.dep_ in ("prep", "prt") else None
            if entry is not None:
                spec = valency[entry["class"]]
                return {**entry, "frame": spec["frame"], "preps": {**spec["preps"], **entry.get("preps", {})}}
        return None

    def _owned_from(self, token: Token, sent: Span) -> Mention | None:
        """"Ukraine's new F-16 jets from Denmark entered service": a weapon a named party owns,
        "from" another, was handed over, when no transfer word governs the phrase."""
        f = self.f
        ent = f.ent_at.get(token.i)
        if ent is None or ent.label_ not in ITEM_LABELS or ent.root.i != token.i:
            return None
        head = token.head.lemma_.lower()
        if head in self.lex.transfer_verbs or head in self.lex.transfer_nouns or \
                token.dep_ not in ("nsubj", "nsubjpass", "dobj", "ROOT"):
            return None  # a transfer word reads it; "parts for its F-16 fleet" is no owner's weapon
        owners = [a for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN" for a in f.actors(c) if a.id]
        sources = [a for p in pobjs(token, "from") for a in f.actors(p) if a.id]
        if not owners or not sources or {a.id for a in owners} & {a.id for a in sources}:
            return None
        item, quantity = f.item(token)
        if item is None:
            return None
        m = Mention(EventType.TRANSFER, token, sent)
        m.add("supplier", sources[:1])
        m.add("recipient", owners[:1])
        m.add("item", [item])
        m.quantity = quantity
        m.status = Status.DELIVERED
        return m

    def _gerund_object(self, token: Token) -> Mention | None:
        """"The UAE has denied supplying weapons to Sudan", parsed with "supplying" as an adjective
        of "weapons": a transfer gerund right before the object of a saying verb (deny, admit,
        confirm) is that verb's complement, done by its subject."""
        entry = self.lex.transfer_verbs.get(token.lemma_.lower())
        noun = token.head
        if entry is None or token.tag_ != "VBG" or token.dep_ != "amod" or noun.dep_ != "dobj" or \
                noun.i != token.i + 1 or not is_item(self.f, noun):
            return None
        verb = noun.head
        saying = {w for words in self.lex.statement.values() for w in words} | self.lex.attribution
        if verb.lemma_.lower() not in saying:
            return None
        f = self.f
        give = entry["frame"] == "give"
        m = Mention(EventType.TRANSFER, token, token.sent)
        item, quantity = f.item(noun)
        m.add("supplier" if give else "recipient", f.parties(f.subject_of(verb)))
        for node in (noun, verb):
            for p in pobjs(node, *[p for p, r in entry["preps"].items() if r == "recipient" and " " not in p]):
                m.add("recipient", f.actors(p, allow_place=True))
            for p in pobjs(node, *[p for p, r in entry["preps"].items() if r == "supplier"]):
                m.add("supplier", f.actors(p, allow_place=True))
        m.add("item", [self._component(m, item, give)])
        m.quantity = quantity
        self._transfer_status(m, entry)
        m.when = f.date_of(verb)
        return m

    def _arrival(self, token: Token, sent: Span, entry: dict) -> Mention | None:
        """"The first batch of K9 howitzers arrived in Norway from South Korea": the item is the
        subject, "in"/"at"/"to" (or the object of "reach") the recipient, "from" the supplier,
        "via"/"through" the transit. Only a named source or a shipment word makes it a transfer:
        "Russian jets arrived in Syria" is a deployment."""
        f = self.f
        subject = f.subject_of(token)
        if subject is None or not is_item(f, subject):
            return None
        item, quantity = f.item(subject)
        m = Mention(EventType.TRANSFER, token, sent)
        sources = [a for p in pobjs(token, "from") for a in f.actors(p, allow_place=True) if a.id]
        containers = subject.lemma_.lower() in self.lex.quantity_containers or \
            subject.lower_ in self.lex.quantity_containers or subject.lemma_.lower() in self.lex.transfer_nouns
        if not sources and not containers:
            return None
        recipients = [a for p in pobjs(token, "in", "at", "to") for a in f.actors(p, allow_place=True) if a.id]
        recipients += [a for o in children(token, "dobj") for a in f.actors(o, allow_place=True) if a.id]
        if not recipients:
            return None
        m.add("recipient", recipients[:1])
        m.add("supplier", [a for a in sources if a.id not in {r.id for r in recipients}][:1])
        m.add("transit", [a for p in pobjs(token, "via", "through") for a in f.actors(p, allow_place=True) if a.id][:1])
        m.add("item", [self._component(m, item, True)])
        m.quantity = quantity
        if not m.roles.get("supplier"):
            # "a batch of Chinese-made CH-4 drones": the maker named on the item
            span = f.doc[subject.left_edge.i:subject.right_edge.i + 1]
            maker = [f._filler_from_ent(f.ent_at[t.i]) for t in span if t.i in f.ent_at and f.ent_at[t.i].label_ == "DEMONYM"]
            m.add("supplier", [a for a in maker if a.id and self._is_state_id(a.id)][:1])
        status = Status(entry["status"])
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in ("due", "expect", "set", "schedule"):
            status = Status.AGREED  # "are due to arrive": agreed, not there yet
        m.status = status
        m.when = f.date_of(token)
        return m

    def _headlinese(self, token: Token, sent: Span) -> Mention | None:
        """A headline the tagger misreads: "Iran ships drones to Russia" (ships a noun, drones
        the verb), "Russia delivers first Su-35 jets to Algeria" (the object torn off). In a
        short line with no full stop, an actor, a present-tense transfer verb, a weapon, and
        "to" or "from" an actor, in that order, are read by position."""
        if token.i != sent.start + 1 and not (token.i > sent.start and self.f.ent_at.get(token.i - 1) is not None):
            return None
        text = sent.text.rstrip()
        if len(sent) > 14 or text[-1:] in ".!?\"'\u201d" or not token.lower_.endswith("s"):
            return None
        entry = self.lex.transfer_verbs.get(token.lemma_.lower()) or self.lex.transfer_verbs.get(token.lower_[:-1]) \
            or self.lex.transfer_verbs.get(token.lower_[:-2] if token.lower_.endswith("es") else "")
        if entry is None or (token.pos_ == "VERB" and any(c.dep_ == "dobj" for c in token.children)):
            return None  # a verb the parser read rightly is read the usual way
        actor = self.f.ent_at.get(token.i - 1)
        if actor is None or actor.label_ not in ("ACTOR", "CAPITAL", "DEMONYM") or actor.start != sent.start:
            return None
        doc = self.f.doc
        i = token.i + 1
        while i < sent.end and (doc[i].lower_ in ("first", "more", "new", "the", "a", "an", "further", "extra")
                                or doc[i].like_num):
            i += 1
        item_ent = self.f.ent_at.get(i)
        if item_ent is None or item_ent.label_ not in ITEM_LABELS:
            return None
        item, quantity = self.f.item(item_ent.root)
        if item is None:
            return None
        j = item_ent.end
        if j >= sent.end or doc[j].lower_ not in ("to", "from") or j + 1 >= sent.end:
            return None
        other = self.f.ent_at.get(j + 1) or self.f.ent_at.get(j + 2)
        if other is None or other.label_ not in ("ACTOR", "CAPITAL", "DEMONYM"):
            return None
        give = entry["frame"] == "give"
        m = Mention(EventType.TRANSFER, token, sent)
        sides = [self.f._filler_from_ent(actor), self.f._filler_from_ent(other)]
        if (doc[j].lower_ == "from") == give:
            return None  # "sells ... from", "buys ... to": not a headline this reads
        m.add("supplier", [sides[0] if give else sides[1]])
        m.add("recipient", [sides[1] if give else sides[0]])
        m.add("item", [item])
        m.quantity = quantity
        m.status = Status(entry["status"])
        return m

    def _under_embargo(self, token: Token) -> bool:
        """A transfer noun an embargo or ban is "on": "an EU embargo on arms sales to Belarus",
        "lifting the ban on weapons exports to Venezuela" report no transfer; the SANCTION reader
        has the measure."""
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj" or token.head.lower_ not in ("on", "against"):
            return False
        measure = token.head.head
        word = measure.lemma_.lower()
        return measure.pos_ in ("NOUN", "PROPN") and (
            word in self.lex.sanction_nouns or measure.lower_ in self.lex.sanction_nouns)

    def _own_forces(self, noun: Token, giver: Token | None) -> bool:
        """"its navy", "their own troops", "Iran's army" under a giver that is Iran: a state
        equipping its own forces hands nothing over."""
        forces = self.words["own_forces"]
        if noun.lemma_.lower() not in forces and noun.lower_ not in forces:
            return False
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if not owners:
            return False
        if owners[0].lower_ in ("its", "their", "his", "her", "our"):
            return True
        mine = {a.id for a in self.f.actors(owners[0]) if a.id}
        return bool(mine) and giver is not None and mine <= {a.id for a in self.f.actors(giver) if a.id}

    def _foreign_weapon_used(self, token: Token) -> Mention | None:
        """"Azerbaijan used Israeli Harop drones", "Russian forces fired North Korean KN-23
        missiles": a weapon named by another state's demonym, in the hands of a named user, was
        handed over by that state (status used). The demonym must qualify the weapon itself,
        and the user must be another state or group."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.user_verbs:
            return None
        f = self.f
        user = f.actors(next(iter(children(token, "nsubj")), None))
        users = {a.id for a in user if a.id}
        if not users:
            return None
        for obj in children(token, "dobj"):
            if not is_item(f, obj):
                continue
            makers = []
            for mod in f.doc[obj.left_edge.i:obj.i]:
                ent = f.ent_at.get(mod.i)
                if mod.dep_ in ("amod", "compound", "nmod") and ent is not None and ent.label_ == "DEMONYM":
                    makers.append(f._filler_from_ent(ent))
            makers = [m for m in makers if m.id and m.id not in users and self._is_state_id(m.id)]
            if not makers:
                continue
            m = Mention(EventType.TRANSFER, token, token.sent)
            item, quantity = f.item(obj)
            m.add("supplier", makers[:1])
            m.add("recipient", [a for a in user if a.id])
            m.add("item", [item])
            m.quantity = quantity
            m.status = Status.USED
            m.when = f.date_of(token)
            return m
        return None

    def _built_for(self, token: Token) -> bool:
        """A production verb with a weapon as object and another state or group after "for"."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.production_verbs:
            return False
        items = [o for o in children(token, "dobj", "nsubjpass") if is_item(self.f, o)]
        if not items:
            return False
        makers = {a.state or a.id for a in self.f.actors(self.f.subject_of(token)) if a.id}
        # the parser may hang "for Russia" on the object
        buyers = [a for node in [token] + items for p in pobjs(node, "for") for a in self.f.actors(p) if a.id]
        kinds = {getattr(self.f.kb.get(a.state or a.id), "kind", None) for a in buyers} if self.f.kb is not None else set()
        return bool(buyers) and not {a.id for a in buyers} & makers and bool(kinds & {"state", "armed_group"})

    def _made_for_another(self, token: Token) -> bool:
        """"Iranian-made drones" used, fired or flown by a named other party."""
        if token.dep_ != "amod" or token.lemma_.lower() not in self.words["maker_participles"]:
            return False
        noun = token.head
        if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in self.lex.user_verbs or not is_item(self.f, noun):
            return False
        makers = [self.f.ent_at.get(c.i) for c in token.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod")]
        makers = [e for e in makers if e is not None and e.label_ in ("ACTOR", "DEMONYM")]
        users = self.f.actors(next(iter(children(noun.head, "nsubj")), None))
        return bool(makers) and any(u.id for u in users) and \
            {u.id for u in users} != {self.f._filler_from_ent(e).id for e in makers}

    def _interdicted_shipment(self, token: Token) -> bool:
        """Whether `token` is "bound for" on a weapon noun in a clause about stopping it."""
        if token.dep_ != "acl" or token.lemma_.lower() not in self.lex.destination_participles or \
                not pobjs(token, "for", "to") or not is_item(self.f, token.head):
            return False
        return any(node.lemma_.lower() in self.lex.interdiction_verbs for node in self.f.chain(token, 6)[1:])

    def _licence(self, token: Token) -> Token | None:
        """The licence noun of "produces X under licence (from Y)", when `token` is a production verb."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.production_verbs:
            return None
        for noun in pobjs(token, "under"):
            if noun.lemma_.lower() in self.lex.licence_nouns or noun.lower_ in self.lex.licence_nouns:
                return noun
        return None

    def _relative_antecedent(self, token: Token) -> Token:
        """"the jets which Russia delivered", "rockets that were smuggled": a relative pronoun
        stands for the noun its clause qualifies."""
        clause = token.head
        if token.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
            return clause.head
        return token

    def _tough_subject(self, token: Token) -> Token | None:
        """The subject of "X is easy/hard/cheap to V" (through "easier and cheaper"), which V's
        object is."""
        if token.dep_ != "xcomp" or children(token, "nsubj"):
            return None
        adj = token.head
        if adj.pos_ != "ADJ" or adj.lemma_.lower() not in self.lex.tough_adjectives:
            return None
        while adj.dep_ == "conj" and adj.head.pos_ == "ADJ":
            adj = adj.head
        if adj.dep_ != "acomp":
            return None
        return next(iter(children(adj.head, "nsubj", "nsubjpass")), None)

    def _weapon_carries(self, token: Token) -> bool:
        """Whether a weapon is what delivers or carries: its subject ("the missile can deliver"),
        the noun the clause hangs on ("missiles capable of delivering", "rockets designed to
        carry") or the object of a governing use ("using mines to deliver")."""
        f = self.f
        subj = f.subject_of(token, through_nouns=True)
        if subj is not None and is_item(f, subj):
            return True
        for node in f.chain(token, 5)[1:]:
            if node.pos_ in ("NOUN", "PROPN"):
                return is_item(f, node)
            if node.lemma_.lower() in ("use", "employ") and any(is_item(f, o) for o in children(node, "dobj")):
                return True
            if node.dep_ in ("ROOT", "ccomp"):
                return False
        return False

    def _negotiation_frame(self, m: Mention) -> None:
        """"negotiations between Russia and the Houthis to transfer X to them": the party that is
        not the recipient supplies."""
        for node in self.f.chain(m.trigger, 4)[1:]:
            if self.f.status_word(node) in ("negotiating", "agreed", "considered", "requested"):
                others: list[Filler] = []
                for between in pobjs(node, "between", "with"):
                    others.extend(self.f.actors(between))
                if m.trigger.pos_ in ("NOUN", "PROPN"):
                    # "signed a contract with India for ...": the other side may hang on the noun
                    for between in pobjs(m.trigger, "between", "with"):
                        others.extend(self.f.actors(between))
                # "Egypt is in talks with China to buy ...": the subject is one side
                verb = self.f.clause_verb(node)
                subject = [] if verb.lemma_.lower() in self.lex.mediation else \
                    self.f.actors(self.f.subject_of(verb))
                recipients = {f.id for f in m.roles.get("recipient", [])}
                suppliers = {f.id for f in m.roles.get("supplier", [])}
                if not suppliers and recipients:
                    rest = [p for p in others + subject if p.id and p.id not in recipients]
                    if len({p.id for p in rest}) == 1:
                        m.add("supplier", rest[:1])
                elif not recipients and suppliers:
                    rest = [p for p in others + subject if p.id and p.id not in suppliers]
                    if len({p.id for p in rest}) == 1:
                        m.add("recipient", rest[:1])
                elif not recipients and not suppliers and subject and others:
                    first, second = (subject, others) if m.trigger.lemma_.lower() in \
                        self.lex.transfer_verbs and self.lex.transfer_verbs[m.trigger.lemma_.lower()]["frame"] == "get" \
                        else (others, subject)
                    m.add("recipient", first[:1])
                    m.add("supplier", second[:1])
                return

    def _sponsors(self, m: Mention) -> None:
        """"A smuggling network run by Iran's Revolutionary Guards", "an arms dealer linked to
        Iran": a side the text names only by a kind of agent acts for the state the phrase ties
        it to. The filler keeps its words and no id; its `state` is what claims pair it as, the
        way a company pairs as its state."""
        verbs = self.words["sponsor_verbs"]
        for role in ("supplier", "recipient"):
            fillers = m.roles.get(role) or []
            for n, filler in enumerate(fillers):
                if filler.id or filler.state or filler.kind not in ("actor", "text"):
                    continue
                span = self.f.doc.char_span(filler.start, filler.end, alignment_mode="expand")
                if span is None or span.root.lemma_.lower() not in self.lex.generic_actor_heads:
                    continue
                for clause in span.root.children:
                    if clause.dep_ not in ("acl", "relcl", "amod") or clause.lemma_.lower() not in verbs:
                        continue
                    states = [a.state or a.id for p in pobjs(clause, "by", "to", "with", "from")
                              for a in self.f.actors(p) if a.id and self._is_state_id(a.state or a.id)]
                    if states:
                        fillers[n] = replace(filler, state=states[0])
                        break

    def _is_state_id(self, actor_id: str) -> bool:
        entry = self.f.kb.get(actor_id) if self.f.kb is not None else None
        return getattr(entry, "kind", None) == "state"

    def _broker(self, m: Mention) -> None:
        involved = {f.id for r in ("supplier", "recipient") for f in m.roles.get(r, [])}
        # "the deal, brokered by the UAE, saw Belarus deliver ...", "a sale brokered by X": a
        # participle of mediation on the trigger or on the subject of a verb above it
        for node in self.f.chain(m.trigger, 4):
            nouns = [node] if node.pos_ in ("NOUN", "PROPN") else children(node, "nsubj")
            for noun in nouns:
                for acl in noun.children:
                    if acl.dep_ == "acl" and acl.lemma_.lower() in self.lex.mediation and acl.lemma_.lower() != "host":
                        for agent in pobjs(acl, "by"):
                            broker = [b for b in self.f.actors(agent) if b.id not in involved]
                            if broker:
                                m.add("broker", broker)
                                return
        nouns = self.words["broker_nouns"]

        def word(t: Token) -> str:
            # "go-between" is three tokens: the hyphenated compound is the word
            left = t.i
            while left >= 2 and t.doc[left - 1].text == "-" and not t.doc[left - 1].whitespace_ and \
                    not t.doc[left - 2].whitespace_:
                left -= 2
            return t.doc[left:t.i + 1].text.lower() if left < t.i else t.lemma_.lower()

        # "Russia sold Yakhont missiles to the Houthis, with Iran acting as broker": an absolute
        # "with X acting as" on the trigger
        for w in pobjs(m.trigger, "with") + [c for p in m.trigger.children if p.dep_ == "prep" and p.lower_ == "with"
                                              for c in p.children if c.dep_ == "pcomp"]:
            for role in (t for t in w.subtree if t.dep_ == "pobj" and t.head.lower_ == "as" and word(t) in nouns):
                acting = role.head.head
                broker = [b for b in self.f.actors(next(iter(children(acting, "nsubj")), None)) if b.id not in involved]
                if broker:
                    m.add("broker", broker)
                    return
        for node in self.f.chain(m.trigger, 4)[1:]:
            # "Belarus acted as an intermediary in the sale", "the UAE was the middleman for the
            # deal": the one the go-between noun is said of
            if word(node) not in nouns:
                # "was the middleman for the sale": the parser may hang "for" on the copula
                node = next((c for c in children(node, "attr") if word(c) in nouns), None)
                if node is None:
                    continue
            if node.dep_ == "pobj" and node.head.lower_ == "as":
                bearer = self.f.subject_of(node.head.head)
            elif node.dep_ == "attr":
                bearer = next(iter(children(node.head, "nsubj")), None)
            elif node.dep_ == "appos":
                bearer = node.head
            else:
                bearer = None
            broker = [b for b in self.f.actors(bearer) if b.id not in involved] if bearer is not None else []
            if broker:
                m.add("broker", broker)
                return
        for node in self.f.chain(m.trigger, 5)[1:]:
            if node.pos_ == "VERB" and node.lemma_.lower() in self.lex.mediation and node.lemma_.lower() != "host":
                passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children)
                # "the sale ... was arranged by Syria": the agent of the passive brokers it
                broker = [a for p in pobjs(node, "by") for a in self.f.actors(p)] if passive else \
                    self.f.actors(self.f.subject_of(node))
                involved = {f.id for r in ("supplier", "recipient") for f in m.roles.get(r, [])}
                m.add("broker", [b for b in broker if b.id not in involved])
                return

    def _transfer_status(self, m: Mention, entry: dict) -> None:
        f = self.f
        trigger = m.trigger
        status = Status(entry["status"])
        refused_permission = any(node.lemma_.lower() in self.lex.permission_verbs and
                                 any(c.dep_ == "neg" for c in node.children)
                                 for node in f.chain(trigger, 4)[1:])
        negated = f.negated(trigger) and not refused_permission
        if negated and status.rank >= Status.AGREED.rank and any(
                c.dep_ == "advmod" and c.lower_ == "still" for c in trigger.children):
            status = Status.AGREED  # "still has not delivered the Su-35 jets": promised, not yet delivered
        elif negated:
            m.negated = True
        context, context_negated = f.status_from_context(trigger)
        modal = f.modal(trigger)
        if context is not None:
            status = context
            if context_negated and context in (Status.AGREED,):
                status = Status.CONSIDERED
        elif trigger.pos_ == "VERB":
            aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
            if modal == "future":
                status = Status.AGREED if status.rank >= Status.AGREED.rank else status
            elif modal == "weak":
                status = Status.CONSIDERED
                m.hedges.append("modal")
            elif trigger.tag_ == "VBG" and aux & {"is", "are", "was", "were", "'s", "'re", "been"}:
                # "is delivering", "has been receiving ... since 2023": an ongoing flow
                status = Status.DELIVERING if status == Status.DELIVERED else status
            elif trigger.dep_ == "xcomp" and trigger.head.lemma_ in ("have", "be") and any(
                    c.lower_ == "yet" for c in trigger.head.children):
                # "has yet to deliver": promised, not delivered
                status = Status.AGREED if status.rank >= Status.AGREED.rank else status
            elif trigger.tag_ in ("VB",) and not aux - {"to"} and trigger.dep_ in ("xcomp", "acl", "advcl"):
                # an infinitive ("eager to buy", "easy to obtain") says nothing has moved yet
                status = Status.CONSIDERED if status == Status.DELIVERED else status
        # "drones used in attacks": the item was used
        item = m.first("item")
        if item is not None and status in (Status.DELIVERED, Status.DELIVERING):
            span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is not None:
                for child in span.root.children:
                    if child.dep_ == "acl" and child.lemma_.lower() in ("use", "fire", "launch", "deploy"):
                        status = Status.USED
        if refused_permission:
            status = Status.CANCELLED  # "will not allow uranium transfers to Iran"
        elif self._stopped(trigger):
            # "no longer sells weapons to Niger": a flow that stopped
            status = Status.CANCELLED
            m.negated = False
        elif trigger.pos_ == "NOUN" and status in (Status.DELIVERED, Status.DELIVERING) and any(
                c.dep_ == "det" and c.lower_ in ("any", "every") for c in trigger.children):
            # "warned that any sale of Su-35 jets to Iran would trigger sanctions": a sale that
            # may come, not one that happened
            status = Status.CONSIDERED
            m.hedges.append("hypothetical")
        m.status = status

    @staticmethod
    def _stopped(trigger: Token) -> bool:
        """"no longer sells", "does not sell ... any longer"."""
        longer = [c for c in trigger.children if c.dep_ == "advmod" and c.lower_ == "longer"]
        negations = {t.lower_ for c in longer for t in c.children} | {
            c.lower_ for c in trigger.children if c.dep_ == "neg"}
        return bool(longer) and bool(negations & {"no", "not", "n't"})

    def _component(self, m: Mention, item: Filler, give: bool) -> Filler:
        """A named system that only says what a part is for is the part's system, not the item:
        "engines for Pakistan's F-16 jets", "F-16 spare parts", "upgrades for its Su-30 fleet"
        are components (no system id, so they never join the system's claim). An owner of the
        system in the phrase ("Pakistan's") is the recipient when the text names none."""
        f = self.f
        if not item.id:
            return item
        span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None:
            return item
        def is_part(node: Token) -> bool:
            return node.i != m.trigger.i and self._is_part(node)

        node = span.root
        part = node if is_part(node) else None
        for _ in range(5):
            if part is not None or node.head.i == node.i or node.i == m.trigger.i:
                break
            if not (node.dep_ in ("compound", "nmod", "amod", "nummod", "pobj") or
                    (node.dep_ == "prep" and node.lower_ in ("for", "of"))):
                break
            node = node.head
            part = node if is_part(node) else None
        if part is None:
            # "the sale of engines for Pakistan's F-16s", "bought parts for its F-16 fleet": the part
            # is the trigger's object and the system sits in a "for" beside it
            trigger = m.trigger
            direct = children(trigger, "dobj") + pobjs(trigger, "of")
            objects = [o for o in direct + [w for d in direct for w in pobjs(d, "of")] if self._is_part(o)]
            fors = [w for node in [trigger] + direct for w in pobjs(node, "for")]
            holder = next((w for w in fors if span.root.i in {x.i for x in w.subtree}), None)
            if not objects or holder is None:
                return item
            part = objects[0]
            lo = min(part.left_edge.i, span.start)
            phrase = f.doc[lo:self._phrase_end(holder) + 1]
            return self._component_filler(m, item, phrase, give)
        # the part and what it is for, not the rest of its phrase ("... from the United States")
        ends = [part.i, span.end - 1] + [self._phrase_end(w) for p in part.children
                                         if p.dep_ == "prep" and p.lower_ in ("for", "of")
                                         for w in children(p, "pobj")]
        phrase = f.doc[min(part.left_edge.i, span.start):max(ends) + 1]
        return self._component_filler(m, item, phrase, give)

    def _is_part(self, node: Token) -> bool:
        inside = self.f.ent_at.get(node.i)
        return (node.lower_ in self.lex.component_heads or node.lemma_.lower() in self.lex.component_heads) and \
            not (inside is not None and inside.label_ == "WEAPON")

    @staticmethod
    def _phrase_end(noun: Token) -> int:
        """The last token of a noun's phrase before a "from" or "to" the parser hung on it
        ("its F-16 fleet from the United States"): those name a side, not the item."""
        end = noun.i
        for t in noun.subtree:
            if t.dep_ == "prep" and t.lower_ in ("from", "to") and t.head.i == noun.i:
                break
            end = max(end, t.i)
        return end

    def _component_filler(self, m: Mention, item: Filler, phrase: Span, give: bool) -> Filler:
        f = self.f
        # "... parts for its F-16 fleet from the United States": a side hung on the phrase
        for token in phrase:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.i >= phrase.end and prep.lower_ in ("from", "to"):
                    role = "supplier" if prep.lower_ == "from" else "recipient"
                    if not m.roles.get(role):
                        for w in children(prep, "pobj"):
                            m.add(role, f.actors(w))
        if not m.roles.get("recipient" if give else "supplier"):
            owners = [t for t in phrase if t.dep_ == "poss" and t.i in f.ent_at]
            for owner in owners:
                m.add("recipient" if give else "supplier", f.actors(owner))
        return Filler("item", phrase.text, phrase.start_char, phrase.end_char, name=f"{item.name} components",
                      category="components", broad=item.broad, via="component")


def group(mentions: list[Mention]) -> list[Group]:
    """Transfers join when parties and items are compatible (see `merge`); a transfer
    with different fully named items stays apart."""
    groups: list[Group] = []
    for m in mentions:
        item = m.first("item")
        has_sides = bool(m.roles.get("supplier")) + bool(m.roles.get("recipient"))
        target = None
        for g in reversed(groups):
            if not items_compatible((g.roles.get("item") or [None])[0], item):
                continue
            if not parties_compatible(g.roles.get("supplier"), m.roles.get("supplier")):
                continue
            if not parties_compatible(g.roles.get("recipient"), m.roles.get("recipient")):
                continue
            g_item = (g.roles.get("item") or [None])[0]
            if has_sides and is_umbrella(item) != is_umbrella(g_item) and not (
                    (g.role_ids("supplier") | g.role_ids("recipient")) &
                    (filler_ids(m.roles.get("supplier")) | filler_ids(m.roles.get("recipient")))):
                # "uranium transfers to Iran" and "North Korea provided scientists": a general
                # help joins a named item only through a shared party
                continue
            # two fully stated transfers with different items stay apart even if categories overlap
            if has_sides == 2 and len(g.role_ids("supplier")) and len(g.role_ids("recipient")) and \
                    g_item is not None and item is not None and g_item.id and item.id and g_item.id != item.id:
                continue
            target = g
            break
        if target is not None:
            target.absorb(m)
        elif has_sides or (item is not None and (item.id or (item.category and (
                m.trigger.pos_ == "VERB" or not is_umbrella(item))))):
            # a verb that moves a known weapon is a transfer even when the parties go unnamed
            # ("obtain an assault rifle"), and so is a noun that moves a named kind of weapon
            # ("the delivery of coastal defence missiles"; not "arms sales" in general); such
            # events form no claim (claims need both parties)
            group = Group(EventType.TRANSFER)
            group.absorb(m)
            groups.append(group)
    return [g for g in groups if g.asserted and _plausible(g)]


def _plausible(group: Group) -> bool:
    """Drop what only looks like a transfer: a supplier handing to itself ("militiamen hand
    weapons to Iraqi police"), or an item that is military only sometimes ("aircraft", "jets")
    unless a state, armed group or international organisation receives it."""
    suppliers, recipients = group.role_ids("supplier"), group.role_ids("recipient")
    if suppliers and suppliers == recipients:
        return False
    item = (group.roles.get("item") or [None])[0]
    if item is not None and item.via == "dual-use":
        from ...resolve.kb import load_kb

        kb = load_kb()
        military = {"state", "armed_group", "organisation"}

        def kinds(role: str) -> set:
            return {getattr(kb.get(f.state or f.id), "kind", None) for f in group.roles.get(role, [])}

        if not kinds("recipient") & military:
            # "Qatar Airways bought Boeing 777 jets from the United States": a buyer that is no
            # state, group or organisation buys airliners, not arms
            return False
    return True


MODULE = register_type(EventModule(EventType.TRANSFER, roles=('supplier', 'recipient', 'broker', 'item', 'transit'), reader=TransferReader, group=group))
