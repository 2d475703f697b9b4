"""The knowledge base: actors and weapon systems from YAML files, and a matcher over text.

Names are compared as sequences of normalised chunks: lower-case, accents removed, split at
anything that is not a letter or digit and between letters and digits. So "P-800", "P800" and
"p 800" are all ("p", "800"). The compiled base is pickled in a cache folder keyed by the
content hash of its files, so start-up does not re-read YAML.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import KBError
from ..resources import DATA

KB_DIR = DATA / "kb"
CACHE_VERSION = 8

ACTOR_KINDS = ("states", "organisations", "armed_groups", "companies")
KINDS = ACTOR_KINDS + ("weapons", "generic", "ambiguous")
_ACTOR_ID = re.compile(r"^[A-Z][A-Z0-9_]*$")
_WEAPON_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CHUNK = re.compile(r"[^\W_]+", re.UNICODE)
_SPLIT = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)

FIELDS = {
    "states": ({"id", "name"}, {"formal", "aliases", "demonyms", "capital", "seats", "organs"}),
    "organisations": ({"id", "name"}, {"aliases", "members", "note"}),
    "armed_groups": ({"id", "name"}, {"aliases", "base", "backers", "note"}),
    "companies": ({"id", "name", "country"}, {"aliases", "note"}),
    "weapons": ({"id", "name", "kind", "origin"}, {"aliases", "note"}),
    "generic": ({"head", "kind"}, {"aliases", "note"}),
    "ambiguous": ({"alias", "candidates"}, {"note"}),
}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower() \
        if not text.isascii() else text.lower()


def chunks(text: str) -> tuple[str, ...]:
    """Normalise a name to its chunk key: ("p", "800") for "P-800", "P800" or "p 800"."""
    out: list[str] = []
    for word in _CHUNK.findall(_fold(text)):
        out.extend(_SPLIT.findall(word))
    return tuple(out)


def _strip_article(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    kind: str                     # state | organisation | armed_group | company | weapon | generic
    name: str
    category: str | None = None   # weapons and generic heads: the fine kind
    broad: str | None = None      # SIPRI broad category
    country: str | None = None    # state itself, company country, weapon origin, group base
    backers: tuple[str, ...] = ()
    capital: str | None = None
    source: str = ""

    @property
    def is_actor(self) -> bool:
        return self.kind in ("state", "organisation", "armed_group", "company")


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    entity_id: str
    form: str                     # name | alias | formal | demonym | capital | seat | organ | head
    exact_case: bool              # acronyms: the text must be upper case too
    source: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    text: str
    aliases: tuple[Alias, ...]    # one, or several when the alias is ambiguous

    @property
    def entity_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.entity_id for a in self.aliases))

    @property
    def form(self) -> str:
        return self.aliases[0].form


@dataclass
class KnowledgeBase:
    entities: dict[str, Entity] = field(default_factory=dict)
    trie: dict = field(default_factory=dict)
    aliases_by_key: dict[tuple[str, ...], list[Alias]] = field(default_factory=dict)
    declared_ambiguous: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    problems: list[KBError] = field(default_factory=list)
    files: tuple[str, ...] = ()

    # ---- building -----------------------------------------------------------------
    def _add_alias(self, alias: Alias) -> None:
        key = chunks(_strip_article(alias.text))
        if not key:
            return
        self._index(key, alias)
        if "and" in key[1:-1] and getattr(self.entities.get(alias.entity_id), "kind", None) == "state":
            # "Trinidad & Tobago", "Bosnia & Herzegovina": the ampersand, which chunking drops,
            # spells the same state (issue 23)
            short = tuple(part for part in key if part != "and")
            if not self.aliases_by_key.get(short):
                self._index(short, alias)
        if len(key) > 1 and all(part.isalpha() for part in key):
            # "Ansar Allah" is also written "Ansarallah": index the joined spelling too, unless
            # it already names something else
            joined = ("".join(key),)
            taken = self.aliases_by_key.get(joined)
            if not taken or all(a.entity_id == alias.entity_id for a in taken):
                self._index(joined, alias)

    def _index(self, key: tuple[str, ...], alias: Alias) -> None:
        existing = self.aliases_by_key.setdefault(key, [])
        if any(a.entity_id == alias.entity_id for a in existing):
            return
        existing.append(alias)
        node = self.trie
        for part in key:
            node = node.setdefault(part, {})
        node.setdefault("$", []).append(alias)

    def collisions(self) -> dict[tuple[str, ...], list[Alias]]:
        """Keys two entities share that the data does not declare ambiguous."""
        return {key: aliases for key, aliases in self.aliases_by_key.items()
                if len({a.entity_id for a in aliases}) > 1 and key not in self.declared_ambiguous}

    # ---- queries --------------------------------------------------------------------
    def get(self, entity_id: str | None) -> Entity | None:
        return self.entities.get(entity_id) if entity_id else None

    def lookup(self, name: str) -> list[Alias]:
        """Every alias a name resolves to (several when ambiguous), trying the singular too."""
        key = chunks(_strip_article(name))
        for candidate in _singulars(key):
            found = self.aliases_by_key.get(candidate)
            if found:
                return list(found)
        return []

    def match(self, text: str) -> list[Match]:
        """Leftmost-longest matches of every known name in `text`, with character offsets.

        A match can start only where a word starts with a name's first chunk, so the scan
        tries just the word starts that `_starts` finds and splits words into chunks only as
        far as each try reads: the matches of chunking the whole text, at a fraction of the
        cost (the relevance gate runs this on every article)."""
        out: list[Match] = []
        end = 0
        for start in self._starts(text):
            if start < end:
                continue  # inside the previous match
            found = self._longest(text, _Tokens(text, start))
            if found is not None:
                out.append(found)
                end = found.end
        return out

    def may_match(self, text: str, kinds: Iterable[str]) -> bool:
        """False when `match(text)` finds no name of an entity of these `kinds`, tested first
        in C with sets: a name's first chunk, written with a capital unless it is a generic
        head's, must be in the text, followed by its second chunk (the last may be in the
        plural), and its other chunks must be in it too. Only a text that passes is matched."""
        kinds = tuple(sorted(kinds))
        if _NON_ASCII_WORD.search(text) is None:  # else chunks are folded, not just lower-cased
            chunks = _ASCII_CHUNK.findall(text.lower())
            present, pairs = set(chunks), set(zip(chunks, chunks[1:]))
            capital = {c.lower() for c in set(_CAPITAL_CHUNK.findall(text))}
            heads, names = self._keys_by_first(kinds)
            if not any(rest is None or (any((first, c) in pairs for c in rest[0])
                                        and all(not present.isdisjoint(c) for c in rest[1:]))
                       for index, firsts in ((heads, present), (names, capital))
                       for first in firsts & index.keys() for rest in index[first]):
                return False
        return any(getattr(self.entities.get(e), "kind", None) in kinds
                   for found in self.match(text) for e in found.entity_ids)

    def _keys(self, kinds: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The name keys of entities of `kinds` (every key when `kinds` is empty)."""
        return [key for key, aliases in self.aliases_by_key.items()
                if not kinds or any(getattr(self.entities.get(a.entity_id), "kind", None) in kinds for a in aliases)]

    def _keys_by_first(self, kinds: tuple[str, ...]) -> tuple[dict, dict]:
        """For the names of `kinds` that are generic heads, and for the others: first chunk
        (or its plural, for a name of one chunk) -> for each name that starts so, None when
        it is one chunk, else the forms of each further chunk (the last one's plurals too).
        Built once per base and `kinds`."""
        cache = self.__dict__.setdefault("_by_first", {})
        found = cache.get(kinds)
        if found is None:
            found = ({}, {})
            for key in self._keys(kinds):
                forms = {a.form == "head" for a in self.aliases_by_key[key]}
                for index in (found[0],) * (True in forms) + (found[1],) * (False in forms):
                    if len(key) == 1:
                        for form in _plurals(key[0]):
                            index.setdefault(form, []).append(None)
                    else:
                        rest = [frozenset({c}) for c in key[1:-1]] + [_plurals(key[-1])]
                        index.setdefault(key[0], []).append(tuple(rest))
            cache[kinds] = found
        return found

    def _starts(self, text: str) -> list[int]:
        """Where in `text` a match can start: a word whose first chunk is a name's, or a
        plural `_word_singulars` turns into one, in any case; or a generic head's, in lower
        case (only heads match in lower case, see `_accept`); or a word with a non-ASCII
        character (folded before it is compared). Set lookups per word, in the first-chunk
        index `may_match` uses: a regular expression of the same first chunks took 1.3 s to
        compile in every process, longer than it then ran on the 2,095 articles of bbc_news."""
        heads, others = self._keys_by_first(())
        out = []
        for word in _CHUNK.finditer(text):
            written = word.group()
            if not written.isascii():
                out.append(word.start())
                continue
            first = _SPLIT.match(written).group()
            if first[0].islower():
                if first in heads:
                    out.append(word.start())
            elif (lower := first.lower()) in heads or lower in others:
                out.append(word.start())
        return out

    def _longest(self, text: str, tokens: "_Tokens") -> Match | None:
        """The longest name starting at the first of `tokens`, if any."""
        best: tuple[int, list[Alias]] | None = None
        node = self.trie
        j = 0
        while (token := tokens.get(j)) is not None:
            part = token[0]
            nxt = node.get(part)
            # a plural or possessive on the last chunk: missiles, F-16s, Houthis'
            for singular in _word_singulars(part):
                end_node = node.get(singular)
                if end_node and "$" in end_node and tokens.word_end(j + 1):
                    accepted = _accept(end_node["$"], tokens.read, 0, j + 1)
                    if accepted and (best is None or j + 1 > best[0]):
                        best = (j + 1, accepted)
            if nxt is None:
                break
            if "$" in nxt and tokens.word_end(j + 1):
                accepted = _accept(nxt["$"], tokens.read, 0, j + 1)
                if accepted and (best is None or j + 1 >= best[0]):
                    best = (j + 1, accepted)
            node = nxt
            j += 1
            following = tokens.get(j)
            if following is not None and not _joined(text, token, following):
                break
        if best is None:
            return None
        end_index, aliases = best
        start, end = tokens.read[0][1], tokens.read[end_index - 1][2]
        # "F-16s": a plural "s" chunk glued to a designation belongs to the match
        glued = tokens.get(end_index)
        if glued is not None and glued[0] == "s" and glued[1] == end:
            end = glued[2]
        return Match(start, end, text[start:end], tuple(aliases))


