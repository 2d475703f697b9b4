"""`armstrack claims`, `claim`, `review ...`, `alerts`, `export`, `rebuild-claims`: thin wrappers
over `armstrack.claims` and `armstrack.export`."""
from __future__ import annotations

import json
import sys

import click

from .. import claims as lib
from ..claims.alerts import check_webhook
from .. import query
from ..claims.model import CORRECTABLE_FIELDS
from .options import db_option, existing_store, friendly
from .query import echo_footer, paging_options, provenance_line
from ..export.table import mark_spans
from ..export.registry import check_output, export_file, exporters
from ..export.registry import export as write_export
from ..records import Status

LIST_COLUMNS = ("id", "who", "what", "status", "conf", "grade", "origins", "reports", "last", "flags")


def _what(claim: lib.Claim) -> str:
    if claim.item_name:
        return f"{claim.item_name} [{claim.category}]" if claim.category else claim.item_name
    return f"[{claim.category}]"


def _flags(claim: lib.Claim) -> str:
    flags = ["contradicted"] if claim.contradicted else []
    if claim.review:
        flags.append(claim.review)
    return ",".join(flags)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _table(rows: list[dict[str, str]], columns: tuple[str, ...], empty: str) -> str:
    if not rows:
        return empty
    widths = {c: min(44, max(len(c), *(len(r[c]) for r in rows))) for c in columns}
    lines = ["  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip()]
    for row in rows:
        lines.append("  ".join(_clip(row[c], widths[c]).ljust(widths[c]) for c in columns).rstrip())
    return "\n".join(lines)


def _list_row(claim: lib.Claim) -> dict[str, str]:
    origins = str(claim.corroboration) + (f"-{claim.denials}" if claim.denials else "")
    return {"id": claim.id, "who": f"{claim.supplier} -> {claim.recipient}", "what": _what(claim),
            "status": claim.status or "", "conf": f"{claim.confidence:.2f}", "grade": claim.grade,
            "origins": origins, "reports": str(len(claim.reports)), "last": claim.last_reported or "",
            "flags": _flags(claim)}


@click.command("claims")
@db_option
@click.option("--supplier", help="only claims with this supplier (id in any case, name or region: RUS, rus, Russia, Europe)")
@click.option("--recipient", help="only claims with this recipient (id, name or region: \"Middle East\")")
@click.option("--broker", help="only claims brokered by this actor (id or name)")
@click.option("--weapon", help='only claims about this weapon (id, name such as Su-35, kind, or "cat:<kind>")')
@click.option("--category", help="only claims of this weapon kind or SIPRI category (missiles, aircraft)")
@click.option("--status", help="only claims with this derived status (" + ", ".join(str(s) for s in Status) + ")")
@click.option("--since", help="reported on or after (2024-09-25, 2024-09, 2024, 7d, 2w, 3m, 1y, today, yesterday)")
@click.option("--until", help="reported on or before (same forms)")
@click.option("--q", help="words in the parties' or item's ids or names")
@click.option("--year", help="the claim's year: its event date's, else its first report's (2024)")
@click.option("--grade", help="Admiralty grade (B2), or a reliability letter alone (B: B1 to B6)")
@click.option("--sort", default="last_reported", show_default=True, help="one of " + ", ".join(query.SORTS))
@click.option("--order", default="desc", show_default=True, help="asc or desc")
@click.option("--all", "include_rejected", is_flag=True, help="include claims an analyst rejected")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one claim per line, in full")
@click.option("--csv", "as_csv", is_flag=True, help="CSV, one row per claim")
@paging_options
@friendly
def claims_command(db, supplier, recipient, broker, weapon, category, status, since, until, q, year, grade, sort,
                   order, include_rejected, as_json, as_csv, page, per_page):
    """List claims: one per transfer, merged across articles, with derived status and confidence.
    Every filter is checked: a date, name or status armstrack cannot read is an error that
    says what it accepts or which known values are nearest.

    ORIGINS counts independent origins that support the claim (-N: standing denials).

    Example: armstrack claims --supplier Russia --since 2024-09
    """
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    found = query.list_claims(existing_store(db), supplier=supplier, recipient=recipient, broker=broker,
                              weapon=weapon, category=category, status=status, since=since, until=until, q=q,
                              include_rejected=include_rejected, sort=sort, order=order, page=page,
                              per_page=per_page, year=year, grade=grade)
    if as_json:
        for claim in found.items:
            click.echo(json.dumps(claim.to_dict(), ensure_ascii=False))
    elif as_csv:
        write_export(found.items, sys.stdout, format="csv", what="claims")
    else:
        click.echo(_table([_list_row(c) for c in found.items], LIST_COLUMNS, "(no claims)"))
    echo_footer(found, "claims")


def _moved(view: query.ClaimView) -> str:
    """The line a retired claim id gets: merged by a review, or by a later article (issue 24)."""
    return f"{view.redirected_from} was merged into {view.claim.id} (the claim that now holds its reports)"


def _claim_text(view: query.ClaimView) -> list[str]:
    claim = view.claim
    lines = [_moved(view)] if view.redirected_from else []
    lines += [f"{claim.id}  {claim.supplier} -> {claim.recipient}  {_what(claim)}",
              f"  status {claim.status or '-'}  confidence {claim.confidence:.2f}  grade {claim.grade}  "
              f"{claim.corroboration} independent origin(s), {claim.denials} denial(s)"
              + ("  CONTRADICTED" if claim.contradicted else "") + (f"  [{claim.review}]" if claim.review else ""),
              f"  first reported {claim.first_reported or '-'}, last {claim.last_reported or '-'}; "
              f"event date {claim.event_date or '-'}; confirmed on {claim.confirmed_on or '-'}"
              + (f"; brokers {', '.join(claim.brokers)}" if claim.brokers else "")]
    # the firms and services the reports name, beside the states they are paired as
    named = [f"{side} {', '.join(names)}" for side, names in
             (("supplier", claim.supplier_parties), ("recipient", claim.recipient_parties)) if names]
    if named:
        lines.append(f"  parties: {'; '.join(named)}")
    lines.append("reports:")
    for r in claim.reports:
        lines.append(f"  {r.report_date or 'undated'}  {r.event_id}  {r.outlet or '-'}  origin {r.origin.label}  "
                     f"{r.stance} {r.status or '-'} ({r.certainty}"
                     + (f"; {', '.join(r.hedges)}" if r.hedges else "") + ")"
                     + (f"  quantity {r.quantity}" if r.quantity else "")
                     + (f"  event {r.event_date}" if r.event_date else "")
                     + (f"  confirmed {r.confirmed_on}" if r.confirmed_on else ""))
        lines.append(f"      source: {provenance_line(r.provenance)}")
        marked = mark_spans(r.evidence, {"start": 0, "end": len(r.evidence)}, view.spans.get(r.event_id, []))
        lines.append(f"      > {marked}")
    lines.append("timeline:")
    for step in claim.history:
        mark = "*" if step.changed else " "
        lines.append(f"  {step.date or 'undated'} {mark} {step.status or '-':11} {step.stance:7} "
                     f"{step.reported or '-':11} {step.by}")
    lines.append("linked events:" if claim.links else "linked events: none")
    for link in claim.links:
        lines.append(f"  {link.date or 'undated'}  {link.type:9}  {link.event_id}  {link.rule}")
        if link.summary:
            lines.append(f"      > {link.summary}")
    lines.append("reviews:" if view.audit else "reviews: none")
    lines += [f"  {c.describe()}" for c in view.audit]
    return lines


@click.command("claim")
@click.argument("claim_id")
@db_option
@click.option("--explain", is_flag=True, help="say which reports merged and why, and how status and score arise")
@click.option("--json", "as_json", is_flag=True, help="the claim as one JSON document")
@friendly
def claim_command(claim_id, db, explain, as_json):
    """Show one claim: its reports with their sources and marked evidence, status timeline
    (* = set the status), linked events and reviews. A merged-away id shows the claim it joined.

    Example: armstrack claim cl-1a2b3c4d5e6f --explain
    """
    store = existing_store(db)
    view = query.get_claim(store, claim_id)
    if as_json:
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2))
    elif explain:
        click.echo("\n".join(([_moved(view)] if view.redirected_from else []) + lib.explain(store, view.id).lines()))
    else:
        click.echo("\n".join(_claim_text(view)))


