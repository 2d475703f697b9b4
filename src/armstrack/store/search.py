"""The reads the query layer pages through: articles (full-text search on either engine), stored
events with their article's provenance, and the actors and weapons of the claims.

Functions over the store's connection that take checked values (`armstrack.query` checks and
resolves every filter first, `resolve/filters.py`) and return rows read by name; the query
layer turns them into its records. The engines differ here in full-text search (SQLite's FTS5
table `articles_fts`, or LIKE when FTS5 is missing; PostgreSQL's generated `tsv` column), and
otherwise only in spellings the connection's dialect gives (`store/dialect.py`).
"""
from __future__ import annotations

import re

from collections.abc import Sequence

from ..text import singular
from .dialect import SQLITE, Dialect, Where, condition, dialect_of
from .locks import postgres
from .timeline import timeline_order

# an article's provenance, as `query._db.provenance` reads it from a row
PROVENANCE_COLUMNS = "a.id AS article_id, a.source, a.url, a.title, a.outlet, a.published, a.ingested_at"
# FTS5 snippet markers: control characters no article text keeps, so a renderer can escape the
# text and mark the hits without confusing them with brackets the article itself contains
HIT_START, HIT_END = "\x02", "\x03"
# a stored event with its article's provenance
_EVENT_SELECT = f"SELECT e.id, e.data, {PROVENANCE_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
_ROLE = "e.id IN (SELECT event_id FROM roles WHERE role IN ({}) AND entity_id = ?)"
_VISIBLE = "(review IS NULL OR review != 'rejected')"


def _marks(values: Sequence) -> str:
    return ", ".join("?" * len(values))


# ---- full-text search -------------------------------------------------------------------
def has_fts(db) -> bool:
    """True for an SQLite store with its FTS5 index (PostgreSQL's search is its tsvector)."""
    if postgres(db):
        return False
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone() is not None


_FTS_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
_FTS_OPERATORS = ("OR", "AND", "NOT")


def fts_query(text: str) -> str:
    """User words as an FTS5 query, with the syntax people type and nothing else: every word
    must occur; `OR`, `AND` and `NOT` in capitals between words; "a phrase" in double quotes;
    `Sha*` a prefix. Every term is quoted, so `-`, `:`, brackets and stray quotes are words,
    never syntax errors; an operator with no term on one side is dropped."""
    parts: list[str] = []
    for match in _FTS_TOKEN.finditer(text):
        word = match.group("word")
        if word in _FTS_OPERATORS:
            if parts and parts[-1] not in _FTS_OPERATORS:
                parts.append(word)
            continue
        if word is None:
            term = match.group("phrase").strip()
            prefix = False
        else:
            term = word.strip("()")
            prefix = term.endswith("*") and len(term.rstrip("*")) > 0
            term = term.rstrip("*")
        if not term:
            continue
        parts.append('"' + term.replace('"', '""') + '"' + (" *" if prefix else ""))
    while parts and parts[-1] in _FTS_OPERATORS:
        parts.pop()
    return " ".join(parts)


# ---- articles ---------------------------------------------------------------------------
def has_article(db, article_id: str) -> bool:
    """Whether an article with exactly this id is stored."""
    return db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def articles_with_prefix(db, prefix: str) -> list[str]:
    """Up to two stored article ids that start with `prefix` (hex digits): one, or an ambiguity."""
    return [r[0] for r in db.execute("SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2",
                                     (prefix, prefix + "g"))]