_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
_ASCII_CHUNK = re.compile(r"[^\W\d_]+|\d+")   # `_tokens`' chunks of a lower-cased ASCII text
_CAPITAL_CHUNK = re.compile(r"[A-Z][^\W\d_]*|\d+")   # the chunks a proper name can start with


def _plurals(chunk: str) -> frozenset[str]:
    """A chunk and the plurals `_word_singulars` turns back into it."""
    forms = {chunk}
    if not chunk.isdigit():
        forms |= {chunk + "s", chunk + "es"}
        if chunk.endswith("y"):
            forms.add(chunk[:-1] + "ies")
    return frozenset(forms)


def _joined(text: str, left: tuple, right: tuple) -> bool:
    gap = text[left[2]:right[1]]
    return len(gap) <= 3 and not any(ch in gap for ch in ".,;:!?()\"\n") or gap in (".", ". ")


def _word_tokens(word: re.Match) -> list[tuple[str, int, int, str, bool]]:
    """The chunks of one word with offsets; the last field says whether a chunk starts the
    word ("7E7" is one word of three chunks, and a name may not start inside it)."""
    text = word.string
    folded = _fold(word.group())
    if len(folded) != len(word.group()):
        return [(folded, word.start(), word.end(), word.group(), True)]
    out = []
    for part in _SPLIT.finditer(folded):
        s, e = word.start() + part.start(), word.start() + part.end()
        out.append((part.group(), s, e, text[s:e], part.start() == 0))
    return out