# ---- review -----------------------------------------------------------------------------
def analyst_options(fn):
    fn = click.option("--why", required=True, help="the reason, kept with the review")(fn)
    return click.option("--by", required=True, envvar="ARMSTRACK_ANALYST",
                        help="who reviews (or set ARMSTRACK_ANALYST)")(fn)


@click.group()
def review():
    """Analyst review of claims and reports; stored apart, applied on top, kept through reprocess."""


def _done(store, correction: lib.Correction) -> None:
    anchor = correction.anchor if correction.on_claim else correction.target
    claim = lib.claim_for_event(store, anchor) if anchor else None
    where = f"now in claim {claim.id} ({claim.status or 'status unknown'}, confidence {claim.confidence:.2f})" if claim \
        else "now in no claim"
    click.echo(f"stored {correction.describe()}; {where}")


@review.command("accept")
@click.argument("target")
@db_option
@analyst_options
@friendly
def review_accept(target, db, by, why):
    """Accept a report (ev-...) or a claim (cl-...) as checked.

    Example: armstrack review accept cl-1a2b3c4d5e6f --by ana --why "matches the MoD release"
    """
    store = existing_store(db)
    _done(store, lib.accept(store, target, by=by, why=why))


@review.command("reject")
@click.argument("target")
@db_option
@analyst_options
@friendly
def review_reject(target, db, by, why):
    """Reject a report (dropped from its claim) or a claim (hidden from listings, exports, alerts).

    Example: armstrack review reject ev-1a2b3c4d5e6f --by ana --why "the article is satire"
    """
    store = existing_store(db)
    _done(store, lib.reject(store, target, by=by, why=why))


