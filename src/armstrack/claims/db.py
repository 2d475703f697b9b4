"""The claims layer's side of the claims tables: the index rows of a stored event, a Report
read back from a stored event, claims to rows and back, link candidates as LinkEvents, changes
as Alerts. The SQL is the store's (`store/claims.py`, the one door to the database); these
functions turn its rows into the claims' records and their records into rows.

Tables (migration m003_claims, `store/claims_schema.py`): `claim_index` (one or more rows per
stored event, keyed by the actors that matter for merging and linking), `claims` (one row per
claim, its full record in `data`), `claim_reports` and `claim_links` (event id -> claim id),
`claim_reviews`, `claim_changes` (what alerts read) and `claim_settings`.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator

from .. import eventtypes
from ..records import Event, decode
from ..store import articles as stored_articles
from ..store import claims as stored
from ..store.claims import CHANGE_COLUMNS, INDEX_COLUMNS
from .links import LinkEvent
from .model import Alert, Claim, Link, Origin, OriginKind, Report, Stance
from .origins import origin_of
from .parties import firm_id, party_of

Pair = tuple[str, str]


# ---- the claims index -------------------------------------------------------------------
def ingest_order(article_rowid: int, seq: int) -> int:
    """Where an event stands in ingestion order: picks a claim's anchor (see merge.Cluster)."""
    return article_rowid * 100_000 + seq


def index_rows(row: sqlite3.Row) -> Iterator[dict]:
    """The claims-index rows of one stored event (see LinkEvent for the columns)."""
    data, type_ = json.loads(row["data"]), row["type"]
    base = {"event_id": row["id"], "article_id": row["article_id"], "type": type_,
            "report_date": row["published"], "event_date": data.get("when"),
            "ord": ingest_order(row["article_rowid"], row["seq"])}
    spec = eventtypes.spec(type_)
    if spec is not None:
        yield from spec.index(data, base)


def _insert_index(db: sqlite3.Connection, rows: Iterable[sqlite3.Row]) -> list[dict]:
    out = [index_row for row in rows for index_row in index_rows(row)]
    stored.insert_index(db, out)
    return out


def index_article(db: sqlite3.Connection, article_id: str) -> list[dict]:
    """(Re)index one article's events; returns the new index rows."""
    stored.delete_article_index(db, article_id)
    return _insert_index(db, stored.article_event_rows(db, article_id))


def index_all_batched(db: sqlite3.Connection, batch: int = 2000) -> None:
    """Rebuild the claims index article by article, `batch` articles per transaction."""
    ids = stored_articles.article_ids(db)
    with db:
        # rows of articles that are gone (none should be, but the index is derived: start clean)
        stored.prune_index(db)
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        with db:
            stored.delete_articles_index(db, chunk)
            _insert_index(db, stored.articles_event_rows(db, chunk))


# ---- reports ----------------------------------------------------------------------------
_PLAN_ORIGIN = Origin("plan", "plan", OriginKind.OUTLET)


def plan_report(row: sqlite3.Row) -> Report:
    """A Report with just the merge keys, from an index row: merging is planned on these
    (no JSON parsed); full reports are read only for the claims that change."""
    return Report(event_id=row["event_id"], article_id=row["article_id"], outlet=None,
                  report_date=row["report_date"], origin=_PLAN_ORIGIN, stance=Stance.ASSERT,
                  certainty="", status=None, supplier=row["supplier"], recipient=row["recipient"],
                  item_id=row["item_id"], category=row["category"], broad=row["broad"], order=row["ord"])


def _side(filler) -> str | None:
    """A transfer side as claims pair it (see `_party`), from a typed Filler."""
    return (filler.state or filler.id) if filler is not None else None


def stored_event(row: sqlite3.Row) -> Event:
    """A stored event's record, whole (`records.decode`); an event stored before records were
    kept is read back from its JSON contract."""
    record = row["record"] if "record" in row.keys() else None
    return decode(json.loads(record)) if record else Event.from_dict(json.loads(row["data"]))


def _party(fillers, side: str | None, of=party_of) -> str | None:
    """The first firm or service among a side's fillers that stands for the side's state or
    actor ("Nigeria ... the Nigerian Navy": the navy); with `of=firm_id`, the first firm's id."""
    return next((p for f in fillers if _side(f) == side for p in [of(f)] if p), None)


