"""The FastAPI app: the HTTP API under /api/, exports, and server-rendered pages.

Every page has a JSON twin: the same URL with `?format=json` (or `Accept: application/json`)
answers with the data the page shows; `/api/...` serves the same records for programs. Errors
have one JSON envelope, `{"error": {"code", "status", "message"}}`, and pages show the same
message as HTML. See `security.py` for the token, CSRF, size and host rules.
"""

import io
import logging
import os
from dataclasses import replace
from importlib import resources
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import anyio
from anyio.lowlevel import RunVar
from fastapi import Depends, FastAPI, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import eventtypes
from ..errors import ArmstrackError, NotFound
from ..export.registry import export
from ..ingest.fetch import is_url
from ..records import Status
from ..resolve.filters import suggestions
from ..settings import Settings, takes_settings
from ..store import is_postgres, open_store
from ..store.pool import StorePool
from ..store.urls import safe_url
from . import backend
from .backend import MAX_EDGES
from .jobs import MAX_QUEUED, Jobs
from .security import CSRF_COOKIE, TOKEN_COOKIE, CsrfTokens, Guard, Throttle, client_of, same, signed
from .status_chart import status_chart

log = logging.getLogger("armstrack.web")
EXPORTS = (".csv", ".jsonl", ".graphml")   # exports answer errors in JSON, as the API does
MAX_BODY = 5 * 1024 * 1024          # the ingest cap for one text (README: --max-bytes)
POOL_LEASES = 32                    # requests holding a store at once (under anyio's 40 threads)
POOL_KEEP = 16                      # stores kept open between requests
REVIEWER_COOKIE = "armstrack_reviewer"   # the bulk form's reviewer, kept for the browser session
STATUSES = tuple(str(s) for s in Status)  # the filter and review choices, stages then halts
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "payload_too_large", 414: "uri_too_long", 415: "unsupported_media_type",
         422: "invalid_input", 429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


# pages run no inline script and load nothing from elsewhere: an injected tag cannot run
SECURITY_HEADERS = {"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
                    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


class NoNul(BaseModel):
    """A body whose text fields hold no NUL (PostgreSQL refuses one in text: a 500, issue 21)."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("contains a NUL character")
        return value


class ReviewBody(NoNul):
    """One review action. `target` is a claim id (cl-...) or a report's event id (ev-...)."""

    action: Literal["accept", "reject", "correct", "split", "merge", "status", "stance", "undo"]
    target: str | None = Field(None, max_length=100)
    by: str = Field("", max_length=200)
    why: str = Field("", max_length=2000)
    field: str | None = Field(None, max_length=40)
    value: str | None = Field(None, max_length=200)
    other: str | None = Field(None, max_length=100)
    force: bool = False
    audit_id: int | None = None


class IngestText(NoNul):
    text: str = Field(..., min_length=1)
    title: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=20)