@review.command("correct")
@click.argument("target")
@click.argument("field", type=click.Choice(list(CORRECTABLE_FIELDS)))
@click.argument("value")
@db_option
@analyst_options
@friendly
def review_correct(target, field, value, db, by, why):
    """Correct a report's or claim's supplier, recipient, broker (actor id or name), item (weapon
    id, name or cat:<kind>), quantity, status or stance (assert, confirm, deny).

    Example: armstrack review correct ev-1a2b3c4d5e6f recipient HOUTHIS --by ana --why "them = the Houthis"
    """
    store = existing_store(db)
    _done(store, lib.correct(store, target, field=field, value=value, by=by, why=why))


@review.command("status")
@click.argument("target")
@click.argument("status")
@db_option
@analyst_options
@friendly
def review_status(target, status, db, by, why):
    """Set a report's status, or override a claim's derived status.

    Example: armstrack review status cl-1a2b3c4d5e6f delivered --by ana --why "seen in service"
    """
    store = existing_store(db)
    _done(store, lib.set_status(store, target, status, by=by, why=why))


@review.command("stance")
@click.argument("target")
@click.argument("stance")
@db_option
@analyst_options
@friendly
def review_stance(target, stance, db, by, why):
    """Mark a report (or every report of a claim) as asserting, confirming or denying the transfer.

    Example: armstrack review stance ev-1a2b3c4d5e6f deny --by ana --why "the ministry denies it"
    """
    store = existing_store(db)
    _done(store, lib.set_stance(store, target, stance, by=by, why=why))


@review.command("split")
@click.argument("event_id")
@db_option
@analyst_options
@friendly
def review_split(event_id, db, by, why):
    """Take a report out of its claim into a claim of its own.

    Example: armstrack review split ev-1a2b3c4d5e6f --by ana --why "a different, older deal"
    """
    store = existing_store(db)
    _done(store, lib.split(store, event_id, by=by, why=why))


@review.command("merge")
@click.argument("claim_id")
@click.argument("other_id")
@db_option
@analyst_options
@click.option("--force", is_flag=True, help="merge even when the two claims have different parties")
@friendly
def review_merge(claim_id, other_id, db, by, why, force):
    """Merge claim OTHER_ID into CLAIM_ID, which keeps its id (OTHER_ID then points to it).
    Claims of different supplier-recipient pairs are refused without --force.

    Example: armstrack review merge cl-1a2b3c4d5e6f cl-6f5e4d3c2b1a --by ana --why "same deal"
    """
    store = existing_store(db)
    _done(store, lib.merge(store, claim_id, other_id, by=by, why=why, force=force))


@review.command("undo")
@click.argument("review_id", type=int, required=False)
@db_option
@click.option("--by", required=True, envvar="ARMSTRACK_ANALYST", help="who undoes (or set ARMSTRACK_ANALYST)")
@click.option("--why", default="undo", show_default=True, help="the reason, kept in the log")
@friendly
def review_undo(review_id, db, by, why):
    """Undo the latest review still in force, or review REVIEW_ID (see: armstrack review log).

    Example: armstrack review undo --by ana
    """
    store = existing_store(db)
    entry = lib.undo(store, review_id, by=by, why=why)
    click.echo(f"stored {entry.describe()}")


