"""Independent origins: who a report's information really comes from.

Ten outlets repeating one Reuters story are one origin, and "seven unnamed sources" in one
article are one origin, not seven. For a report, in this order:

1. an official confirmation or denial: the confirming/denying government (`official:USA`);
2. a cited news agency or news organisation (data/claims/origins.yaml): `agency:Reuters`;
3. a named official or body ("the Pentagon said"): `named:us department of defense`;
4. otherwise the outlet itself, in its own voice or with only unnamed sources:
   `outlet:Al Arabiya` (or `article:<id>` when the outlet is unknown); an outlet that is a news
   organisation of origins.yaml (a wire story, its outlet read from the dateline's "(Reuters)";
   the BBC in its own voice) has that organisation's key, `agency:Reuters`, so its own story
   and every outlet citing it count once; its own voice still weighs as an outlet's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..resources import load_yaml
from .model import Origin, OriginKind, Stance


@lru_cache(maxsize=1)
def _tables() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]],
                       re.Pattern[str], frozenset[str]]:
    data = load_yaml("claims/origins.yaml")
    agencies = [(_pattern(alias), name) for name, aliases in data["agencies"].items() for alias in aliases]
    officials = [(_pattern(alias), name) for name, aliases in data["officials"].items() for alias in aliases]
    unnamed = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in data["unnamed_markers"]) + r")\b",
                         re.IGNORECASE)
    back = frozenset(ref.casefold() for ref in data["back_references"])
    return agencies, officials, unnamed, back


def _pattern(alias: str) -> re.Pattern[str]:
    # acronyms ("AP", "FT") must keep their case, or "ap" inside ordinary words would count
    flags = 0 if alias.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", flags)


def agency_of(source: str) -> str | None:
    """The news agency or organisation a source names, if any ("Reuters" for "Reuters")."""
    for pattern, name in _tables()[0]:
        if pattern.search(source):
            return name
    return None


def is_unnamed(source: str) -> bool:
    """Whether a source names no one: "three unnamed sources", "officials", "the group"."""
    if _tables()[2].search(source):
        return True
    words = source.split()
    if words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    return not any(word[:1].isupper() for word in words)


@lru_cache(maxsize=1)
def _institutions() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_yaml("patterns/actors.yaml")["institution_heads"])


def _actor_of(source: str) -> str | None:
    """The actor a source is, when it is one actor or its institutions ("Ukraine", "Ukraine's
    military intelligence", "the Ukrainian defence ministry"): one origin however it is written."""
    from ..resolve.kb import load_kb

    kb = load_kb()
    matches = [m for m in kb.match(source) if m.entity_ids]
    if len(matches) != 1 or len(matches[0].entity_ids) != 1:
        return None
    entity = kb.get(matches[0].entity_ids[0])
    if entity is None or entity.kind in ("weapon", "generic"):
        return None
    rest = (source[:matches[0].start] + " " + source[matches[0].end:]).casefold()
    words = [w for w in re.findall(r"[\w-]+", rest) if w not in ("the", "a", "an", "s", "its", "of")]
    return entity.id if all(w in _institutions() for w in words) else None


def _named_key(source: str) -> tuple[str, str]:
    for pattern, name in _tables()[1]:
        if pattern.fullmatch(source.strip()):
            return name.casefold(), name
    actor = _actor_of(source)
    if actor is not None:
        return actor.casefold(), source.strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", source.strip(), flags=re.IGNORECASE)
    return " ".join(text.casefold().split()), source.strip()


def origin_of(*, stance: Stance, sources: Sequence[str], confirmed_by: Sequence[str],
              denied_by: Sequence[str], outlet: str | None, article_id: str,
              article_label: str | None = None) -> Origin:
    """The independent origin of one report (see the module docstring for the order);
    `article_label` (title, URL or file) names an article whose outlet is unknown."""
    if stance is Stance.CONFIRM:
        who = "+".join(sorted(confirmed_by))
        return Origin(f"official:{who}", f"{who} (official confirmation)", OriginKind.CONFIRMATION)
    if stance is Stance.DENY:
        who = "+".join(sorted(denied_by))
        return Origin(f"official:{who}", f"{who} (official denial)", OriginKind.DENIAL)
    back = _tables()[3]
    cited = [s for s in sources if s.strip() and s.strip().casefold() not in back]
    for source in cited:
        agency = agency_of(source)
        if agency:
            return Origin(f"agency:{agency}", agency, OriginKind.AGENCY)
    for source in cited:
        if not is_unnamed(source):
            key, label = _named_key(source)
            return Origin(f"named:{key}", label, OriginKind.NAMED)
    kind = OriginKind.UNNAMED if cited else OriginKind.OUTLET
    wire = agency_of(outlet) if outlet else None
    if wire:  # its own story, and every outlet that cites it, are one origin (its own voice weighs as an outlet's)
        return Origin(f"agency:{wire}", wire, kind)
    if outlet:
        return Origin(f"outlet:{outlet}", outlet, kind)
    label = f"\"{article_label}\"" if article_label else f"article {article_id}"
    return Origin(f"article:{article_id}", f"{label} (outlet unknown)", kind)
