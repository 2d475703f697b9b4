"""`armstrack eval`: accuracy on human-annotated corpora."""
from __future__ import annotations

import json

import click

from .options import progress_bar
from ..eval import DATASETS, HALF_CHOICES


def _fmt(value) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def _ci(entry: dict, key: str) -> str:
    ci = (entry.get("ci") or {}).get(key)
    return f" [{ci[0]:.2f}-{ci[1]:.2f}]" if ci and ci[0] is not None else ""


def format_report(report: dict) -> str:
    lines = [f"dataset {report['dataset']}: {report['n_documents']} documents"]
    if report.get("setting"):
        lines[0] += f" ({report['setting']['model']}, knowledge base {report['setting']['kb_version']})"
    if report["dataset"] == "armsdeals":
        return "\n".join(lines + format_armsdeals(report))
    if report["dataset"] == "examples":
        f, t = report["facts"], report["traps"]
        lines.append(f"facts {f['passed']}/{f['total']} ({f['share']}), traps avoided {t['passed']}/{t['total']} ({t['share']})")
        return "\n".join(lines)
    if "types" not in report or report["dataset"] in ("plover", "petrarch"):
        for key, value in report.items():
            if key not in ("types", "micro", "per_type", "dataset", "n_documents") and not isinstance(value, (dict, list)):
                lines.append(f"  {key}: {value}")
        for key in ("per_type", "types"):
            if isinstance(report.get(key), dict):
                lines.append(f"  {key}: {json.dumps(report[key])[:600]}")
        return "\n".join(lines)
    lines.append(f"{'type':13} {'P':>6} {'R':>18} {'F1':>6} {'gold':>5}   roles (head match: P/R/F1, gold)")
    for typ, entry in report["types"].items():
        det = entry["detection"]
        roles = "; ".join(f"{r} {_fmt(v['p'])}/{_fmt(v['r'])}/{_fmt(v['f1'])} ({v['n_gold']})"
                          for r, v in entry["roles"].items() if r != "all")
        lines.append(f"{typ:13} {_fmt(det['p']):>6} {_fmt(det['r']) + _ci(det, 'r'):>18} {_fmt(det['f1']):>6} "
                     f"{det['n_gold']:5}   {roles}")
    micro = report.get("micro", {}).get("detection")
    if micro:
        lines.append(f"{'micro':13} {_fmt(micro['p']):>6} {_fmt(micro['r']) + _ci(micro, 'r'):>18} {_fmt(micro['f1']):>6} {micro['n_gold']:5}")
    return "\n".join(lines)


def _rate(report: dict, name: str) -> str:
    entry = report["rates"][name]
    if entry["value"] is None:
        return f"  -   (0 of {entry['of']})"
    ci = entry.get("ci") or [None, None]
    band = f" [{ci[0]:.2f}-{ci[1]:.2f}]" if ci[0] is not None else ""
    return f"{entry['value']:.3f}{band} ({entry['n']} of {entry['of']})"


def format_armsdeals(report: dict) -> list[str]:
    """The arms_deals report's lines (armstrack.eval.armsdeals says what each rate counts)."""
    r = lambda name: _rate(report, name)  # noqa: E731
    return [
        f"  deal detection, articles with a deal:      {r('deal_detection')}",
        f"  false detection, articles with no deal:    {r('false_detection')}",
        "  article deals (file name, as states):",
        f"    full pair recall    {r('full_pair_recall')}",
        f"    partial recall      {r('partial_recall')}   supplier {r('supplier_recall')}, "
        f"recipient {r('recipient_recall')}",
        "  annotated deals (clauses with both sides):",
        f"    full pair recall    {r('clause_full_pair_recall_state')} as states, "
        f"{r('clause_full_pair_recall_annotated')} as annotated",
        f"    partial recall      {r('clause_partial_recall_state')} as states, "
        f"{r('clause_partial_recall_annotated')} as annotated",
        f"  pair precision (deal articles, as states): {r('pair_precision')}, "
        f"{report['counts']['pairs'] - report['counts']['pairs_judged']} pairs not judged",
        f"  status (clause verbs, deals found):         {r('status_accuracy')}",
    ]


def _write_atomically(path: str, text: str) -> None:
    """Write a file whole or not at all: a temporary file beside it, renamed over it."""
    import os
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


@click.command("eval")
@click.option("--dataset", required=True, type=click.Choice(DATASETS), help="which annotation scheme PATH holds")
@click.argument("path", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="one JSON object")
@click.option("--errors", "errors_file", type=click.Path(dir_okay=False, writable=True),
              help="write every miss and false positive, with its sentence, as JSON Lines")
@click.option("--boot", type=int, default=1000, show_default=True, help="bootstrap resamples for the intervals")
@click.option("--half", type=click.Choice(HALF_CHOICES),
              help="score one half of the corpus, split by a fixed hash of the document id, or all of "
                   "it and each half; errors are written for the tuning half only")
@click.option("--halves", is_flag=True, help="also score both halves, from the same run")
@click.option("--quiet", is_flag=True, help="no progress bar")
def eval_command(dataset, path, as_json, errors_file, boot, half, halves, quiet):
    """Score the real pipeline against a human-annotated corpus.

    Example: armstrack eval --dataset rams ../shared/corpora/rams/dev.jsonlines

    Example: armstrack eval --dataset armsdeals --half all ../shared/corpora/arms_deals
    """
    from ..eval import run

    errors: list | None = [] if errors_file else None
    bars = []

    def on_total(total: int) -> None:
        bars.append(progress_bar(None if quiet else total, "evaluating"))

    try:
        report = run(dataset, path, errors=errors, n_boot=boot, half=half, halves=halves, on_total=on_total,
                     progress=lambda n: bars[-1].update(n) if bars and bars[-1] is not None else None)
    finally:
        for bar in bars:
            if bar is not None:
                bar.close()
    if errors_file:
        _write_atomically(errors_file, "".join(json.dumps(err, ensure_ascii=False) + "\n" for err in errors))
    if as_json:
        click.echo(json.dumps(report))
        return
    click.echo(format_report(report))
    for name, sub in (report.get("halves") or {}).items():
        click.echo(f"\n{name} half:\n" + format_report({**sub, "setting": None}))


COMMANDS = (eval_command,)
