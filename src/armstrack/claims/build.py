"""Computing and storing claims: the incremental update after one article, and the full rebuild.

Claims are computed per supplier-recipient pair, in two steps:

1. *plan*: merge the pair's reports using only their keys from the `claim_index` table (item,
   category, report date, ingestion order; no JSON is read), with analyst reviews applied;
2. *materialise*: read the full reports of only those planned claims whose set of reports
   differs from the stored claim (or all, for a rebuild or after a review), derive status,
   scores and links, and store them. Stored claims that are no longer planned are deleted.

Adding an article therefore plans the pairs its TRANSFER events name (plus pairs analyst
reviews tie to them: a corrected recipient moves a report to another pair, a merge joins two
claims) and rewrites only the claims it changed. Its MEETING, SANCTION, STATEMENT and ATTACK
events are checked against candidate claims found through indexed columns and only add links.
Every write compares old and new claims and records what changed, for `alerts`.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .. import faults
from ..store import articles as stored_articles
from ..store import claims as stored
from ..store import redirects
from ..store.base import connection as store_connection
from ..store.locks import lock_pairs, retrying
from . import db as claim_rows
from .derive import make_claim
from .links import LinkEvent, find_links, link_rule, make_links
from .merge import WINDOW_DAYS, Cluster, cluster_pair
from .model import Alert, Claim, Correction, Link, Report
from .review import Overrides, load_reviews, now

Pair = tuple[str, str]


@dataclass
class UpdateReport:
    """What one claims update did."""

    pairs: list[Pair] = field(default_factory=list)        # supplier-recipient pairs planned
    claims: list[str] = field(default_factory=list)        # claim ids (re)written
    relinked: list[str] = field(default_factory=list)      # claims that only gained links
    removed: list[str] = field(default_factory=list)       # claim ids that no longer exist
    unattributed: int = 0                                  # TRANSFER events without supplier or recipient
    alerts: list[Alert] = field(default_factory=list)
    orphaned: list[Correction] = field(default_factory=list)  # reviews whose target is gone

    def summary(self) -> str:
        return (f"{len(self.claims)} claim(s) written over {len(self.pairs)} supplier-recipient pair(s); "
                f"{self.unattributed} unattributed transfer report(s); {len(self.alerts)} change(s)"
                + (f"; {len(self.orphaned)} orphaned review(s)" if self.orphaned else ""))


def connection(store) -> sqlite3.Connection | None:
    """The store's connection; None for a backend without one (claims are skipped)."""
    return store_connection(store)


def window(db: sqlite3.Connection) -> int:
    """The merge window in days this store uses (set by `rebuild(window_days=...)`)."""
    return int(stored.setting(db, "window_days", str(WINDOW_DAYS)))


# ---- entry points -----------------------------------------------------------------------
def update_for_article(store, article_id: str, *, refresh: bool = False) -> UpdateReport:
    """Update the claims one newly stored (or re-extracted) article concerns, and mark the
    article's claims done in the same transaction (called by `armstrack.ingest`). `refresh`
    rewrites them even where their reports are the same events (the article's date changed)."""
    db = connection(store)
    if db is None:
        return UpdateReport()
    if stored.setting(db, "needs_rebuild"):
        return rebuild(store)
    return retrying(db, lambda: _update_article(db, article_id, refresh))


def _update_article(db, article_id: str, refresh: bool) -> UpdateReport:
    with db:
        # pairs the article's previous events named, when it is re-extracted
        before = stored.article_transfer_pairs(db, article_id)
        rows = claim_rows.index_article(db, article_id)
        overrides = _overrides(db)
        transfers = [r for r in rows if r["rel"] == "transfer"]
        # an analyst may have corrected one of these events before (re-ingest after a reset)
        pairs = before | {(r["supplier"], r["recipient"]) for r in transfers} | {
            overrides.corrected_pair(r["event_id"], (r["supplier"], r["recipient"])) for r in transfers}
        report = _recompute(db, {p for p in pairs if None not in p}, overrides, force=refresh)
        others = [claim_rows.link_event(r) for r in rows if r["rel"] != "transfer"]
        report.relinked = _add_links(db, others, skip=set(report.claims))
        report.unattributed = sum(1 for r in transfers if None in (r["supplier"], r["recipient"]))
        stored_articles.mark_claims_done(db, [article_id])
    return report