def report_from_row(row: sqlite3.Row, rule: str = "") -> Report:
    """A Report from a stored TRANSFER event (supplier or recipient may still be None here),
    read back as a typed Event."""
    event = stored_event(row)
    cert = event.certainty
    confirmed, denied = cert.confirmed_by, cert.denied_by
    stance = Stance.CONFIRM if confirmed else Stance.DENY if denied else Stance.ASSERT
    supplier, recipient = event.role("supplier"), event.role("recipient")
    item, broker, quantity = event.role("item"), event.role("broker"), event.quantity
    origin = origin_of(stance=stance, sources=cert.sources, confirmed_by=confirmed,
                       denied_by=denied, outlet=row["outlet"], article_id=row["article_id"],
                       article_label=row["title"] or row["url"] or row["source"])
    return Report(
        event_id=row["id"], article_id=row["article_id"], outlet=row["outlet"],
        report_date=row["published"], origin=origin, stance=stance,
        certainty=str(cert.level), status=str(event.status) if event.status else None,
        supplier=_side(supplier), recipient=_side(recipient),
        item_id=item.id if item else None, category=item.category if item else None,
        item_name=item.name if item else None, broad=item.broad if item else None,
        # a company paired as its state does not name the state: the claim shows the state's id
        supplier_name=supplier.name if supplier and not supplier.state else None,
        recipient_name=recipient.name if recipient and not recipient.state else None,
        supplier_party=_party(event.roles.get("supplier", ()), _side(supplier)),
        recipient_party=_party(event.roles.get("recipient", ()), _side(recipient)),
        supplier_party_id=_party(event.roles.get("supplier", ()), _side(supplier), firm_id),
        recipient_party_id=_party(event.roles.get("recipient", ()), _side(recipient), firm_id),
        brokers=(broker.id,) if broker and broker.id else (),
        hedges=cert.hedges, sources=cert.sources, confirmed_by=confirmed, denied_by=denied,
        event_date=event.when, reported_on=event.reported_on, confirmed_on=cert.confirmed_on,
        quantity=quantity.text if quantity else None, quantity_min=quantity.min if quantity else None,
        quantity_max=quantity.max if quantity else None,
        evidence=event.evidence[0].sentence if event.evidence else "",
        order=ingest_order(row["article_rowid"], row["seq"]), rule=rule,
        title=row["title"], url=row["url"], source=row["source"], ingested=row["ingested_at"],
    )


# ---- claims -----------------------------------------------------------------------------
def write_claims(db: sqlite3.Connection, claims: Iterable[Claim], created: dict[str, str], at: str) -> None:
    """Insert claims (already deleted) with their report and link rows."""
    for claim in claims:
        stored.insert_claim(
            db,
            (claim.id, claim.supplier, claim.recipient, claim.item_key, claim.item_id, claim.category,
             claim.broad, "," + ",".join(claim.brokers) + ",", claim.status, claim.confidence,
             int(claim.contradicted), claim.review, claim.first_reported,
             claim.last_reported, claim.anchor, created.get(claim.id, at),
             json.dumps(claim.to_dict(), ensure_ascii=False), origin_keys(claim), search_text(claim),
             _listed(claim.supplier_party_ids), _listed(claim.recipient_party_ids)),
            [(claim.id, r.event_id, r.article_id) for r in claim.reports], _link_rows(claim))


def _listed(ids) -> str | None:
    """Ids as the store lists them for a LIKE test (",A,B,"), or None."""
    return "," + ",".join(ids) + "," if ids else None


def search_text(claim: Claim) -> str:
    """What `list_claims(q=...)` matches: ids and names, lower case (as store.claims_schema.search_sql),
    then the firms and services its reports name ("Saab" finds SWE -> LTU; claims stored before
    parties were kept have none to match)."""
    parts = (claim.id, claim.supplier, claim.supplier_name or "", claim.recipient, claim.recipient_name or "",
             claim.item_key, claim.item_name or "", claim.category or "", *claim.supplier_parties,
             *claim.recipient_parties)
    return " ".join(parts).lower()


def origin_keys(claim: Claim) -> str:
    """The claim's supporting origin keys, newline-separated (alerts compare them)."""
    return "\n".join(sorted(p.origin for p in claim.contributions if p.weight > 0))


