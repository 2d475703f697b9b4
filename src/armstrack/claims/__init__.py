"""claims: reports of the same transfer across articles, merged into one claim each.

    >>> from armstrack import claims
    >>> for claim in claims.list_claims(store, recipient="HOUTHIS"):
    ...     print(claim.id, claim.status, claim.confidence, claim.grade)
    >>> print("\\n".join(claims.explain(store, claim.id).lines()))
    >>> claims.correct(store, "ev-...", field="recipient", value="HOUTHIS", by="ana", why="...")
    >>> claims.alerts(store, since="2025-01-01")

How reports merge: `merge.py`. How status, history, confidence and the Admiralty grading are
derived: `derive.py` (the formulas are in its docstring). Independent origins: `origins.py`.
Linked events: `links.py`. Analyst review: `review.py`. `armstrack.ingest` calls
`update_for_article` after storing each article; `armstrack.reprocess` calls `rebuild`.
"""
from __future__ import annotations

from .alerts import alerts, post_alerts
from .api import (Explanation, Overview, accept, claim_for_event, correct, explain, get_claim,
                  list_claims, merge, overview, reject, review_log, reviews, set_stance, set_status, split,
                  undo)
from .build import UpdateReport, rebuild, update_for_article, update_pairs
from .merge import WINDOW_DAYS
from .model import (Alert, Claim, Contribution, Correction, Link, Origin, OriginKind, Report,
                    ReviewAction, Stance, StatusChange)

__all__ = [
    "Alert", "Claim", "Contribution", "Correction", "Explanation", "Link", "Origin", "OriginKind",
    "Overview", "Report", "ReviewAction", "Stance", "StatusChange", "UpdateReport", "WINDOW_DAYS",
    "accept", "alerts", "claim_for_event", "correct", "explain", "get_claim", "list_claims",
    "merge", "overview", "post_alerts", "rebuild", "reject", "review_log", "reviews", "set_stance",
    "set_status", "split", "undo",
    "update_for_article", "update_pairs",
]