@review.command("log")
@click.argument("target", required=False)
@db_option
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one review per line")
@friendly
def review_log(target, db, as_json):
    """The audit log: every review with who, when and why, undone ones and undos included;
    only those concerning TARGET (a claim or event id) when given.

    Example: armstrack review log cl-1a2b3c4d5e6f
    """
    found = lib.review_log(existing_store(db), target=target)
    for correction in found:
        click.echo(json.dumps(correction.to_dict(), ensure_ascii=False) if as_json
                   else f"{correction.target}  {correction.describe()}")
    if not found and not as_json:
        click.echo("(no reviews)")


@review.command("list")
@db_option
@friendly
def review_list(db):
    """List every review in force, oldest first; "orphaned" when its report is gone after re-extraction.

    Example: armstrack review list
    """
    found = lib.reviews(existing_store(db))
    if not found:
        click.echo("(no reviews)")
    for correction, applied in found:
        click.echo(f"{correction.target}  {'applied ' if applied else 'orphaned'}  {correction.describe()}")


# ---- alerts, export, rebuild ------------------------------------------------------------
@click.command("alerts")
@db_option
@click.option("--since", help="changes whose news is dated on or after this (2025-05-01, 2025-05, 7d, yesterday)")
@click.option("--ingested-since", help="changes armstrack recorded on or after this date or timestamp instead")
@click.option("--webhook", help="also POST them as one JSON document to this URL")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one change per line")
@friendly
def alerts_command(db, since, ingested_since, webhook, as_json):
    """List what changed since a date, each change once: new claims (new_pair: the first of a
    supplier-recipient pair), status and confidence changes, new origins, contradictions.
    Rejected claims are left out.

    Example: armstrack alerts --since 2025-01-01 --webhook http://127.0.0.1:8080/hook
    """
    if (since is None) == (ingested_since is None):
        raise click.UsageError("give one of --since (news date) and --ingested-since")
    if webhook is not None:  # a bad URL fails before anything is listed
        check_webhook(webhook)
    bound, by = (since, "news") if since is not None else (ingested_since, "ingested")
    found = lib.alerts(existing_store(db), since=bound, by=by)
    for alert in found:
        click.echo(json.dumps(alert.to_dict(), ensure_ascii=False) if as_json else alert.describe())
    if not found and not as_json:
        click.echo(f"(no changes since {bound})")
    if webhook is not None:  # an empty --webhook is refused, not skipped
        status = lib.post_alerts(found, webhook, since=bound)
        click.echo(f"posted {len(found)} alert(s) to {webhook} (HTTP {status})", err=True)


@click.command("export")
@db_option
@click.option("--format", "format_", required=True, type=click.Choice(list(exporters())),
              help="csv, jsonl, register (SIPRI-style trade register) or graphml")
@click.option("--what", type=click.Choice(["claims", "reports"]), default="claims", show_default=True,
              help="one record per claim, or per report (csv, jsonl)")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="file to write, - for stdout (default); never the database or another SQLite file")
@click.option("--all", "include_rejected", is_flag=True, help="include claims an analyst rejected")
@friendly
def export_command(db, format_, what, output, include_rejected):
    """Export claims (or their reports) as CSV, JSON Lines, a trade register or GraphML.

    Example: armstrack export --format register -o register.csv
    """
    if output is not None and output != "-":
        check_output(output, inputs=[db.removeprefix("sqlite:///")])  # before anything is opened
    store = existing_store(db)
    found = lib.list_claims(store, include_rejected=include_rejected)
    if output is None or output == "-":
        write_export(found, sys.stdout, format=format_, what=what)
    else:
        count = export_file(found, output, format=format_, what=what, inputs=[store.path])
        click.echo(f"wrote {count} record(s) to {output}", err=True)


@click.command("rebuild-claims")
@db_option
@click.option("--window", "window_days", type=int, help=f"merge window in days (default {lib.WINDOW_DAYS}; kept for later updates)")
@friendly
def rebuild_claims(db, window_days):
    """Recompute every claim from the stored events, re-applying analyst reviews.

    Example: armstrack rebuild-claims --window 365
    """
    report = lib.rebuild(existing_store(db), window_days=window_days)
    click.echo(report.summary())
    for correction in report.orphaned:
        click.echo(f"orphaned: {correction.describe()}", err=True)


COMMANDS = (claims_command, claim_command, review, alerts_command, export_command, rebuild_claims)