def _link_rows(claim: Claim) -> list[tuple[str, str, str, str]]:
    return [(claim.id, link.event_id, link.type, link.rule) for link in claim.links]


def replace_links(db: sqlite3.Connection, claim: Claim) -> None:
    """Store a claim whose links (only) were recomputed."""
    stored.replace_links(db, claim.id, _link_rows(claim), json.dumps(claim.to_dict(), ensure_ascii=False))


def load_claims(db: sqlite3.Connection, **filters) -> list[Claim]:
    """Stored claims in full, ordered by pair and first report; `filters` as
    `store.claims.claims_data` takes them (claim_id, supplier, recipient, status, weapon, since,
    include_rejected)."""
    return [Claim.from_dict(json.loads(data)) for data in stored.claims_data(db, **filters)]


def light_claims(rows: Iterable[sqlite3.Row]) -> list[Claim]:
    """Claims with only the fields link rules read (no reports), from claim rows: for cheap
    relink checks."""
    out = []
    for row in rows:
        out.append(Claim(id=row["id"], supplier=row["supplier"], recipient=row["recipient"],
                         item_key=row["item_key"], item_id=row["item_id"], item_name=None,
                         category=row["category"], broad=row["broad"], status=row["status"],
                         contradicted=bool(row["contradicted"]), confidence=0.0, grade="", corroboration=0,
                         denials=0, first_reported=row["first_reported"], last_reported=row["last_reported"],
                         reports=(), brokers=tuple(b for b in (row["brokers"] or "").split(",") if b)))
    return out


# ---- link candidates --------------------------------------------------------------------
def link_event(row) -> LinkEvent:
    """A LinkEvent from a claims-index row (an sqlite3.Row or a dict from `index_rows`)."""
    get = row.get if isinstance(row, dict) else row.__getitem__
    return LinkEvent(**{c: get(c) for c in INDEX_COLUMNS})


def _link_events(rows: Iterable[sqlite3.Row]) -> list[LinkEvent]:
    return [link_event(row) for row in rows]


def link_candidates(db: sqlite3.Connection, claim: Claim) -> list[LinkEvent]:
    """Index rows that might link to `claim`; `links.link_rule` decides."""
    return _link_events(stored.link_rows(db, claim.pair, brokers=claim.brokers, item_id=claim.item_id,
                                         article_ids=sorted({r.article_id for r in claim.reports})))


def summaries(db: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """The evidence sentence of each event, for link lines."""
    return {row["id"]: (json.loads(row["data"]).get("evidence") or {}).get("sentence", "")
            for row in stored.event_rows(db, event_ids)}


def relink_candidates(db: sqlite3.Connection, event: LinkEvent) -> list[Claim]:
    """Stored claims (light) a new MEETING, SANCTION, STATEMENT or ATTACK index row might concern
    (none for a target or speaker: they link only within an article that reports the claim)."""
    return light_claims(stored.relink_rows(db, event.rel, supplier=event.supplier, recipient=event.recipient,
                                           actor=event.actor, item_id=event.item_id))


def add_links(db: sqlite3.Connection, claim_id: str, links: Iterable[Link]) -> None:
    """Add links to a stored claim (a new event concerns it; its reports did not change)."""
    claim = load_claims(db, claim_id=claim_id)[0]
    known = {link.event_id for link in claim.links}
    merged = tuple(sorted([*claim.links, *(link for link in links if link.event_id not in known)],
                          key=lambda link: (link.date or "", link.event_id)))
    replace_links(db, claim.with_(links=merged))


# ---- changes ----------------------------------------------------------------------------
def record_changes(db: sqlite3.Connection, alerts: Iterable[Alert]) -> None:
    """Append changes to `claim_changes`, which `alerts` reads."""
    stored.record_changes(db, [tuple(getattr(a, c) for c in CHANGE_COLUMNS) for a in alerts])


def changes_since(db: sqlite3.Connection, since: str, *, by: str = "ingested") -> list[Alert]:
    """Recorded changes, oldest first: noticed at or after `since` (by="ingested"), or whose
    news date is on or after it (by="news")."""
    return [Alert(**row) for row in stored.changes_since(db, since, by=by)]
