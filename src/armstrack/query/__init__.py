"""query: the one library under the CLI and the web layer. Every read checks its filters in
one place (`armstrack.resolve.filters`, below claims, which checks them too), pages its results (`Page`) and returns typed records that carry
their provenance; the review calls of `armstrack.claims` are re-exported here.

    >>> from armstrack import query
    >>> page = query.list_claims(store, supplier="Russia", since="2024-09", per_page=20)
    >>> view = query.get_claim(store, page.items[0].id)       # reports, timeline, links, audit
    >>> query.list_articles(store, q="Shahed drones").items[0].snippet_parts()
    >>> query.set_status(store, "ev-...", "agreed", by="ana", why="the contract was signed")
    >>> query.undo(store, by="ana")
"""
from __future__ import annotations

from ..claims.alerts import alerts
from ..claims.api import (accept, correct, merge, reject, review_log, reviews, set_stance, set_status,
                          split, undo)
from ..claims.model import Alert, Claim, Correction, Report
from ..records import Event, Provenance
from .actors import (ActorSummary, ActorView, WeaponSummary, get_actor, list_actors, list_weapons)
from .articles import (ArticleSummary, ArticleView, StoredEventView, get_article, list_articles)
from .claims import SORTS, ClaimView, get_claim, list_claims
from .events import get_event, list_events
from .facets import (CountryCount, Facet, FacetValue, Flow, FlowMap, Trends, YearCount, claim_facets,
                     claim_map, claim_trends)
from ..resolve.filters import (FilterError, check_category, check_event_type, check_stance, check_status, nearest,
                      parse_since, parse_until, resolve_actor, resolve_weapon)
from .network import MAX_EDGES, Edge, Network, Node, PairEdge, PairNetwork, build_network, network, pair_network
from .page import MAX_PER_PAGE, Page, check_paging

__all__ = [
    "ActorSummary", "ActorView", "Alert", "ArticleSummary", "ArticleView", "Claim", "ClaimView",
    "Correction", "CountryCount", "Edge", "Event", "Facet", "FacetValue", "FilterError", "Flow",
    "FlowMap", "MAX_EDGES", "MAX_PER_PAGE", "Network", "Node", "Page", "PairEdge", "PairNetwork", "Provenance", "Report", "SORTS",
    "StoredEventView", "Trends", "WeaponSummary", "YearCount", "accept", "alerts", "build_network",
    "check_category", "check_event_type", "check_paging", "check_stance", "check_status",
    "claim_facets", "claim_map", "claim_trends", "correct", "get_actor", "get_article", "get_claim",
    "get_event", "list_actors", "list_articles", "list_claims", "list_events", "list_weapons", "merge",
    "nearest", "network", "pair_network", "parse_since", "parse_until", "reject", "resolve_actor", "resolve_weapon",
    "review_log", "reviews", "set_stance", "set_status", "split", "undo",
]