@takes_settings("kb_dirs", "allow_private")
def create_app(store_path: str, *, settings: Settings, token: str | None = None, max_body: int = MAX_BODY,
               allowed_hosts: tuple[str, ...] | None = None, create: bool = False, private: bool = False,
               ingest_queue: int = MAX_QUEUED, uploads: str | None = None) -> FastAPI:
    """The armstrack web app over the SQLite store at `store_path`.

    `settings` (or `kb_dirs`, `allow_private` as keywords) are the ingest jobs': the knowledge
    base they extract with, and whether the ingest page may fetch URLs on private, loopback and
    link-local addresses; its store is `store_path`, whatever `settings.store_url` says.

    `token`: when set, every write needs it; with `private`, every read too. `allowed_hosts`:
    the Host header names accepted (None: any). A store that does not exist is refused unless
    `create` (a mistyped path must not start an empty store). `ingest_queue`: how many ingest
    jobs may wait for the one worker before a post is refused with 503. `uploads`: the folder
    for uploaded and pasted texts (default: jobs.uploads_folder).
    """
    if private and not token:
        raise ArmstrackError("a private server needs a token (readers sign in with it)")
    if not create and store_path != ":memory:" and not is_postgres(store_path) and not os.path.isfile(store_path):
        raise ArmstrackError(f"no store at {store_path}; ingest something first: armstrack ingest --db {store_path} FILES")
    open_store(store_path).close()   # migrate once, and fail here rather than on the first request

    app = FastAPI(title="armstrack", version="1", description=__doc__,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store_path = store_path
    jobs = app.state.jobs = Jobs(replace(settings, store_url=store_path), max_queued=ingest_queue, uploads=uploads)
    pool = app.state.pool = StorePool(store_path, keep=POOL_KEEP)
    slots = RunVar("armstrack_store_leases")   # a semaphore per event loop (TestClient starts several)
    env = Environment(loader=PackageLoader("armstrack.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(statuses=STATUSES, event_types=eventtypes.names())
    # any registered type filters (a type is a package; the store and query check the name)
    type_help = f"only this event type: {', '.join(eventtypes.names())}"
    csrf_tokens, throttle = CsrfTokens(token), Throttle()

    async def store():
        """One store per request, for the whole request (issue 21: a connection per thread was
        shared by requests whose dependency and endpoint ran on different threads). Waiting for
        one of the POOL_LEASES holds no worker thread; the lease ends when the endpoint returns,
        before the response goes out, so an answer is sent only after its writes committed."""
        try:
            leases = slots.get()
        except LookupError:
            leases = anyio.Semaphore(POOL_LEASES)
            slots.set(leases)
        async with leases:
            leased = await run_in_threadpool(pool.lease)
            ok = False
            try:
                yield leased
                ok = True
            finally:
                await run_in_threadpool(pool.give_back, leased, ok=ok)

    Store = Annotated[Any, Depends(store, scope="function")]

    # ---- responses ----------------------------------------------------------------------
    def wants_json(request: Request) -> bool:
        path = request.url.path
        if path.startswith("/api/") or path.endswith(EXPORTS) or request.query_params.get("format") == "json":
            return True
        accept = request.headers.get("accept", "")
        return "application/json" in accept and "text/html" not in accept

    def session_of(request: Request) -> str:
        """What a CSRF value is bound to: the sign-in cookie ("" before sign-in)."""
        return request.cookies.get(TOKEN_COOKIE, "")

    def csrf_of(request: Request) -> str:
        """The request's CSRF value if it is this server's for this session, else a new one."""
        found = request.cookies.get(CSRF_COOKIE)
        return found if csrf_tokens.valid(found, session_of(request)) else csrf_tokens.mint(session_of(request))

    def csrf_valid(request: Request, given: str) -> bool:
        """Double submit, bound: the form's value is the cookie's, and the server signed it for
        this session (a cookie tossed in by another site of the same host is neither)."""
        cookie = request.cookies.get(CSRF_COOKIE)
        return same(given, cookie) and csrf_tokens.valid(cookie, session_of(request))

    def page(request: Request, template: str, data: dict, **extra) -> Response:
        """The page, or its JSON twin (`data` is what both show)."""
        if wants_json(request):
            return JSONResponse(backend.plain(data))
        csrf = csrf_of(request)
        query = {k: v for k, v in request.query_params.items() if k not in ("page", "format")}
        html = env.get_template(template).render(
            request=request, data=data, csrf=csrf, q=request.query_params, needs_token=bool(token),
            signed_in=same(request.cookies.get(TOKEN_COOKIE), token), query=query,
            page_url=lambda n: request.url.path + "?" + urlencode({**query, "page": n}),
            json_url=request.url.path + "?" + urlencode({**dict(request.query_params), "format": "json"}),
            **extra)
        response = HTMLResponse(html, headers=SECURITY_HEADERS)
        if request.cookies.get(CSRF_COOKIE) != csrf:
            response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        return response

    def error(request: Request, status: int, message: str, code: str | None = None) -> Response:
        code = code or CODES.get(status, "error")
        # a browser's form post asks for HTML and gets the page below; programs get the envelope
        browser_post = request.method != "GET" and "text/html" in request.headers.get("accept", "")
        if wants_json(request) or (request.method != "GET" and not browser_post):
            return JSONResponse({"error": {"code": code, "status": status, "message": message}},
                                status_code=status)
        # a page keeps what was asked: its filters in a form to correct, the nearest values as links
        asked = {k: v for k, v in request.query_params.items() if k not in ("page", "format")}
        name, nearest = suggestions(message) if status == 400 else (None, [])
        fixes = [(label, request.url.path + "?" + urlencode({**asked, name: value}))
                 for value, label in nearest if name in asked]
        html = env.get_template("error.html").render(request=request, status=status, message=message,
                                                     data={}, csrf=csrf_of(request), q={}, needs_token=bool(token),
                                                     asked=asked if request.method == "GET" else {},
                                                     fixes=fixes, path=request.url.path)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    @app.exception_handler(ArmstrackError)
    async def armstrack_error(request: Request, exc: ArmstrackError):
        response = error(request, getattr(exc, "status", 400), str(exc))
        if getattr(exc, "retry_after", None):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        response = error(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        parts = []
        for item in exc.errors()[:5]:
            where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "body", "path"))
            parts.append(f"{where or 'request'}: {item.get('msg')}")
        return error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        kind = _store_error_kind(exc)
        if kind in ("busy", "unreachable"):
            # a lock held too long, or the server away: the client may try again (issue 21)
            from ..store.errors import explain

            log.warning("%s %s: %s", request.method, request.url.path, exc)
            response = error(request, 503, explain(exc, safe_url(store_path)), code="store_busy" if kind == "busy"
                             else "store_unreachable")
            response.headers["Retry-After"] = "5"
            return response
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")

    # ---- guards -------------------------------------------------------------------------
    def may_write(request: Request) -> None:
        """Writes need the token when the app has one (a header, or the /login cookie)."""
        if token and not signed(dict(request.headers), token):
            raise StarletteHTTPException(401, "this server needs its token for writes: send "
                                              "'Authorization: Bearer TOKEN' or sign in at /login")

    def json_write(request: Request) -> None:
        may_write(request)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise StarletteHTTPException(415, "send the body as application/json")

    def form_write(request: Request, csrf: str) -> None:
        if not csrf_valid(request, csrf):
            raise StarletteHTTPException(403, "the form's CSRF token does not match its cookie; reload the page and try again")
        may_write(request)

    Paging = {"page": Query(1, ge=1, le=100_000), "per_page": Query(50, ge=1, le=500)}

    # ---- API: reads ---------------------------------------------------------------------
    def claim_filters(request: Request) -> dict:
        """The claim filters of a request's query string, as the query library takes them."""
        p = request.query_params
        filters = {k: p.get(k) for k in ("supplier", "recipient", "broker", "weapon", "category", "status",
                                          "since", "until", "q", "year", "grade") if p.get(k)}
        if p.get("include_rejected") in ("1", "true", "yes", "on"):
            filters["include_rejected"] = True
        filters["sort"], filters["order"] = p.get("sort") or "last_reported", p.get("order") or "desc"
        return filters

    def claims_page(store, request: Request) -> dict:
        p = request.query_params
        return backend.list_claims(store, page=_int(p.get("page"), 1), per_page=_int(p.get("per_page"), 50),
                                   **claim_filters(request))

    def _int(value: str | None, default: int) -> int:
        if value in (None, ""):
            return default
        try:
            return int(value)
        except ValueError:
            raise ArmstrackError(f"{value!r} is not a whole number") from None

    @app.get("/api/claims", tags=["claims"])
    def api_claims(request: Request, store: Store, supplier: str | None = None, recipient: str | None = None,
                   broker: str | None = None, weapon: str | None = None, category: str | None = None,
                   status: str | None = None, since: str | None = None, until: str | None = None,
                   q: str | None = None, include_rejected: bool = False,
                   sort: Literal["last_reported", "first_reported", "confidence", "supplier", "recipient",
                                 "status", "id"] = "last_reported",
                   order: Literal["asc", "desc"] = "desc",
                   page: int = Paging["page"], per_page: int = Paging["per_page"],
                   year: str | None = Query(None, max_length=4), grade: str | None = Query(None, max_length=2),
                   facets: str | None = Query(None, max_length=200), facet_size: int = Query(10, ge=1, le=50)):
        """Claims matching every filter, one page, with `facets`: the top values of supplier,
        recipient, status, category, system, year and grade among all the matching claims, each
        with its count and the filter (`param`, `value`) that keeps it. `facets=supplier,year`
        counts only those; `facets=none` none. Supplier, recipient and broker may be regions
        ("Middle East")."""
        found = claims_page(store, request)
        found["facets"] = facets_of(store, request, facets, facet_size)
        return found

    def facets_of(store, request: Request, names: str | None, size: int = 10) -> dict:
        wanted = None if not names else [] if names == "none" else [n.strip() for n in names.split(",") if n.strip()]
        filters = {k: v for k, v in claim_filters(request).items() if k not in ("sort", "order")}
        return backend.claim_facets(store, facets=wanted, limit=size, **filters)

    def counted_filters(request: Request) -> dict:
        """The claim filters of a request without sort and order (what trends and the map take)."""
        return {k: v for k, v in claim_filters(request).items() if k not in ("sort", "order")}

    @app.get("/api/trends", tags=["claims"])
    def api_trends(request: Request, store: Store, supplier: str | None = None, recipient: str | None = None,
                   broker: str | None = None, weapon: str | None = None, category: str | None = None,
                   status: str | None = None, q: str | None = None, grade: str | None = None):
        """Claims and deliveries (claims delivering, delivered or used) by year, for the
        claims matching the filters (as /api/claims takes them). A claim's year is its event
        date's when a report states one, else its first report's."""
        return backend.claim_trends(store, **counted_filters(request))

    @app.get("/api/map", tags=["claims"])
    def api_map(request: Request, store: Store, supplier: str | None = None, recipient: str | None = None,
                broker: str | None = None, weapon: str | None = None, category: str | None = None,
                status: str | None = None, since: str | None = None, until: str | None = None,
                year: str | None = None, grade: str | None = None, flows: int = Query(40, ge=0, le=200)):
        """The matching claims by country: claims supplied and received per state (a firm or
        an armed group counts for its country; `numeric` is the ISO 3166-1 code the world map
        uses), the `flows` largest country-to-country flows, and actors of no country apart."""
        return backend.claim_map(store, flows=flows, **counted_filters(request))

    @app.get("/api/claims/{claim_id}", tags=["claims"])
    def api_claim(claim_id: str, store: Store, response: Response):
        """One claim: reports with evidence and role spans, timeline, linked events, reviews.
        An id that was merged away (by a review or a later article) answers with the claim that
        holds its reports: `redirected_from` is the id asked for, Content-Location the claim's."""
        data = backend.get_claim(store, claim_id)
        if data.get("redirected_from"):
            response.headers["Content-Location"] = f"/api/claims/{data['id']}"
        return data

    @app.get("/api/articles", tags=["articles"])
    def api_articles(store: Store, q: str | None = None, since: str | None = None, until: str | None = None,
                     outlet: str | None = None, page: int = Paging["page"], per_page: int = Paging["per_page"]):
        """Articles, newest first; `q` is a full-text search with a snippet per article."""
        return backend.list_articles(store, q=q or None, since=since, until=until, outlet=outlet,
                                     page=page, per_page=per_page)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str, store: Store):
        """One article: text, provenance, events with their spans."""
        return backend.get_article(store, article_id)

    def given(**values) -> dict:
        """The filters a request gave (an empty field is no filter)."""
        return {k: v for k, v in values.items() if v not in (None, "")}

    @app.get("/api/events", tags=["events"])
    def api_events(store: Store, type: str | None = Query(None, description=type_help),
                   article: str | None = None, supplier: str | None = None, recipient: str | None = None,
                   actor: str | None = None, weapon: str | None = None, since: str | None = None,
                   until: str | None = None, realis: Literal["actual", "planned", "possible"] | None = None,
                   focus: Literal["main", "background"] | None = None,
                   page: int = Paging["page"], per_page: int = Paging["per_page"]):
        """Stored events in date order."""
        return backend.list_events(store, page=page, per_page=per_page, **given(
            type=type, article=article, supplier=supplier, recipient=recipient, actor=actor, weapon=weapon,
            since=since, until=until, realis=realis, focus=focus))

    @app.get("/api/events/{event_id}", tags=["events"])
    def api_event(event_id: str, store: Store):
        """One stored event with its spans and its article's provenance."""
        return backend.get_event(store, event_id)

    @app.get("/api/actors", tags=["actors"])
    def api_actors(store: Store, q: str | None = None, kind: str | None = None,
                   page: int = Paging["page"], per_page: int = Paging["per_page"]):
        """Actors of the claims, with how many they supply, receive and broker."""
        return backend.list_actors(store, page=page, per_page=per_page, **given(q=q, kind=kind))

    @app.get("/api/actors/{actor_id}", tags=["actors"])
    def api_actor(actor_id: str, store: Store):
        """What an actor supplies, receives, brokers, and the sanctions on it."""
        return backend.get_actor(store, actor_id)

    @app.get("/api/weapons", tags=["weapons"])
    def api_weapons(store: Store, q: str | None = None, category: str | None = None,
                    page: int = Paging["page"], per_page: int = Paging["per_page"]):
        """Weapon systems and kinds the claims name, with their claim counts."""
        return backend.list_weapons(store, page=page, per_page=per_page, **given(q=q, category=category))

    def network_filters(request: Request) -> dict:
        p = request.query_params
        return given(**{k: p.get(k) for k in ("category", "status", "since", "until", "supplier", "recipient", "weapon")})

    @app.get("/api/network", tags=["network"])
    def api_network(request: Request, store: Store, category: str | None = None, status: str | None = None,
                    since: str | None = None, until: str | None = None, supplier: str | None = None,
                    recipient: str | None = None, weapon: str | None = None,
                    limit: int = Query(MAX_EDGES, ge=1, le=5000)):
        """Actors as nodes and supplier -> recipient edges, one per pair and style (supported,
        contradicted, denied only) with its claim count, statuses and most confident claims,
        plus brokers' legs: the `limit` busiest pairs (`pairs_total` counts them all)."""
        # plain data already: no second pass through the encoder (60 ms at 300 pairs)
        return JSONResponse(backend.network(store, limit=limit, **network_filters(request)))

    @app.get("/api/alerts", tags=["alerts"])
    def api_alerts(store: Store, since: str = Query(..., max_length=40),
                   by: Literal["news", "ingested"] = "news",
                   page: int = Paging["page"], per_page: int = Paging["per_page"]):
        """What changed in the claims since a date (`by` news date, or when it was recorded)."""
        return backend.paged(backend.alerts(store, since=since, by=by), page, per_page)

    @app.get("/api/reviews", tags=["review"])
    def api_reviews(store: Store, page: int = Paging["page"], per_page: int = Paging["per_page"]):
        """The review audit log, oldest first."""
        return backend.paged(backend.reviews(store), page, per_page)

    # ---- API: writes --------------------------------------------------------------------
    @app.post("/api/review", tags=["review"], dependencies=[Depends(json_write)])
    def api_review(body: ReviewBody, store: Store):
        """Apply one review action; answers with the review as the audit log keeps it."""
        done = backend.review(store, body.action, target=body.target, by=body.by, why=body.why,
                              field=body.field, value=body.value, other=body.other, force=body.force,
                              audit_id=body.audit_id)
        return {"review": backend.plain(done)}

    @app.post("/api/ingest", tags=["ingest"], status_code=202, dependencies=[Depends(json_write)])
    def api_ingest(body: IngestText):
        """Ingest one text in the background; poll /api/ingest/{job_id} for progress."""
        return jobs.start([("pasted.txt", _with_header(body.text, body.title, body.outlet, body.published))]).to_dict()

    @app.get("/api/ingest/{job_id}", tags=["ingest"])
    def api_job(job_id: str):
        job = jobs.get(job_id)
        if job is None:
            raise NotFound(f"no ingest job {job_id!r}")
        return job.to_dict()

    # ---- exports ------------------------------------------------------------------------
    def exported(store, request: Request, fmt: str, media: str, name: str) -> Response:
        what = request.query_params.get("what", "claims")
        if what not in ("claims", "reports"):
            raise ArmstrackError(f"what {what!r}: claims or reports")
        buffer = io.StringIO()
        export(backend.all_claims(store, **claim_filters(request)), buffer, format=fmt, what=what)
        return Response(buffer.getvalue(), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/claims.csv", tags=["exports"])
    def claims_csv(request: Request, store: Store, what: Literal["claims", "reports"] = "claims",
                   supplier: str | None = None, recipient: str | None = None, status: str | None = None):
        """Every claim matching the filters (as /api/claims takes them) as CSV."""
        return exported(store, request, "csv", "text/csv; charset=utf-8", "claims.csv")

    @app.get("/claims.jsonl", tags=["exports"])
    def claims_jsonl(request: Request, store: Store, what: Literal["claims", "reports"] = "claims",
                     supplier: str | None = None, recipient: str | None = None, status: str | None = None):
        """Every claim matching the filters as JSON Lines."""
        return exported(store, request, "jsonl", "application/x-ndjson; charset=utf-8", "claims.jsonl")

    @app.get("/network.graphml", tags=["exports"])
    def network_graphml(request: Request, store: Store, supplier: str | None = None,
                        recipient: str | None = None, status: str | None = None):
        """The supplier-recipient-broker network of the matching claims as GraphML."""
        return exported(store, request, "graphml", "application/graphml+xml; charset=utf-8", "network.graphml")

    # ---- pages --------------------------------------------------------------------------
    @app.get("/api/docs", include_in_schema=False)
    def api_docs():
        # Swagger UI from the package (static/swagger/), under the pages' CSP: no CDN, works offline
        html = env.get_template("api_docs.html").render(static="/static", openapi=app.openapi_url)
        return HTMLResponse(html, headers=SECURITY_HEADERS)

    @app.get("/", include_in_schema=False)
    def home():
        return RedirectResponse("/claims", status_code=307)

    @app.get("/claims", tags=["pages"], response_class=HTMLResponse)
    def claims_html(request: Request, store: Store):
        """The claims table (filters, sort and page as /api/claims takes them)."""
        found = claims_page(store, request)
        done = backend.bulk_done(store, request.query_params.get("done", ""))
        return page(request, "claims.html", {"claims": found, "facets": facets_of(store, request, None),
                                             "done": done}, reviewer=request.cookies.get(REVIEWER_COOKIE, ""),
                    here=_without(str(request.url.path) + ("?" + request.url.query if request.url.query else ""),
                                  "done"), refine=refiner(request))

    def refiner(request: Request):
        """refine(key, value): this page's URL with one filter set (None: removed), from page 1."""
        # paging, the JSON switch, a bulk banner and the map's own settings stay on their page
        kept = {k: v for k, v in request.query_params.items() if k not in ("page", "format", "done", "side", "flows")}

        def refine(key: str | None = None, value: str | None = None, path: str | None = None) -> str:
            changed = {k: v for k, v in kept.items() if k != key}
            if value is not None:
                changed[key] = value
            return (path or request.url.path) + ("?" + urlencode(changed) if changed else "")
        return refine

    @app.get("/trends", tags=["pages"], response_class=HTMLResponse)
    def trends_html(request: Request, store: Store):
        """Claims and deliveries by year as a chart, filtered as the claims table is."""
        return page(request, "trends.html", {"trends": backend.claim_trends(store, **counted_filters(request))},
                    refine=refiner(request))

    @app.get("/map", tags=["pages"], response_class=HTMLResponse)
    def map_html(request: Request, store: Store, flows: int = Query(40, ge=0, le=200)):
        """The world: countries shaded by the claims they supply (or receive: `side`), lines for
        the largest flows, filtered as the claims table is."""
        data = backend.claim_map(store, flows=flows, **counted_filters(request))
        side = request.query_params.get("side", "supplied")
        return page(request, "map.html", {"map": data, "side": side if side in ("supplied", "received") else "supplied"},
                    refine=refiner(request))

    @app.get("/claims/{claim_id}", tags=["pages"], response_class=HTMLResponse)
    def claim_html(claim_id: str, request: Request, store: Store,
                   moved_from: str | None = Query(None, alias="from", max_length=100)):
        """One claim: reports, highlighted evidence, timeline, links, review actions, audit. A
        merged-away id redirects to the claim holding its reports, which says so (`from`).
        307, not 301: undoing a review merge brings the old id back."""
        data = backend.get_claim(store, claim_id)
        if data["id"] != claim_id and not wants_json(request):
            moved = ("?" + urlencode({"from": data["redirected_from"]})) if data.get("redirected_from") else ""
            return RedirectResponse(f"/claims/{data['id']}{moved}", status_code=307)
        if moved_from and not data.get("redirected_from"):
            data["redirected_from"] = backend.retired_into(store, moved_from, data["id"])
        if wants_json(request):
            return page(request, "claim.html", data)
        done = backend.review_done(store, request.query_params.get("done", ""))
        return page(request, "claim.html", data, done=done, chart=status_chart(data["history"]),
                    reviewer=request.cookies.get(REVIEWER_COOKIE, ""))

    @app.post("/claims/{claim_id}/review", include_in_schema=False)
    def claim_review(claim_id: str, request: Request, store: Store, csrf: str = Form(""),
                     do: str = Form(..., max_length=200), by: str = Form("", max_length=200),
                     why: str = Form("", max_length=2000), status: str = Form("", max_length=40),
                     field: str = Form("", max_length=40), value: str = Form("", max_length=200),
                     other: str = Form("", max_length=100), force: str = Form("")):
        """The claim page's one review form (issue 24): the button pressed says what to do
        (`do`), the reviewer's name is remembered for the session, and the page comes back with
        a banner saying what was saved and offering to undo it."""
        form_write(request, csrf)
        if any("\x00" in v for v in (do, by, why, status, field, value, other)):
            raise ArmstrackError("a form field contains a NUL character")
        done = backend.review_from_page(store, do, by=by, why=why, status=status, field=field, value=value,
                                        other=other, force=force in ("1", "on", "true"))
        try:   # the claim as it is now: merged or re-keyed, its id may have moved
            back = f"/claims/{backend.get_claim(store, claim_id)['id']}?" + urlencode({"done": done.id})
        except NotFound:   # its last report was rejected: the log, where it can be undone
            back = f"/reviews#review-{done.id}"
        response = RedirectResponse(back, status_code=303)
        if by.strip():
            response.set_cookie(REVIEWER_COOKIE, by.strip(), httponly=True, samesite="strict")
        return response

    @app.get("/articles", tags=["pages"], response_class=HTMLResponse)
    def articles_html(request: Request, store: Store, q: str | None = None, since: str | None = None,
                      until: str | None = None, outlet: str | None = None,
                      page_: int = Query(1, alias="page", ge=1, le=100_000)):
        """Articles, or the ones a full-text search finds."""
        found = backend.list_articles(store, q=q or None, since=since or None, until=until or None,
                                      outlet=outlet or None, page=page_, per_page=50)
        return page(request, "articles.html", {"articles": found})

    @app.get("/articles/{article_id}", tags=["pages"], response_class=HTMLResponse)
    def article_html(article_id: str, request: Request, store: Store):
        """One article, every extraction highlighted in its text."""
        return page(request, "article.html", backend.get_article(store, article_id))

    @app.get("/actors/{actor_id}", tags=["pages"], response_class=HTMLResponse)
    def actor_html(actor_id: str, request: Request, store: Store):
        """What an actor supplies, receives, brokers, and sanctions on it."""
        return page(request, "actor.html", backend.get_actor(store, actor_id))

    @app.get("/network", tags=["pages"], response_class=HTMLResponse)
    def network_html(request: Request, store: Store, category: str | None = None, status: str | None = None,
                     since: str | None = None, until: str | None = None, supplier: str | None = None,
                     recipient: str | None = None, limit: int = Query(MAX_EDGES, ge=1, le=5000)):
        """The supplier -> recipient network (Cytoscape.js): one edge per pair and style, the
        heaviest `limit` drawn, filtered by supplier, recipient, status, category, period."""
        return page(request, "network.html", backend.network(store, limit=limit, **network_filters(request)))

    @app.get("/timeline", tags=["pages"], response_class=HTMLResponse)
    def timeline_html(request: Request, store: Store, since: str | None = None, until: str | None = None,
                      actor: str | None = None,
                      type: str | None = Query(None, description=type_help),
                      page_: int = Query(1, alias="page", ge=1, le=100_000)):
        """Every stored event in date order, with the claim a transfer reports."""
        found = backend.list_events(store, page=page_, per_page=100,
                                    **given(type=type, since=since, until=until, actor=actor))
        return page(request, "timeline.html", {"events": found})

    @app.get("/search", tags=["pages"], response_class=HTMLResponse)
    def search_html(request: Request, store: Store, q: str = Query("", max_length=500)):
        """Articles whose text matches, and claims whose record mentions it."""
        articles = backend.list_articles(store, q=q, per_page=20) if q.strip() else None
        claims = backend.list_claims(store, q=q, per_page=20) if q.strip() else None
        return page(request, "search.html", {"q": q, "articles": articles, "claims": claims})

    @app.get("/reviews", tags=["pages"], response_class=HTMLResponse)
    def reviews_html(request: Request, store: Store):
        """Every review, oldest first."""
        return page(request, "reviews.html", {"reviews": backend.reviews(store)})

    @app.get("/ingest", tags=["pages"], response_class=HTMLResponse)
    def ingest_form(request: Request):
        return page(request, "ingest.html", {"job": None})

    @app.get("/ingest/{job_id}", tags=["pages"], response_class=HTMLResponse)
    def ingest_job(job_id: str, request: Request):
        job = jobs.get(job_id)
        if job is None:
            raise NotFound(f"no ingest job {job_id!r}")
        return page(request, "ingest.html", {"job": job.to_dict()})

    @app.post("/ingest", include_in_schema=False)
    async def ingest_post(request: Request, csrf: str = Form(""), text: str = Form(""),
                          title: str = Form(""), outlet: str = Form(""), published: str = Form(""),
                          urls: str = Form("", max_length=20_000), files: list[UploadFile] | None = None):
        form_write(request, csrf)
        links = [u for u in urls.split() if u]
        wrong = [u for u in links if not is_url(u)]
        if wrong:
            raise ArmstrackError(f"not an http(s) address: {wrong[0][:200]} (one URL a line)")
        batch = []
        if text.strip():
            batch.append(("pasted.txt", _with_header(text, title, outlet, published)))
        for upload in files or []:
            if upload.filename:
                batch.append((upload.filename, await upload.read()))
        try:
            job = jobs.start(batch, links) if batch or links else None
        except OSError as exc:
            raise ArmstrackError(f"cannot keep the upload beside the store: {exc.strerror or exc}") from exc
        if job is None:
            raise ArmstrackError("nothing to ingest: paste a text, give URLs or choose a file")
        return RedirectResponse(f"/ingest/{job.id}", status_code=303)

    def local(back: str, default: str = "/claims") -> str:
        """`back` if it is a path on this site, else `default`: never an open redirect."""
        return back if back.startswith("/") and not back.startswith("//") and "\\" not in back else default

    @app.post("/review/bulk", include_in_schema=False)
    def review_bulk(request: Request, store: Store, csrf: str = Form(""),
                    action: Literal["accept", "reject", "merge"] = Form(...),
                    targets: list[str] = Form([]), by: str = Form("", max_length=200),
                    why: str = Form("", max_length=2000), force: str = Form(""), back: str = Form("/claims")):
        """Accept, reject or merge the claims ticked in the table: one review per claim in the
        audit trail (a merge keeps the first claim and merges each other one into it), then
        the table again with a banner saying what was done and offering to undo it."""
        form_write(request, csrf)
        if any("\x00" in value for value in (by, why, back, *targets)):
            raise ArmstrackError("a form field contains a NUL character")
        done = backend.review_many(store, action, targets, by=by, why=why, force=force in ("1", "on", "true"))
        back = local(back)
        back = _without(back, "done") + ("&" if "?" in _without(back, "done") else "?") + \
            urlencode({"done": ",".join(str(c.id) for c in done)})
        response = RedirectResponse(back, status_code=303)
        response.set_cookie(REVIEWER_COOKIE, by.strip(), httponly=True, samesite="strict")
        return response

    @app.post("/review/bulk/undo", include_in_schema=False)
    def review_bulk_undo(request: Request, store: Store, csrf: str = Form(""), done: str = Form(""),
                         by: str = Form("", max_length=200), back: str = Form("/claims")):
        """Undo the reviews a bulk action made (the banner's undo), each its own undo entry."""
        form_write(request, csrf)
        undone = backend.undo_many(store, backend.review_ids(done), by=by or request.cookies.get(REVIEWER_COOKIE, ""))
        back = _without(local(back), "done")
        return RedirectResponse(back + ("&" if "?" in back else "?") +
                                urlencode({"done": ",".join(str(c.id) for c in undone)}), status_code=303)

    @app.post("/review", include_in_schema=False)
    def review_post(request: Request, store: Store, csrf: str = Form(""), action: str = Form(...),
                    target: str = Form(""), by: str = Form(""), why: str = Form(""), field: str = Form(""),
                    value: str = Form(""), other: str = Form(""), force: str = Form(""),
                    audit_id: str = Form(""), back: str = Form("/claims")):
        form_write(request, csrf)
        if any("\x00" in value for value in (action, target, by, why, field, value, other, audit_id, back)):
            raise ArmstrackError("a form field contains a NUL character")
        done = backend.review(store, action, target=target or None, by=by, why=why, field=field or None,
                              value=value or None, other=other or None, force=force in ("1", "on", "true"),
                              audit_id=_int(audit_id, 0) or None)
        # back only within this site: never an open redirect
        if not back.startswith("/") or back.startswith("//") or "\\" in back:
            back = "/claims"
        if back.startswith("/claims/cl-"):
            try:
                back = "/claims/" + backend.get_claim(store, back.split("/")[2])["id"]
            except NotFound:   # its last report was rejected: the log, where it can be undone
                back = f"/reviews#review-{done.id}"
        return RedirectResponse(back, status_code=303)

    @app.get("/login", include_in_schema=False)
    def login_form(request: Request):
        return page(request, "login.html", {})

    @app.post("/login", include_in_schema=False)
    def login(request: Request, csrf: str = Form(""), given: str = Form("", alias="token")):
        if not csrf_valid(request, csrf):
            raise StarletteHTTPException(403, "the form's CSRF token does not match its cookie; reload the page")
        client = client_of(request.scope)
        wait = throttle.wait(client)
        if wait:   # locked out: the guess is not even compared
            raise StarletteHTTPException(429, f"too many wrong tokens from this client; try again in {wait} s",
                                         headers={"Retry-After": str(wait)})
        if not token or not same(given, token):
            throttle.failed(client)
            raise StarletteHTTPException(401, "wrong token")
        throttle.passed(client)
        response = RedirectResponse("/claims", status_code=303)
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        # the CSRF value before sign-in was bound to no session: a new one, bound to this one
        response.set_cookie(CSRF_COOKIE, csrf_tokens.mint(token), httponly=True, samesite="strict")
        return response

    static = resources.files("armstrack.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(Guard, max_body=max_body, allowed_hosts=allowed_hosts,
                       read_token=token if private else None, token=token, throttle=throttle)
    return app


def _without(url: str, key: str) -> str:
    """A local URL without one query parameter."""
    from urllib.parse import parse_qsl

    path, _, query = url.partition("?")
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != key]
    return path + ("?" + urlencode(kept) if kept else "")


def _store_error_kind(exc: BaseException) -> str | None:
    """The kind of a database error of either engine (store/errors.py), None for anything else."""
    import sqlite3

    if not isinstance(exc, sqlite3.Error) and not type(exc).__module__.startswith("psycopg"):
        return None
    from ..store.errors import error_kind

    return error_kind(exc)


def _with_header(text: str | bytes, title: str | None, outlet: str | None, published: str | None) -> bytes:
    """Pasted text with the header lines armstrack reads (title:, outlet:, date:)."""
    body = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    lines = [f"{key}: {' '.join(value.split())}" for key, value in
             (("title", title), ("outlet", outlet), ("date", published)) if value and value.strip()]
    return (("\n".join(lines) + "\n\n") if lines else "").encode() + body.encode("utf-8")