class _Tokens:
    """The chunks of a text from one word start on, split only as far as they are read."""

    __slots__ = ("read", "_words")

    def __init__(self, text: str, start: int):
        self.read: list[tuple[str, int, int, str, bool]] = []
        self._words = _CHUNK.finditer(text, start)

    def get(self, j: int) -> tuple[str, int, int, str, bool] | None:
        while j >= len(self.read):
            word = next(self._words, None)
            if word is None:
                return None
            self.read += _word_tokens(word)
        return self.read[j]

    def word_end(self, j: int) -> bool:
        """True when the chunk before index j ends a word (or only a plural "s" follows it)."""
        token = self.get(j)
        if token is None or token[4]:
            return True
        after = self.get(j + 1)
        return token[0] == "s" and (after is None or after[4])


def _word_singulars(part: str) -> list[str]:
    forms = []
    if len(part) > 3 and part.endswith("ies"):
        forms.append(part[:-3] + "y")
    if len(part) > 3 and part.endswith("es"):
        forms.append(part[:-2])
    if len(part) > 2 and part.endswith("s") and not part.endswith("ss"):
        forms.append(part[:-1])
    return forms


def _singulars(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    if not key:
        return []
    out = [key] + [key[:-1] + (s,) for s in _word_singulars(key[-1])]
    if len(key) > 1 and key[-1] == "s" and key[-2].isdigit():
        out.append(key[:-1])  # "F-16s"
    return out


def _accept(aliases: list[Alias], tokens: list, i: int, j: int) -> list[Alias]:
    """Keep the aliases whose case rule the written text satisfies."""
    written = [t[3] for t in tokens[i:j]]
    out = []
    for alias in aliases:
        if alias.exact_case:
            if not all(w.isupper() or w.isdigit() for w in written):
                continue
        elif alias.form != "head" and written[0][:1].islower():
            continue  # proper names are written with a capital: "turkey" is not Turkey
        out.append(alias)
    return out


# ---- loading ------------------------------------------------------------------------

class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _exact_case(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def kb_files(extra_dirs: Sequence[str | Path] = ()) -> list[Path]:
    """The YAML files of the built-in base, then those of each user directory, in order."""
    files = sorted(KB_DIR.rglob("*.yaml"))
    files = [f for f in files if f.name != "taxonomy.yaml"]
    for folder in extra_dirs:
        folder = Path(folder)
        if folder.is_file():
            files.append(folder)
        else:
            files.extend(sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml")))
    return files


def load_taxonomy() -> dict[str, str]:
    with open(KB_DIR / "taxonomy.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["kinds"]


def _as_list(value: Any, path: str, line: int, name: str, problems: list[KBError]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v) for v in value]
    problems.append(KBError(path, line, name, "must be a list of strings"))
    return []


def _valid_iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def build(files: Iterable[Path]) -> KnowledgeBase:
    """Read and validate the YAML files into a KnowledgeBase; problems are collected, not raised."""
    taxonomy = load_taxonomy()
    iso3 = _valid_iso3()
    kb = KnowledgeBase()
    raw: dict[str, tuple[str, dict, str]] = {}   # id -> (kind, entry, path): later files override
    ambiguous: list[tuple[str, int, dict]] = []
    problems = kb.problems
    files = list(files)
    kb.files = tuple(str(f) for f in files)
    for path in files:
        spath = str(path)
        try:
            with open(path, encoding="utf-8") as handle:
                doc = yaml.load(handle, Loader=_LineLoader)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(KBError(spath, None, None, f"cannot read: {exc}"))
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(KBError(spath, mark.line + 1 if mark else None, None,
                                    f"invalid YAML: {getattr(exc, 'problem', exc)}"))
            continue
        if doc is None:
            continue
        if not isinstance(doc, dict) or not set(doc) - {"__line__"} <= set(KINDS):
            problems.append(KBError(spath, 1, None, f"top-level key must be one of {', '.join(KINDS)}"))
            continue
        for kind, entries in doc.items():
            if kind == "__line__":
                continue
            if not isinstance(entries, list):
                problems.append(KBError(spath, doc.get("__line__"), kind, "must be a list of entries"))
                continue
            required, optional = FIELDS[kind]
            for entry in entries:
                if not isinstance(entry, dict):
                    problems.append(KBError(spath, None, kind, f"entry {entry!r} is not a mapping"))
                    continue
                line = entry.get("__line__")
                keys = set(entry) - {"__line__"}
                for missing in sorted(required - keys):
                    problems.append(KBError(spath, line, missing, "required field is missing"))
                for unknown in sorted(keys - required - optional):
                    problems.append(KBError(spath, line, unknown,
                                            f"unknown field (allowed: {', '.join(sorted(required | optional))})"))
                if required - keys:
                    continue
                if kind == "ambiguous":
                    ambiguous.append((spath, line, entry))
                    continue
                if kind == "generic":
                    entry_id = "generic:" + "-".join(chunks(str(entry["head"])))
                else:
                    entry_id = str(entry["id"])
                    pattern = _WEAPON_ID if kind == "weapons" else _ACTOR_ID
                    if not pattern.match(entry_id):
                        problems.append(KBError(spath, line, "id", f"{entry_id!r} is not a valid id "
                                                f"({'lower-case slug' if kind == 'weapons' else 'upper case, digits, _'})"))
                        continue
                previous = raw.get(entry_id)
                if previous and previous[2] == spath:
                    problems.append(KBError(spath, line, "id", f"duplicate id {entry_id!r} "
                                            f"(first at line {previous[1].get('__line__')})"))
                    continue
                if previous and previous[0] != kind:
                    problems.append(KBError(spath, line, "id", f"id {entry_id!r} already used by a "
                                            f"{previous[0]} entry in {previous[2]}"))
                    continue
                raw[entry_id] = (kind, entry, spath)

    for entry_id, (kind, entry, spath) in raw.items():
        line = entry.get("__line__")
        aliases = _as_list(entry.get("aliases"), spath, line, "aliases", problems)
        single = {"organisations": "organisation", "armed_groups": "armed_group",
                  "companies": "company"}.get(kind, kind)
        if kind == "states":
            if entry_id not in iso3:
                problems.append(KBError(spath, line, "id", f"{entry_id!r} is not an ISO 3166-1 alpha-3 code"))
            ent = Entity(entry_id, "state", str(entry["name"]), country=entry_id,
                         capital=entry.get("capital"), source=spath)
        elif kind in ("organisations", "armed_groups", "companies"):
            country = entry.get("country") or entry.get("base")
            backers = tuple(_as_list(entry.get("backers"), spath, line, "backers", problems))
            for code, name in [(country, "country" if kind == "companies" else "base"),
                               *[(b, "backers") for b in backers]]:
                if code and code not in iso3:
                    problems.append(KBError(spath, line, name, f"{code!r} is not an ISO 3166-1 alpha-3 code"))
            ent = Entity(entry_id, single, str(entry["name"]), country=country, backers=backers,
                         source=spath)
        else:
            category = str(entry["kind"])
            if category not in taxonomy:
                problems.append(KBError(spath, line, "kind", f"{category!r} is not a kind in taxonomy.yaml"))
            origin = entry.get("origin")
            if kind == "weapons" and origin not in iso3:
                problems.append(KBError(spath, line, "origin", f"{origin!r} is not an ISO 3166-1 alpha-3 code"))
            name = str(entry.get("name") or entry.get("head"))
            ent = Entity(entry_id, "weapon" if kind == "weapons" else "generic", name,
                         category=category, broad=taxonomy.get(category), country=origin, source=spath)
        kb.entities[entry_id] = ent
        head_form = "head" if kind == "generic" else "name"
        names = [(str(entry.get("name") or entry.get("head")), head_form)]
        names += [(a, "head" if kind == "generic" else "alias") for a in aliases]
        if kind == "states":
            if entry.get("formal"):
                names.append((str(entry["formal"]), "formal"))
            names += [(d, "demonym") for d in _as_list(entry.get("demonyms"), spath, line, "demonyms", problems)]
            if entry.get("capital"):
                names.append((str(entry["capital"]), "capital"))
            names += [(s, "seat") for s in _as_list(entry.get("seats"), spath, line, "seats", problems)]
            # named state organs (armed forces, intelligence services) act for the state
            names += [(o, "organ") for o in _as_list(entry.get("organs"), spath, line, "organs", problems)]
        for text, form in names:
            kb._add_alias(Alias(text, entry_id, form, _exact_case(text) and form != "head", spath))

    for spath, line, entry in ambiguous:
        candidates = tuple(_as_list(entry.get("candidates"), spath, line, "candidates", problems))
        for cand in candidates:
            if cand not in kb.entities:
                problems.append(KBError(spath, line, "candidates", f"unknown id {cand!r}"))
        kb.declared_ambiguous[chunks(_strip_article(str(entry["alias"])))] = candidates

    for key, aliases in kb.collisions().items():
        ids = sorted({a.entity_id for a in aliases})
        problems.append(KBError(aliases[-1].source, None, "aliases",
                                f"{' '.join(key)!r} names several entities ({', '.join(ids)}) "
                                "without an `ambiguous` entry"))
    return kb


def _cache_dir() -> Path:
    root = os.environ.get("ARMSTRACK_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "armstrack")
    return Path(root)


def _fingerprint(files: Sequence[Path]) -> str:
    digest = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    for path in [KB_DIR / "taxonomy.yaml", *files]:
        digest.update(str(path).encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            pass
    return digest.hexdigest()[:20]


def content_version(extra_dirs: Sequence[str | Path] = ()) -> str:
    """A short digest of the knowledge base's content (file names and bytes, not paths): the
    same base gives the same version on every machine, so reported numbers name what they used."""
    extra = [*extra_dirs, *user_kb_dirs()]
    digest = hashlib.sha256()
    for path in [KB_DIR / "taxonomy.yaml", *kb_files(extra)]:
        digest.update(Path(path).name.encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:12]


def user_kb_dirs() -> list[str]:
    value = os.environ.get("ARMSTRACK_KB", "")
    return [p for p in value.split(os.pathsep) if p]


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> KnowledgeBase:
    files = kb_files(extra)
    cache = _cache_dir() / f"kb-{_fingerprint(files)}.pickle"
    try:
        with open(cache, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    kb = build(files)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump(kb, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home is fine: we just rebuild next time
    return kb


def load_kb(extra_dirs: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The knowledge base: built-in files plus `extra_dirs` and $ARMSTRACK_KB, cached on disk."""
    extra = tuple(str(Path(d).resolve()) for d in [*extra_dirs, *user_kb_dirs()])
    return _load_cached(extra)


def iter_aliases(kb: KnowledgeBase) -> Iterator[Alias]:
    for aliases in kb.aliases_by_key.values():
        yield from aliases


def stats(kb: KnowledgeBase) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for ent in kb.entities.values():
        counts[ent.kind] += 1
    return {"states": counts["state"], "organisations": counts["organisation"],
            "armed_groups": counts["armed_group"], "companies": counts["company"],
            "weapons": counts["weapon"], "generic_heads": counts["generic"],
            "aliases": sum(len(v) for v in kb.aliases_by_key.values())}