def article_page(db, *, query: str = "", start: str | None = None, before: str | None = None,
                 outlet: str | None = None, limit: int, offset: int) -> tuple[int, list]:
    """A page of articles and how many match: PROVENANCE_COLUMNS, `n_events` and `snippet`
    (hits between HIT_START and HIT_END; NULL without a query). Newest first; with `query`,
    those holding every word of it (title and text), best match first. `start`: published on
    or after; `before`: published before; `outlet` compared without case."""
    where, args = [], []
    if start:
        where.append("a.published >= ?")
        args.append(start)
    if before:
        where.append("a.published < ?")
        args.append(before)
    if outlet is not None:
        where.append("lower(a.outlet) = lower(?)")
        args.append(outlet)
    counted = ("(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS n_events")
    if query and postgres(db):
        # PostgreSQL: the generated tsvector column (every word must occur, stemmed as English)
        where_sql = "".join(f" AND {w}" for w in where)
        found = "a.tsv @@ websearch_to_tsquery('english', ?)"
        total = db.execute(f"SELECT COUNT(*) FROM articles a WHERE {found}{where_sql}", (query, *args)).fetchone()[0]
        rows = db.execute(
            f"SELECT {PROVENANCE_COLUMNS}, {counted}, ts_headline('english', a.text, websearch_to_tsquery('english', ?),"
            f" 'StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=16, MinWords=6, FragmentDelimiter=…, MaxFragments=1')"
            f" AS snippet FROM articles a WHERE {found}{where_sql}"
            " ORDER BY ts_rank(a.tsv, websearch_to_tsquery('english', ?)) DESC, a.id LIMIT ? OFFSET ?",
            (query, query, *args, query, limit, offset))
    elif query and has_fts(db):
        sql = (f"SELECT {PROVENANCE_COLUMNS}, {counted}, snippet(articles_fts, 1, '{HIT_START}', '{HIT_END}', '…', 16)"
               " AS snippet FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ?")
        where_sql = "".join(f" AND {w}" for w in where)
        match = fts_query(query)
        if not match:  # only operators or punctuation: nothing to look for
            return 0, []
        total = db.execute("SELECT COUNT(*) FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                           f" WHERE articles_fts MATCH ?{where_sql}", (match, *args)).fetchone()[0]
        rows = db.execute(sql + where_sql + " ORDER BY rank LIMIT ? OFFSET ?", (match, *args, limit, offset))
    else:
        if query:  # an SQLite without FTS5: every word, anywhere, without ranking
            like = dialect_of(db).like
            for word in query.split():
                where.append(f"(a.text {like} ? OR a.title {like} ?)")
                args += [f"%{word}%"] * 2
        where_sql = (" WHERE " + " AND ".join(where)) if where else ""
        total = db.execute(f"SELECT COUNT(*) FROM articles a{where_sql}", args).fetchone()[0]
        rows = db.execute(f"SELECT {PROVENANCE_COLUMNS}, {counted}, NULL AS snippet FROM articles a{where_sql}"
                          " ORDER BY a.published DESC, a.ingested_at DESC, a.id LIMIT ? OFFSET ?",
                          (*args, limit, offset))
    return total, rows.fetchall()


def article_row(db, article_id: str):
    """One article's PROVENANCE_COLUMNS, text and language (None if it is not stored)."""
    return db.execute(f"SELECT {PROVENANCE_COLUMNS}, a.text, a.language FROM articles a WHERE a.id = ?",
                      (article_id,)).fetchone()


def article_events(db, article_id: str) -> list:
    """One article's stored events in order: id, data and PROVENANCE_COLUMNS."""
    return db.execute(_EVENT_SELECT + " WHERE e.article_id = ? ORDER BY e.seq", (article_id,)).fetchall()


# ---- events -----------------------------------------------------------------------------
def event_row(db, event_id: str):
    """One stored event (id, data, PROVENANCE_COLUMNS), or None."""
    return db.execute(_EVENT_SELECT + " WHERE e.id = ?", (event_id,)).fetchone()


def event_page(db, *, type: str | None = None, article_id: str | None = None,
               suppliers: Sequence[str] = (), recipients: Sequence[str] = (), actors: Sequence[str] = (),
               weapon: str | None = None, start: str | None = None, before: str | None = None,
               realis: str | None = None, focus: str | None = None,
               limit: int, offset: int) -> tuple[int, list]:
    """A page of stored events (id, data, PROVENANCE_COLUMNS) in timeline order (the event's own
    date, else its article's; then article and sentence: store/timeline.py), and how many match.
    `suppliers`/`recipients`: ids any of which fills that TRANSFER role; `actors`: ids any of
    which fills any role; `weapon` a weapon id (a TRANSFER item or ATTACK
    weapon) or "cat:<kind>" (that kind or a narrower one); `start`/`before` on the event's own
    date, else its article's; `realis`, `focus` as stored (events stored before they existed
    count as actual and main)."""
    d = dialect_of(db)
    where, args = [], []
    if type:
        # with an actor or weapon filter the roles index finds fewer rows than the type index:
        # `+e.type` (Dialect.unindexed) keeps SQLite from scanning every event of the type
        # (bench/query.py: 336 ms)
        by_role = suppliers or recipients or actors or (weapon and not weapon.startswith("cat:"))
        where.append(f"{d.unindexed('e.type') if by_role else 'e.type'} = ?")
        args.append(type)
    if article_id:
        where.append("e.article_id = ?")
        args.append(article_id)
    for role, ids in (("'supplier'", suppliers), ("'recipient'", recipients)):
        if ids:
            where.append(_ROLE.replace("= ?", f"IN ({_marks(ids)})").format(role))
            args += ids
    if actors:
        where.append(f"e.id IN (SELECT event_id FROM roles WHERE entity_id IN ({_marks(actors)}))")
        args += actors
    if weapon:
        if weapon.startswith("cat:"):
            # a kind covers its narrower kinds: "drone" keeps "one-way attack drone"
            kind = f"COALESCE({d.json_text('e.data', 'item.category')}, {d.json_text('e.data', 'weapon.category')})"
            where.append(f"({kind} IN (?, ?) OR {kind} {d.like} ?)")
            args += [weapon[4:], weapon[4:], f"% {weapon[4:]}"]
        else:
            where.append(_ROLE.format("'item', 'weapon'"))
            args.append(weapon)
    if start:   # timeline_date: the event's own date, else its article's
        where.append("e.timeline_date >= ?")
        args.append(start)
    if before:
        where.append("e.timeline_date < ?")
        args.append(before)
    for name, value, default in (("realis", realis, "actual"), ("focus", focus, "main")):
        if value:
            where.append(f"COALESCE({d.json_text('e.data', name)}, '{default}') = ?")
            args.append(value)
    where_sql = (" WHERE " + " AND ".join(where)) if where else ""
    # every condition is on the event alone (its timeline_date holds its article's date), and
    # every event has its article (a foreign key): counting and paging join no article (the
    # join cost 0.5 s for the transfers of 117,000 events)
    total = db.execute("SELECT COUNT(*) FROM events e" + where_sql, args).fetchone()[0]
    # ids first, then the page's rows: sorting carries ids, not whole event documents
    page_ids = [r[0] for r in db.execute(
        "SELECT e.id FROM events e" + where_sql +
        f" ORDER BY {timeline_order(db)} LIMIT ? OFFSET ?", (*args, limit, offset))]
    rows = {r["id"]: r for r in db.execute(_EVENT_SELECT + f" WHERE e.id IN ({_marks(page_ids)})",
                                           page_ids)} if page_ids else {}
    return total, [rows[i] for i in page_ids]


# ---- claims -----------------------------------------------------------------------------
def claims_where(*, suppliers: Sequence[str] = (), recipients: Sequence[str] = (), brokers: Sequence[str] = (),
                 supplier_firms: Sequence[str] = (), recipient_firms: Sequence[str] = (),
                 weapon: str | None = None, kind: str | None = None, status: str | None = None,
                 start: str | None = None, before: str | None = None, year: str | None = None,
                 grade: str | None = None, words: Sequence[str] = (),
                 include_rejected: bool = False) -> tuple[Where, list]:
    """The condition over `claims` (" WHERE ..." or "") and its arguments for checked filter
    values, as `claims_page`, `claim_edge_rows`, `facets.py` and `network.py` take it: a
    `dialect.Where`, which each of them spells for its connection's engine (the query layer
    builds it before it holds one).

    `suppliers`/`recipients`/`brokers`: actor ids any of which is the claim's (a side's
    `*_firms` also match the firms its reports name, paired as their state); `weapon` an item
    id or "cat:<kind>" (that kind or a narrower one); `kind` a weapon kind or SIPRI category;
    `start`: a report on or after it; `before`: a first report before it; `year` the claim's
    year; `grade` an Admiralty grade (B2) or its letter (B); `words` (lower case) all in the
    claim's ids and names; claims an analyst rejected only with `include_rejected`."""
    def write(d: Dialect) -> tuple[str, list]:
        where, args = [], []
        for column, ids, firms in (("supplier", suppliers, supplier_firms),
                                   ("recipient", recipients, recipient_firms)):
            if ids:
                side = f"{column} = ?" if len(ids) == 1 else f"{column} IN ({_marks(ids)})"
                args += ids
                if firms:   # "Saab": the claims Saab's reports make, paired as Sweden
                    side = "(" + " OR ".join([side] + [f"{column}_parties {d.like} ?"] * len(firms)) + ")"
                    args += [f"%,{i},%" for i in firms]
                where.append(side)
        if brokers:
            where.append("(" + " OR ".join([f"brokers {d.like} ?"] * len(brokers)) + ")")
            args += [f"%,{i},%" for i in brokers]
        if weapon:
            if weapon.startswith("cat:"):  # a kind: the claims of that kind or a narrower one ("drone")
                where.append(f"(category = ? OR category {d.like} ?)")
                args += [weapon[4:], f"% {weapon[4:]}"]
            else:
                where.append("item_id = ?")
                args.append(weapon)
        if kind:
            where.append(f"(category = ? OR category {d.like} ? OR broad = ?)")
            args += [kind, f"% {kind}", kind]
        if status:
            where.append("status = ?")
            args.append(status)
        if start:
            where.append("last_reported >= ?")
            args.append(start)
        if before:
            where.append("first_reported < ?")
            args.append(before)
        if year:    # the claim's year: its event date's, else its first report's (facets.py)
            where.append("year = ?")
            args.append(year)
        if grade:   # B2, or B for B1-B6
            where.append("grade = ?" if len(grade) == 2 else f"grade {d.like} ?")
            args.append(grade if len(grade) == 2 else grade + "_")
        for word in words:
            # "drones" finds a "one-way attack drone": a plural word matches its singular too
            forms = dict.fromkeys([word, singular(word)])
            where.append("(" + " OR ".join([f"search {d.like} ? ESCAPE '\\'"] * len(forms)) + ")")
            args.extend("%" + f.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for f in forms)
        if not include_rejected:
            where.append(_VISIBLE)
        return (" WHERE " + " AND ".join(where)) if where else "", args

    # the arguments are the same on every engine; only the text waits for the read's engine
    return Where(lambda d: write(d)[0]), write(SQLITE)[1]


def claims_page(db, where_sql: Where | str, args: Sequence, *, sort: str, descending: bool,
                limit: int, offset: int) -> tuple[int, list[str]]:
    """How many claims match a `claims_where` condition, and the records (JSON text) of one
    page of them sorted by the column `sort` (then id; undated last)."""
    where_sql = condition(db, where_sql)
    total = db.execute("SELECT COUNT(*) FROM claims" + where_sql, args).fetchone()[0]
    direction = "DESC" if descending else "ASC"
    # undated claims sort last either way; SQLite puts NULL last in a descending order already,
    # and leaving the IS NULL term out there lets the (column, id) index give the order
    order_sql = (f"{sort} IS NULL, " if direction == "ASC" else "") + f"{sort} {direction}" + \
        (f", id {direction}" if sort != "id" else "")
    # ids first, then the page's records: sorting carries ids, not 2 KB documents
    page_ids = [r[0] for r in db.execute(f"SELECT id FROM claims{where_sql} ORDER BY {order_sql} LIMIT ? OFFSET ?",
                                         (*args, limit, offset))]
    data = dict(db.execute(f"SELECT id, data FROM claims WHERE id IN ({_marks(page_ids)})",
                           page_ids).fetchall()) if page_ids else {}
    # a review committed between the two reads can replace a claim: it is left off this page
    return total, [data[i] for i in page_ids if i in data]


def claim_edge_rows(db, where_sql: Where | str, args: Sequence) -> list:
    """The columns a network edge carries (no report is parsed) of the claims matching a
    `claims_where` condition, by id: id, supplier, recipient, item_key, item_id, category,
    status, confidence, contradicted, brokers, first_reported, last_reported, grade, item_name,
    supplier_name, recipient_name, reports (their count)."""
    d = dialect_of(db)
    edge = ("SELECT id, supplier, recipient, item_key, item_id, category, status, confidence, contradicted,"
            f" brokers, first_reported, last_reported, {d.json_text('data', 'grade')} AS grade,"
            f" {d.json_text('data', 'item_name')} AS item_name, {d.json_text('data', 'supplier_name')} AS supplier_name,"
            f" {d.json_text('data', 'recipient_name')} AS recipient_name,"
            f" {d.json_length('data', 'reports')} AS reports FROM claims")
    return db.execute(edge + condition(db, where_sql) + " ORDER BY id", args).fetchall()


# ---- actors and weapons of the claims ---------------------------------------------------
def actor_counts(db) -> dict[str, list[int]]:
    """Each actor's number of claims (not rejected) as supplier, recipient and broker."""
    counts: dict[str, list[int]] = {}
    for column, slot in (("supplier", 0), ("recipient", 1)):
        for actor, n in db.execute(f"SELECT {column}, COUNT(*) FROM claims WHERE {_VISIBLE} GROUP BY {column}"):
            counts.setdefault(actor, [0, 0, 0])[slot] = n
    for (brokers,) in db.execute(f"SELECT brokers FROM claims WHERE brokers != ',' AND {_VISIBLE}"):
        for broker in filter(None, (brokers or "").split(",")):
            counts.setdefault(broker, [0, 0, 0])[2] += 1
    return counts


def actor_claims(db, role: str, actor: str, *, limit: int) -> list[str]:
    """The records (JSON text) of up to `limit` claims (not rejected) in which `actor` is the
    supplier, recipient or broker (`role`), latest report first."""
    arg = f"%,{actor},%" if role == "broker" else actor
    where = {"supplier": "supplier = ?", "recipient": "recipient = ?",
             "broker": f"brokers {dialect_of(db).like} ?"}[role]
    rows = db.execute(f"SELECT data FROM claims WHERE {where} AND {_VISIBLE}"
                      " ORDER BY last_reported IS NULL, last_reported DESC, id LIMIT ?", (arg, limit))
    return [r[0] for r in rows]


def sanctions_on(db, actor: str, *, limit: int) -> list:
    """The SANCTION events (id, data, PROVENANCE_COLUMNS) that target `actor`, newest first."""
    return db.execute(
        f"{_EVENT_SELECT}"
        " WHERE e.type = 'SANCTION' AND e.id IN (SELECT event_id FROM roles WHERE role = 'target' AND entity_id = ?)"
        " ORDER BY a.published DESC, e.seq LIMIT ?", (actor, limit)).fetchall()


def weapon_rows(db, *, kind: str | None = None) -> list:
    """One row per claimed item (claims not rejected; of `kind` when given, as category or SIPRI
    category): item_key, item_id, category, broad, n (claims), suppliers and recipients
    (comma-separated)."""
    where = _VISIBLE
    args: list = []
    if kind:
        where += " AND (category = ? OR broad = ?)"
        args += [kind, kind]
    d = dialect_of(db)
    # one row per item: its other columns follow from the key (MAX picks that one value)
    return db.execute(f"SELECT item_key, MAX(item_id) AS item_id, MAX(category) AS category, MAX(broad) AS broad,"
                      f" COUNT(*) AS n, {d.group_concat('supplier', distinct=True)} AS suppliers,"
                      f" {d.group_concat('recipient', distinct=True)} AS recipients FROM claims WHERE {where}"
                      " GROUP BY item_key", args).fetchall()