REBUILD_BATCH = 200  # supplier-recipient pairs per transaction: writers wait seconds, not minutes


def rebuild(store, *, window_days: int | None = None, batch: int = REBUILD_BATCH) -> UpdateReport:
    """Recompute every claim from the stored events, re-applying every analyst review.

    Works in batches of `batch` pairs, each its own transaction, so a concurrent ingest waits
    for one batch rather than the whole rebuild. `needs_rebuild` stays set until the last batch
    is written: a rebuild cut off by a kill is finished by the next claims update."""
    db = connection(store)
    if db is None:
        return UpdateReport()
    with db:
        if window_days is not None:
            stored.set_setting(db, "window_days", str(int(window_days)))
        stored.set_setting(db, "needs_rebuild", "1")
    claim_rows.index_all_batched(db)
    with db:
        overrides = _overrides(db)
        pairs = sorted(stored.machine_pairs(db) | stored.claim_pairs(db) | {
            p for _, p in overrides.moved.values() if None not in p})
    report = UpdateReport()
    done: set[Pair] = set()
    for start in range(0, max(len(pairs), 1), batch):
        def once() -> UpdateReport:
            with db:
                overrides = _overrides(db)  # a review may land between batches
                todo = {p for p in pairs[start:start + batch] if p not in done}
                return _recompute(db, todo, overrides, force=True) if todo else UpdateReport()
        part = retrying(db, once)
        done |= set(part.pairs)
        faults.point("in-rebuild")
        report.pairs += part.pairs
        report.claims += part.claims
        report.removed += part.removed
        report.alerts += part.alerts
    with db:
        report.unattributed = len(stored.unattributed(db))
        report.orphaned = [c for c, applied in review_status(db) if not applied]
        stored_articles.mark_all_claims_done(db)
        stored.set_setting(db, "needs_rebuild", None)
    return report


def update_pairs(store, pairs: Iterable[Pair]) -> UpdateReport:
    """Recompute the claims of some supplier-recipient pairs in full (after a review)."""
    db = connection(store)
    pairs = {p for p in pairs if p and None not in p}

    def once() -> UpdateReport:
        with db:
            return _recompute(db, pairs, _overrides(db), force=True)
    return retrying(db, once)


def ensure_built(store) -> None:
    """Build claims once for a store whose events predate the claims tables."""
    db = connection(store)
    if db is not None and stored.setting(db, "needs_rebuild"):
        rebuild(store)


# ---- recomputing pairs ------------------------------------------------------------------
def _overrides(db: sqlite3.Connection) -> Overrides:
    """All reviews, with the pair each corrected event moves from and to."""
    overrides = Overrides.build(load_reviews(db))
    corrected = [e for e, fields in overrides.fields.items() if {"supplier", "recipient"} & set(fields)]
    anchors = [a for c in overrides.merges for a in (c.anchor, c.other_anchor) if a]
    for row in stored.event_rows(db, set(corrected) | set(anchors)):
        report = claim_rows.report_from_row(row)
        machine = (report.supplier, report.recipient)
        overrides.moved[row["id"]] = (machine, overrides.corrected_pair(row["id"], machine))
    return overrides


def _gather(db: sqlite3.Connection, pairs: set[Pair], overrides: Overrides) -> tuple[set[Pair], dict[str, Report]]:
    """Planning reports (keys only) of `pairs`, closed over the pairs reviews tie to them."""
    todo, done = set(pairs), set()
    reports: dict[str, Report] = {}
    merge_pairs = [(overrides.moved.get(c.anchor, (None, None))[1], overrides.moved.get(c.other_anchor, (None, None))[1])
                   for c in overrides.merges]
    while todo:
        pair = todo.pop()
        done.add(pair)
        rows = stored.transfer_keys(db, pair) + stored.keys_by_id(db, overrides.moved_into(pair))
        for row in rows:
            machine = claim_rows.plan_report(row)
            report = overrides.apply(machine)
            for other in ((machine.supplier, machine.recipient), (report.supplier, report.recipient)):
                if None not in other and other not in done:
                    todo.add(other)
            if row["event_id"] not in overrides.rejected and None not in (report.supplier, report.recipient):
                reports[report.event_id] = report
        for a, b in merge_pairs:
            for mine, other in ((a, b), (b, a)):
                if mine == pair and other and None not in other and other not in done:
                    todo.add(other)
    return done, reports


