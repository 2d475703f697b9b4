"""The model's attribute ruler and lemmatizer, the same results for less time.

On the text the relevance gate keeps, spaCy's AttributeRuler (179 token patterns run through
the general Matcher) and its rule lemmatizer (a Python loop that builds a MorphAnalysis per
token) took 2.2 s of 9.2 s of the whole pipeline on bbc_news, as much as the parser. Both are
small pure functions of each token's attributes, so:

* `fast_matches` finds the same matches as the ruler's Matcher by looking each token up in
  indexes of the patterns' exact values, then checking the full pattern (exact values, IN,
  NOT_IN and REGEX, the only operators the model's patterns use); a pattern with anything else
  makes `speed_up` leave the ruler as it is. The ruler still sorts and applies the matches.
* `FastLemmatizer.__call__` reads ORTH, POS, MORPH and LEMMA in one array, memoises the rule
  lemmatizer's answer per (orth, POS, morph), which is all that answer depends on, and writes
  the lemmas back in one array.

tests/test_nlp.py compares every token's tag, POS, morphology, lemma and dependency with the
model's own components on real articles.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

# pattern keys this module can read, and how to read each off a token
_READ = {"LOWER": lambda t: t.lower_, "TAG": lambda t: t.tag_, "DEP": lambda t: t.dep_,
         "IS_SPACE": lambda t: t.is_space}
_OPS = {"IN", "NOT_IN", "REGEX"}


def _test(key: str, want):
    """A predicate on a token for one pattern key."""
    read = _READ[key]
    if not isinstance(want, dict):
        return lambda t: read(t) == want
    (op, value), = want.items()
    if op == "IN":
        values = set(value)
        return lambda t: read(t) in values
    if op == "NOT_IN":
        values = set(value)
        return lambda t: read(t) not in values
    rx = re.compile(value)
    return lambda t: bool(rx.search(read(t)))


def readable(patterns: list[dict]) -> bool:
    """True when every pattern is a fixed sequence of token tests this module can run."""
    for rule in patterns:
        for pattern in rule["patterns"]:
            for token in pattern:
                for key, want in token.items():
                    if key not in _READ:
                        return False
                    if isinstance(want, dict) and (len(want) != 1 or not set(want) <= _OPS):
                        return False
    return True


class Index:
    """The ruler's patterns, indexed by the exact LOWER or TAG value (or IN list) of their first
    token; patterns with neither are tried at every token."""

    def __init__(self, ruler: AttributeRuler):
        self.by_lower: dict[str, list] = defaultdict(list)
        self.by_tag: dict[str, list] = defaultdict(list)
        self.everywhere: list = []
        strings = ruler.vocab.strings
        for i, rule in enumerate(ruler.patterns):
            match_id = strings.add(str(i))
            for pattern in rule["patterns"]:
                tests = [[_test(k, v) for k, v in token.items()] for token in pattern]
                entry = (i, match_id, len(pattern), tests)
                first = pattern[0]
                placed = False
                for key, index in (("LOWER", self.by_lower), ("TAG", self.by_tag)):
                    want = first.get(key)
                    if isinstance(want, str):
                        index[want].append(entry)
                    elif isinstance(want, dict) and "IN" in want:
                        for value in set(want["IN"]):
                            index[value].append(entry)
                    else:
                        continue
                    placed = True
                    break
                if not placed:
                    self.everywhere.append(entry)

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What `AttributeRuler.match` returns: (rule, match id, start, end), sorted."""
        out = set()
        n = len(doc)
        for token in doc:
            start = token.i
            for entry in (*self.by_lower.get(token.lower_, ()), *self.by_tag.get(token.tag_, ()), *self.everywhere):
                i, match_id, length, tests = entry
                end = start + length
                if end > n:
                    continue
                if all(test(doc[start + k]) for k in range(length) for test in tests[k]):
                    out.add((i, match_id, start, end))
        return sorted(out)


class FastLemmatizer(Lemmatizer):
    """A rule lemmatizer whose per-token answers are memoised (see the module's docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        memo = self.__dict__.setdefault("_armstrack_memo", {})
        strings = doc.vocab.strings
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = array[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma != 0 and not self.overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


def speed_up(nlp: Language) -> Language:
    """Swap in the fast ruler matching and lemmatizer where the model's components allow it
    (the same results; anything this module cannot read keeps spaCy's own)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(ruler, AttributeRuler) and readable(ruler.patterns):
            ruler.match = Index(ruler).matches
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and type(lemmatizer).__call__ is Lemmatizer.__call__:
            # the same object (tables, cache, language-specific rules), a faster loop
            lemmatizer.__class__ = type("Fast" + type(lemmatizer).__name__, (FastLemmatizer, type(lemmatizer)), {})
    return nlp
