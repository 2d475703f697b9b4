"""eval: score the real pipeline on human-annotated corpora (see eval/score.py for the protocol).

`run(dataset, path)` loads the gold data, runs extraction on the raw text (offsets kept), and
returns the JSON report; `armstrack eval` is its CLI.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from ..settings import Settings, takes_settings

DATASETS = ("rams", "wikievents", "geneva", "plover", "petrarch", "armsdeals", "examples")
HALVES = ("tuning", "check")
HALF_CHOICES = (*HALVES, "all")   # "all": the whole corpus, and each half beside it
_SPLIT_SALT = b"armstrack-split-v1:"


def half_of(doc_id: str) -> str:
    """Which half of a tuning corpus a document is in, by a fixed hash of its id: `tuning`
    (errors may be read and fixed) or `check` (scored, never read). Fixed in code so every
    session splits the same way: the parity of the first byte of sha256("armstrack-split-v1:"
    + id). Every adapter splits with this function, on the corpus's own document id (a file
    name for arms_deals)."""
    digest = hashlib.sha256(_SPLIT_SALT + str(doc_id).encode("utf-8")).digest()
    return HALVES[digest[0] & 1]


@takes_settings("kb_dirs", scope="all")
def extract_texts(texts: Sequence[str], *, settings: Settings,
                  progress: Callable[[int], object] | None = None, rejoin: bool = True) -> list[list[dict]]:
    """Events (contract dicts) for raw texts, without cleaning, so offsets match the gold text;
    `progress(1)` is called after each text (a progress bar's `update`). `rejoin` merges the
    transfers split by party back into one (`rejoin_parties`), for corpora that annotate so."""
    from ..pipeline import extract_articles
    from ..records import Article

    articles = [Article(id=hashlib.sha256(t.encode()).hexdigest()[:16], text=t) for t in texts]
    out = []
    for _, events in extract_articles(articles, settings=settings, batch_size=64):
        events = [e.to_dict() for e in events]
        out.append(rejoin_parties(events) if rejoin else events)
        if progress is not None:
            progress(1)
    return out


def rejoin_parties(events: list[dict]) -> list[dict]:
    """One event per trigger and one filler per argument phrase, as the corpora annotate: the
    transfers armstrack splits by supplier-recipient pair ("to North Korea, Libya and Iran" is
    three) are one event there, whose recipient is the whole conjoined phrase; the first copy,
    whose parties head the phrase, stands for it. Split copies are exactly alike but for the
    parties and their spans, which is what is compared."""
    def signature(event: dict) -> str:
        rest = {k: v for k, v in event.items() if k not in ("supplier", "recipient", "spans")}
        rest["spans"] = [sp for sp in event.get("spans") or [] if sp.get("role") not in ("supplier", "recipient")]
        return json.dumps(rest, sort_keys=True, default=str)

    out, seen = [], set()
    for event in events:
        if event.get("type") == "TRANSFER":
            key = signature(event)
            if key in seen:
                continue
            seen.add(key)
        out.append(event)
    return out


def _canon():
    from ..resolve.kb import load_kb

    kb = load_kb()

    def canon(text: str) -> str | None:
        ids = {a.entity_id for a in kb.lookup(text)}
        return ids.pop() if len(ids) == 1 else None
    return canon


def setting(kb_dirs: Sequence[str] = ()) -> dict:
    """What produced the numbers: the spaCy model and the knowledge base's content version."""
    from ..nlp.pipeline import load_nlp
    from ..resolve.kb import content_version

    meta = load_nlp(tuple(kb_dirs)).meta
    return {"model": f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}",
            "kb_version": content_version(kb_dirs)}


@takes_settings("kb_dirs", scope="all")
def run(dataset: str, path: str | Path, *, settings: Settings, errors: list | None = None, n_boot: int = 1000,
        half: str | None = None, halves: bool = False,
        progress: Callable[[int], object] | None = None, on_total: Callable[[int], object] | None = None) -> dict:
    """Score armstrack on one dataset; `path` is its file (or folder for `examples` and
    `armsdeals`).

    `half` scores only the `tuning` or the `check` half (see `half_of`), or "all" the whole
    corpus with both halves; `halves` adds both halves' reports under "halves", from the same
    extraction. `errors` are only ever collected
    from the tuning half when the corpus is split: the check half's errors are not to be read.
    `settings` (or `kb_dirs=`) as for extraction; the texts are parsed whole (scope "all")
    unless `settings` gives another scope."""
    report = _run(dataset, path, settings=settings, errors=errors, n_boot=n_boot, half=half, halves=halves,
                  progress=progress, on_total=on_total)
    report["setting"] = setting(settings.kb_dirs)
    return report


def _run(dataset: str, path: str | Path, *, settings: Settings, errors: list | None, n_boot: int,
         half: str | None = None, halves: bool = False,
         progress: Callable[[int], object] | None = None, on_total: Callable[[int], object] | None = None) -> dict:
    from . import datasets, score

    path = Path(path)
    if dataset == "examples":
        from .examples import evaluate_examples

        return evaluate_examples(path, errors=errors, settings=settings)
    if half not in (None, *HALF_CHOICES):
        raise ValueError(f"half must be one of {HALF_CHOICES}, not {half!r}")
    if half == "all":
        half, halves = None, True
    from .armsdeals import evaluate_armsdeals, load_armsdeals

    loader = {"rams": datasets.load_rams, "wikievents": datasets.load_wikievents,
              "geneva": datasets.load_geneva, "plover": datasets.load_plover,
              "petrarch": datasets.load_petrarch, "armsdeals": load_armsdeals}[dataset]
    docs = loader(path)
    if half:
        docs = [d for d in docs if half_of(d.id) == half]
    if on_total is not None:
        on_total(len(docs))  # the progress bar's length, known once the corpus is read
    # arms_deals: a clause's sellers (buyers) are alternatives, so keep every party's transfer
    predictions = extract_texts([d.text for d in docs], settings=settings, progress=progress,
                                rejoin=dataset != "armsdeals")

    def scored(subset: list[int], errs: list | None, boot: int) -> dict:
        sub_docs, sub_preds = [docs[i] for i in subset], [predictions[i] for i in subset]
        if dataset == "armsdeals":
            return evaluate_armsdeals(sub_docs, sub_preds, errors=errs, n_boot=boot)
        if dataset == "plover":
            return score.evaluate_plover(sub_docs, None, predictions=sub_preds, errors=errs, n_boot=boot)
        if dataset == "petrarch":
            return score.evaluate_petrarch(sub_docs, None, predictions=sub_preds, errors=errs)
        return score.evaluate(dataset, sub_docs, None, predictions=sub_preds, errors=errs,
                              n_boot=boot, canon=_canon())

    everything = list(range(len(docs)))
    tuning = [i for i in everything if half_of(docs[i].id) == "tuning"]
    if errors is not None and half != "check":
        scored(tuning, errors, 0)  # errors from the tuning half only
    report = scored(everything, None, n_boot)
    if half:
        report["half"] = half
    if halves and not half:
        report["halves"] = {name: scored([i for i in everything if half_of(docs[i].id) == name], None, 0)
                            for name in HALVES}
    return report