def _cluster(reports: dict[str, Report], overrides: Overrides, window_days: int) -> list[Cluster]:
    """Merge each pair's reports, then apply the analysts' merges."""
    by_pair: dict[Pair, list[Report]] = {}
    for report in reports.values():
        by_pair.setdefault((report.supplier, report.recipient), []).append(report)
    split = frozenset(overrides.split)
    clusters = [c for pair in sorted(by_pair) for c in cluster_pair(by_pair[pair], window=window_days, split=split)]
    return _apply_merges(clusters, overrides)


def _apply_merges(clusters: list[Cluster], overrides: Overrides) -> list[Cluster]:
    """Join the claims analysts merged: the second joins the first and the first keeps its id."""
    for correction in overrides.merges:
        home = {r.event_id: c for c in clusters for r in c.reports}
        into, other = home.get(correction.anchor), home.get(correction.other_anchor)
        if into is None or other is None or into is other:
            continue
        for report in other.reports:
            into.add(report, f"merged by analyst: {correction.describe()}")
        into.reports.sort(key=lambda r: (r.date_key, r.order, r.event_id))
        clusters.remove(other)
    return clusters


def _reviews_of(claim_events: set[str], overrides: Overrides) -> tuple[str, ...]:
    """Descriptions of the reviews that touch a claim's reports (or the claim itself)."""
    out = []
    for correction in overrides.reviews:
        targets = {correction.target, correction.anchor, correction.other_anchor, *correction.events}
        if targets & claim_events:
            out.append(correction.describe())
    return tuple(out)


def _make(cluster: Cluster, overrides: Overrides) -> Claim:
    """A Claim from a materialised cluster, with the analyst mark and reviews that concern it."""
    events = {r.event_id for r in cluster.reports}
    mark = next((m for anchor, (m, _) in overrides.claim_marks.items() if anchor in events), None)
    claim = make_claim(cluster, review=mark, reviews=_reviews_of(events, overrides))
    status = next((v for anchor, (v, _) in overrides.claim_status.items() if anchor in events), None)
    return claim.with_(status=status) if status else claim


def _with_links(db: sqlite3.Connection, claim: Claim, window_days: int) -> Claim:
    """The claim with every event that concerns it linked (see links.py)."""
    found = find_links(claim, claim_rows.link_candidates(db, claim), window=window_days)
    summaries = claim_rows.summaries(db, [e.event_id for e, _ in found]) if found else {}
    return claim.with_(links=make_links(found, summaries))


def _materialise(db: sqlite3.Connection, clusters: list[Cluster], overrides: Overrides) -> list[Cluster]:
    """Planned clusters with their full reports read from the store (merge rules kept)."""
    rules = {event_id: rule for c in clusters for event_id, rule in c.rules.items()}
    full = {row["id"]: overrides.apply(claim_rows.report_from_row(row, rules[row["id"]]))
            for row in stored.event_rows(db, rules)}
    for cluster in clusters:
        cluster.reports = [full[r.event_id] for r in cluster.reports]
    return clusters


def _recompute(db: sqlite3.Connection, pairs: set[Pair], overrides: Overrides, *,
               force: bool = False) -> UpdateReport:
    """Plan the claims of `pairs`, then store those that changed (all of them if `force`)."""
    window_days = window(db)
    lock_pairs(db, pairs)
    pairs, planned = _gather(db, pairs, overrides)
    lock_pairs(db, pairs)  # pairs reviews tie to them (taken again is a no-op)
    clusters = _cluster(planned, overrides, window_days)
    old, members = stored.stored_claims(db, pairs, planned)
    changed = [c for c in clusters if force or members.get(c.id) != {r.event_id for r in c.reports}]
    removed = set(old) - {c.id for c in clusters}
    claims = [_with_links(db, _make(c, overrides), window_days)
              for c in _materialise(db, changed, overrides)]
    at = now()
    alerts = _diff(old, claims, at)
    stored.delete_claims(db, removed | {c.id for c in claims})
    claim_rows.write_claims(db, claims, {i: row["created_at"] for i, row in old.items()}, at)
    claim_rows.record_changes(db, alerts)
    redirects.record_retired(db, _successors(removed, members, clusters), at=at)
    return UpdateReport(pairs=sorted(pairs), claims=[c.id for c in claims], removed=sorted(removed),
                        alerts=alerts)


