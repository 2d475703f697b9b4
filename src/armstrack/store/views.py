"""SQL views for readers outside armstrack: datasette, sqlite-utils, psql, a spreadsheet's ODBC.

The tables keep ids (`IRN`, `fath-360`) and whole records as JSON (a claim's reports, a
report's sources); these views put names beside the ids and a report's fields in columns
(issue 24). They are created by the migration `m010_read_views` on SQLite and PostgreSQL alike
(the same columns; the SQL differs where the engines split a list or a JSON array) and are read
only: armstrack itself never reads them.

* `kb_entities`: a table, the knowledge base's states, groups, companies, organisations and
  weapon systems (id, kind, name, category, broad category, country), copied in by the
  migration and again by `refresh_names` (`armstrack views`), which the views join for names;
* `claims_view`: one row per claim, supplier, recipient, broker and system names beside their
  ids, category, status, confidence, grade, origins, denials and report count;
* `reports_view`: one row per report of a claim (as the claim sees it, analyst corrections
  applied), with its article (title, url, source, published), outlet, stance, certainty, status,
  cited origin, sources, hedges, confirming and denying parties, quantity, dates and evidence.

A row of a view is as current as the claims: nothing to refresh but the names.
"""
from __future__ import annotations

from .dialect import dialect_of

VIEWS = ("claims_view", "reports_view")
NAME_KINDS = ("state", "armed_group", "company", "organisation", "weapon")

_KB_TABLE = """
CREATE TABLE kb_entities (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
    category TEXT, broad TEXT, country TEXT
);
CREATE INDEX kb_entities_kind ON kb_entities(kind);
"""

# the columns both engines give; {supplier_name} and the like read a field of the claim,
# {brokers}/{broker_names} are the engine's spelling of a comma list, {integer} its integer type
_CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT c.id AS id,
       c.supplier AS supplier, COALESCE(ks.name, {supplier_name}) AS supplier_name,
       c.recipient AS recipient, COALESCE(kr.name, {recipient_name}) AS recipient_name,
       {brokers} AS brokers, {broker_names} AS broker_names,
       c.item_id AS system, COALESCE(ki.name, {item_name}) AS system_name,
       c.category AS category, c.broad AS broad_category,
       c.status AS status, c.confidence AS confidence, {grade} AS grade,
       c.contradicted AS contradicted, c.review AS review,
       CAST({corroboration} AS {integer}) AS origins, CAST({denials} AS {integer}) AS denials,
       {reports} AS reports,
       c.first_reported AS first_reported, c.last_reported AS last_reported,
       {event_date} AS event_date, {confirmed_on} AS confirmed_on, c.created_at AS created_at
FROM claims c
LEFT JOIN kb_entities ks ON ks.id = c.supplier
LEFT JOIN kb_entities kr ON kr.id = c.recipient
LEFT JOIN kb_entities ki ON ki.id = c.item_id
"""

_SQLITE_CLAIMS = dict(
    supplier_name="json_extract(c.data, '$.supplier_name')",
    recipient_name="json_extract(c.data, '$.recipient_name')",
    item_name="json_extract(c.data, '$.item_name')",
    grade="json_extract(c.data, '$.grade')",
    corroboration="json_extract(c.data, '$.corroboration')",
    denials="json_extract(c.data, '$.denials')",
    reports="json_array_length(c.data, '$.reports')",
    event_date="json_extract(c.data, '$.event_date')",
    confirmed_on="json_extract(c.data, '$.confirmed_on')",
    brokers="NULLIF(trim(c.brokers, ','), '')",
    # ",POL,TUR," -> ["POL","TUR"] (actor ids hold no quote or comma)
    broker_names="(SELECT group_concat(COALESCE(kb.name, b.value), ', ') FROM json_each("
                 "'[\"' || replace(trim(c.brokers, ','), ',', '\",\"') || '\"]') b"
                 " LEFT JOIN kb_entities kb ON kb.id = b.value WHERE b.value != '')",
)

_POSTGRES_CLAIMS = dict(
    supplier_name="(c.data::jsonb ->> 'supplier_name')",
    recipient_name="(c.data::jsonb ->> 'recipient_name')",
    item_name="(c.data::jsonb ->> 'item_name')",
    grade="(c.data::jsonb ->> 'grade')",
    corroboration="(c.data::jsonb ->> 'corroboration')",
    denials="(c.data::jsonb ->> 'denials')",
    reports="jsonb_array_length(c.data::jsonb -> 'reports')",
    event_date="(c.data::jsonb ->> 'event_date')",
    confirmed_on="(c.data::jsonb ->> 'confirmed_on')",
    brokers="NULLIF(trim(both ',' from c.brokers), '')",
    broker_names="(SELECT string_agg(COALESCE(kb.name, b.id), ', ') FROM unnest(string_to_array("
                 "trim(both ',' from c.brokers), ',')) AS b(id) LEFT JOIN kb_entities kb ON kb.id = b.id"
                 " WHERE b.id <> '')",
)

_REPORTS_VIEW = """
CREATE VIEW reports_view AS
SELECT c.id AS claim_id, {f[event_id]} AS event_id, {f[article_id]} AS article_id,
       a.title AS article_title, a.url AS article_url, a.source AS article_source,
       a.published AS article_published,
       COALESCE({f[outlet]}, a.outlet) AS outlet, {f[report_date]} AS report_date,
       {f[stance]} AS stance, {f[certainty]} AS certainty, {f[status]} AS status,
       {f[origin]} AS origin, {f[origin_kind]} AS origin_kind,
       {sources} AS sources, {hedges} AS hedges, {confirmed_by} AS confirmed_by, {denied_by} AS denied_by,
       {f[supplier]} AS supplier, {f[recipient]} AS recipient, {f[item_id]} AS system, {f[item_name]} AS system_name,
       {f[category]} AS category, {f[quantity]} AS quantity,
       {f[event_date]} AS event_date, {f[reported_on]} AS reported_on, {f[confirmed_on]} AS confirmed_on,
       {f[review]} AS review, {f[evidence]} AS evidence, {f[rule]} AS merge_rule
