"""Alerts: what changed in the claims since a date, optionally POSTed as JSON to a webhook.

Changes are recorded when claims are updated (ingest, review, rebuild): a new claim, a status
change, a supplier-recipient pair never seen before, a claim that became contradicted. Each
carries `at`, the UTC time armstrack noticed it, which `since` compares against (a date such as
2025-01-31 or a full timestamp).
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterable

from ..errors import ArmstrackError
from . import db as sql
from .build import connection, ensure_built
from .model import Alert

KINDS = ("new_claim", "status_change", "new_pair", "contradiction")


def alerts(store, *, since: str, kinds: Iterable[str] = KINDS) -> list[Alert]:
    """The changes recorded at or after `since` (ISO date or timestamp), oldest first."""
    ensure_built(store)
    wanted = set(kinds)
    return [a for a in sql.changes_since(connection(store), since) if a.kind in wanted]


def payload(found: list[Alert], *, since: str) -> dict:
    """The JSON body a webhook receives, in armstrack's envelope."""
    return {"ok": True, "since": since, "count": len(found), "alerts": [a.to_dict() for a in found]}


def post_alerts(found: list[Alert], url: str, *, since: str, timeout: float = 10.0) -> int:
    """POST the alerts as one JSON document to `url`; returns the HTTP status."""
    body = json.dumps(payload(found, since=since), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": "armstrack-alerts"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        raise ArmstrackError(f"webhook {url} answered {exc.code} {exc.reason}; check the URL") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ArmstrackError(f"cannot reach webhook {url}: {reason}") from exc