def _successors(removed: set[str], members: dict[str, set[str]], clusters: list[Cluster]) -> dict[str, str]:
    """Each retired claim id and the claim now holding most of its reports (ties: the smaller
    id), so an id once shown still resolves (issue 24). A claim none of whose reports is in
    any claim (all rejected) has none."""
    home = {r.event_id: c.id for c in clusters for r in c.reports}
    out = {}
    for old_id in removed:
        held: dict[str, int] = {}
        for event_id in members.get(old_id, ()):
            if event_id in home:
                held[home[event_id]] = held.get(home[event_id], 0) + 1
        if held:
            out[old_id] = min(held, key=lambda claim_id: (-held[claim_id], claim_id))
    return out


def _add_links(db: sqlite3.Connection, events: list[LinkEvent], *, skip: set[str]) -> list[str]:
    """Link new non-TRANSFER events to the stored claims they concern; returns those claim ids."""
    window_days = window(db)
    new: dict[str, list[Link]] = {}
    for event in events:
        candidates = claim_rows.relink_candidates(db, event)
        # a link added while another process rewrites the claim's pair would be lost
        if lock_pairs(db, {(c.supplier, c.recipient) for c in candidates}):
            candidates = claim_rows.relink_candidates(db, event)  # as they are now that none can change
        for claim in candidates:
            if claim.id in skip or any(link.event_id == event.event_id for link in new.get(claim.id, [])):
                continue
            rule = link_rule(claim, event, window=window_days)
            if rule:
                new.setdefault(claim.id, []).append(
                    Link(event.event_id, event.type, event.article_id, event.event_date or event.report_date, rule))
    if new:
        summaries = claim_rows.summaries(db, {link.event_id for links in new.values() for link in links})
        for claim_id, links in new.items():
            claim_rows.add_links(db, claim_id, [replace(link, summary=summaries.get(link.event_id, "")) for link in links])
    return sorted(new)


def review_status(db: sqlite3.Connection) -> list[tuple[Correction, bool]]:
    """Every review, and whether it still applies (its target event or claim anchor exists)."""
    out = []
    for correction, _ in load_reviews(db):
        needed = [e for e in (correction.anchor, correction.other_anchor) if e] if correction.on_claim \
            else [correction.target]
        found = {row["id"] for row in stored.event_rows(db, needed)}
        out.append((correction, set(needed) <= found))
    return out


def _set_on(claim: Claim) -> str | None:
    """The report date of the step that set the claim's current status (its news date)."""
    return next((h.date for h in reversed(claim.history) if h.changed), None) or claim.last_reported


def _diff(old: dict[str, sqlite3.Row], claims: list[Claim], at: str) -> list[Alert]:
    """What changed between the stored and the recomputed claims, as alerts: each change once
    (a new claim of a new pair is one `new_pair` alert, not a new pair and a new claim), dated
    by the news that brought it. Rejected claims raise none."""
    alerts = []
    old_pairs = {(row["supplier"], row["recipient"]) for row in old.values()}
    new_pairs = set()
    for claim in claims:
        if claim.review == "rejected":
            continue
        item = claim.item_id or claim.item_key

        def make(kind, previous=None, date=claim.last_reported, **extra):
            return Alert(at, kind, claim.id, claim.supplier, claim.recipient, item, claim.status, previous,
                         date, confidence=claim.confidence, **extra)

        before = old.get(claim.id)
        if before is None:
            fresh = claim.pair not in old_pairs and claim.pair not in new_pairs
            new_pairs.add(claim.pair)
            alerts.append(make("new_pair" if fresh else "new_claim"))
        else:
            if before["status"] != claim.status:
                alerts.append(make("status_change", before["status"], _set_on(claim)))
            if before["confidence"] is not None and round(before["confidence"], 2) != round(claim.confidence, 2):
                alerts.append(make("confidence_change", previous_confidence=before["confidence"]))
            if before["origins"] is not None:  # NULL: stored before origins were kept
                known = set(before["origins"].split("\n")) - {""}
                for part in claim.contributions:
                    if part.weight > 0 and part.origin not in known:
                        alerts.append(make("new_origin", origin=part.label))
        if claim.contradicted and (before is None or not before["contradicted"]):
            alerts.append(make("contradiction"))
    return alerts