FROM {reports}
LEFT JOIN articles a ON a.id = {f[article_id]}
"""

_REPORT_FIELDS = ("event_id", "article_id", "outlet", "report_date", "stance", "certainty", "status", "origin",
                  "origin_kind", "supplier", "recipient", "item_id", "item_name", "category", "quantity",
                  "event_date", "reported_on", "confirmed_on", "review", "evidence", "rule")


def _sqlite_list(name: str) -> str:
    return f"(SELECT group_concat(x.value, '; ') FROM json_each(r.value, '$.{name}') x)"


def _postgres_list(name: str) -> str:
    return f"(SELECT string_agg(x, '; ') FROM jsonb_array_elements_text(r.value -> '{name}') AS x)"


def _reports_sql(pg: bool) -> str:
    lists = {name: (_postgres_list if pg else _sqlite_list)(name)
             for name in ("sources", "hedges", "confirmed_by", "denied_by")}
    if pg:
        fields = {name: f"(r.value ->> '{name}')" for name in _REPORT_FIELDS}
        source = "claims c CROSS JOIN LATERAL jsonb_array_elements(c.data::jsonb -> 'reports') AS r(value)"
    else:
        fields = {name: f"json_extract(r.value, '$.{name}')" for name in _REPORT_FIELDS}
        source = "claims c, json_each(c.data, '$.reports') r"
    return _REPORTS_VIEW.format(f=fields, reports=source, **lists)


def create_views(db, script) -> None:
    """The `kb_entities` table (filled from the built-in knowledge base) and the views."""
    d = dialect_of(db)
    pg = d.postgres
    script(db, _KB_TABLE)
    refresh_names(db)
    script(db, _CLAIMS_VIEW.format(integer=d.integer, **(_POSTGRES_CLAIMS if pg else _SQLITE_CLAIMS)))
    script(db, _reports_sql(pg))


def refresh_names(db, kb=None) -> int:
    """Copy the knowledge base's names (states, groups, companies, organisations, weapon
    systems) into `kb_entities`, replacing what was there; returns how many. `kb` defaults to
    the built-in base (plus $ARMSTRACK_KB)."""
    if kb is None:
        from ..resolve.kb import load_kb

        kb = load_kb()
    rows = sorted((e.id, e.kind, e.name, e.category, e.broad, e.country)
                  for e in kb.entities.values() if e.kind in NAME_KINDS and e.name)
    db.execute("DELETE FROM kb_entities")
    db.executemany("INSERT INTO kb_entities (id, kind, name, category, broad, country) VALUES (?, ?, ?, ?, ?, ?)",
                   rows)
    return len(rows)


def view_counts(db) -> dict[str, int]:
    """Rows in each view and in `kb_entities`."""
    return {name: db.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0] for name in (*VIEWS, "kb_entities")}


def datasette_metadata(database: str = "armstrack") -> dict:
    """The packaged datasette metadata (data/datasette-metadata.json: descriptions of the views,
    tables and columns, and facets), for a database of that name (datasette names one by its
    file name without .db)."""
    import json

    from ..resources import DATA

    metadata = json.loads((DATA / "datasette-metadata.json").read_text(encoding="utf-8"))
    metadata["databases"] = {database: metadata["databases"]["armstrack"]}
    return metadata
