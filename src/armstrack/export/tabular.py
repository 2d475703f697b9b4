"""CSV and JSON Lines of claims, or of their reports (one row per report, with its claim id)."""
from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from .registry import register_exporter

CLAIM_COLUMNS = ("id", "supplier", "supplier_name", "recipient", "recipient_name", "item_key",
                 "item_name", "category", "status", "contradicted", "confidence", "grade",
                 "corroboration", "denials", "reports", "first_reported", "last_reported",
                 "event_date", "confirmed_on", "brokers", "review", "sources", "articles",
                 "supplier_parties", "recipient_parties")
REPORT_COLUMNS = ("claim_id", "event_id", "article_id", "outlet", "report_date", "origin",
                  "origin_kind", "origin_key", "stance", "certainty", "hedges", "status",
                  "event_date", "reported_on", "confirmed_on", "confirmed_by", "denied_by",
                  "quantity", "evidence", "rule", "review", "corrected", "title", "url", "source",
                  "ingested")


# what a spreadsheet reads as the start of a formula (OWASP's list): a title "=HYPERLINK(...)"
# from a hostile feed would run when an analyst opens the export (issue 21)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string that starts like a formula gets a
    leading single quote; numbers and everything else pass as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: safe_cell(v) for k, v in row.items()} for row in rows]


def claim_row(claim) -> dict[str, Any]:
    """One flat row per claim: lists joined with "; "."""
    data = claim.to_dict()
    row = {c: data.get(c) for c in CLAIM_COLUMNS}
    row["reports"] = len(claim.reports)
    row["brokers"] = "; ".join(claim.brokers)
    row["supplier_parties"] = "; ".join(claim.supplier_parties)
    row["recipient_parties"] = "; ".join(claim.recipient_parties)
    row["sources"] = "; ".join(part.label for part in claim.contributions)
    row["contradicted"] = int(claim.contradicted)
    # provenance: where the claim's reports come from, each article once (URL, else file)
    row["articles"] = "; ".join(dict.fromkeys(r.provenance.where for r in claim.reports))
    return row


def report_rows(claim) -> list[dict[str, Any]]:
    """One flat row per report of a claim."""
    rows = []
    for report in claim.reports:
        data = report.to_dict()
        row = {c: data.get(c) for c in REPORT_COLUMNS}
        row["claim_id"] = claim.id
        for name in ("hedges", "confirmed_by", "denied_by", "corrected"):
            row[name] = "; ".join(data[name])
        rows.append(row)
    return rows


@register_exporter("csv", what=("claims", "reports"), suffix=".csv")
def write_csv(claims: list, out: TextIO, *, what: str = "claims") -> int:
    """CSV with a header row: one row per claim, or per report."""
    columns = CLAIM_COLUMNS if what == "claims" else REPORT_COLUMNS
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    rows = [claim_row(c) for c in claims] if what == "claims" else [r for c in claims for r in report_rows(c)]
    writer.writerows(safe_rows(rows))
    return len(rows)


@register_exporter("jsonl", what=("claims", "reports"), suffix=".jsonl")
def write_jsonl(claims: list, out: TextIO, *, what: str = "claims") -> int:
    """JSON Lines: each claim in full (reports, history, links), or each report with its claim id."""
    count = 0
    for claim in claims:
        records = [claim.to_dict()] if what == "claims" else [
            {"claim_id": claim.id, **r.to_dict()} for r in claim.reports]
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
