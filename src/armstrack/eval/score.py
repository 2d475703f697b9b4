"""End-to-end scoring of extracted events against the external gold corpora (see datasets.py).

Protocol (shared/corpora/README.md section 4, end-to-end reading):

Detection
    A predicted event matches a gold event of the same type when one of its trigger spans
    (``trigger_spans``, if the event has them) or else one of its evidence sentences (``evidence`` and
    ``more_evidence``) overlaps the gold trigger. Matching is one-to-one and greedy: candidate pairs are
    taken best first (more gold arguments found by the prediction, then gold order, then prediction
    order). Recall = matched gold / gold. Precision is measured only on documents whose
    ``meta["exhaustive"]`` is True (WikiEvents, GENEVA); with no such document (RAMS) p and f1 are None.

TRANSFER vs TRANSFER_ANY
    TRANSFER_ANY scores every gold transfer. TRANSFER scores the materiel ones (``GoldEvent.materiel``:
    the trigger sentence has a MATERIEL_WORDS word). Predicted transfers are matched against all gold
    transfers at once; for TRANSFER a prediction matched to a materiel transfer is a true positive, one
    matched to a non-materiel transfer is neither TP nor FP, and an unmatched one is a false positive
    only if none of its evidence sentences holds a gold transfer trigger at all.

Roles
    On matched pairs, each gold argument of a scored role is correct if a predicted filler of the same
    role (either side of a symmetric pair, ``extra["symmetric_roles"]``) matches it at head level: the
    predicted span contains the gold head token (last non-punctuation token), or it overlaps the gold
    span and has the same head word; or, with ``canon``, both resolve to the same id. Arguments and
    fillers pair one-to-one. Role P = correct fillers / fillers on matched events; role R = correct gold
    arguments / gold arguments of matched and unmatched gold events (a missed event misses its
    arguments). A predicted filler is an object of the role value (a dict, or a list for
    participants/imposers) with the ``spans`` entry of that role whose text equals the object's text;
    spans matching no object (hidden second fillers of a singular role) are ignored, and an object
    without a span is matched on its head word alone. "all" is the micro-average over the reported roles of a type, "core" (TRANSFER,
    TRANSFER_ANY) over supplier, recipient and item.

    Detection ``n_pred`` counts every predicted event of the type (for TRANSFER also those that are
    not judged).

Confidence intervals
    95 % percentile bootstrap over documents (``n_boot`` resamples, fixed ``seed``) for detection
    p/r/f1 and the TRANSFER "core" role F1.

Offsets
    Predicted offsets must refer to ``GoldDoc.text``. If an evidence sentence is not found at its
    offsets (the extractor cleaned the text first), it is looked up in the text and the event's offsets
    are shifted by the difference.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from .. import eventtypes
from ..resources import load_yaml
from .datasets import GoldArg, GoldDoc, GoldEvent, head_of

# the scored types and roles are what each type's package declares (`TypeSpec.scored_roles`,
# `direction`); TRANSFER_ANY is this module's: any TRANSFER, materiel or not
SCORED_ROLES: dict[str, tuple[str, ...]] = {s.name: s.scored_roles for s in eventtypes.specs() if s.scored_roles}
TYPES = tuple(SCORED_ROLES)
REPORT_TYPES = tuple(x for t in TYPES for x in ((t, "TRANSFER_ANY") if t == "TRANSFER" else (t,)))
MICRO_TYPES = TYPES
CORE_ROLES = ("supplier", "recipient", "item")
# PLOVER / PETRARCH direction: (source-side role, target-side role)
DIRECTION_ROLES = {s.name: s.direction for s in eventtypes.specs() if s.direction and s.scored_roles}

Canon = Callable[[str], "str | None"]
ExtractFn = Callable[[list[str]], list[list[dict]]]

_NOT_ROLES = {"type", "evidence", "more_evidence", "spans", "trigger_spans", "status", "certainty",
              "quantity", "when", "reported_on", "article", "kind", "count", "reason", "about",
              "negated", "trigger", "id", "value"}


# --------------------------------------------------------------------------------------------------
# Predictions


@dataclass(slots=True)
class Filler:
    role: str
    text: str
    id: str | None = None
    start: int | None = None
    end: int | None = None
    head: str = ""


@dataclass(slots=True)
class Pred:
    type: str
    regions: list[tuple[int, int]]          # used for matching: trigger spans, else evidence
    evidence: list[tuple[int, int]]         # evidence sentences
    fillers: dict[str, list[Filler]] = field(default_factory=dict)
    raw: dict = field(default_factory=dict)


def _norm(s: str | None) -> str:
    return " ".join((s or "").split()).lower()


def _realign(text: str, ev: dict) -> tuple[int, int, int] | None:
    """(start, end, delta) of an evidence dict in text, shifting it if its sentence moved."""
    try:
        s, e = int(ev["start"]), int(ev["end"])
    except (KeyError, TypeError, ValueError):
        return None
    sentence = ev.get("sentence")
    if not sentence or text[s:e] == sentence:
        return s, e, 0
    best = None
    i = text.find(sentence)
    while i >= 0:
        if best is None or abs(i - s) < abs(best - s):
            best = i
        i = text.find(sentence, i + 1)
    if best is None:
        return s, e, 0
    return best, best + len(sentence), best - s


def parse_prediction(raw: dict, text: str) -> Pred:
    """Normalise one predicted event dict (the extractor's output) for scoring."""
    evs = [raw.get("evidence")] + list(raw.get("more_evidence") or [])
    evidence, shifts = [], []            # shifts: (orig start, orig end, delta)
    for ev in evs:
        if not isinstance(ev, dict):
            continue
        aligned = _realign(text, ev)
        if aligned is None:
            continue
        s, e, d = aligned
        evidence.append((s, e))
        shifts.append((s - d, e - d, d))

    def shift(s: int, e: int) -> tuple[int, int]:
        for os_, oe, d in shifts:
            if os_ <= s < oe:
                return s + d, e + d
        d = shifts[0][2] if shifts else 0
        return s + d, e + d

    triggers = [shift(int(t["start"]), int(t["end"])) for t in (raw.get("trigger_spans") or [])
                if isinstance(t, dict) and "start" in t and "end" in t]
    regions = triggers or evidence

    spans_by_role: dict[str, list[tuple[int, int]]] = {}
    for sp in raw.get("spans") or []:
        try:
            s, e = shift(int(sp["start"]), int(sp["end"]))
        except (KeyError, TypeError, ValueError):
            continue
        spans_by_role.setdefault(sp.get("role"), []).append((s, e))

    fillers: dict[str, list[Filler]] = {}
    roles = [k for k, v in raw.items() if k not in _NOT_ROLES and _is_filler_value(v)]
    roles += [r for r in spans_by_role if r and r not in roles]
    for role in roles:
        value = raw.get(role)
        objs = value if isinstance(value, list) else ([value] if isinstance(value, dict) else [])
        objs = [o for o in objs if isinstance(o, dict)]
        spans = spans_by_role.get(role, [])
        out, k = [], 0
        for obj in objs:
            # the object's span: the next span of the role with the object's text (spans come in
            # filler order; a span whose text matches no object belongs to a filler the role value
            # does not show, e.g. a second filler of a singular role, and is ignored)
            want = _norm(obj.get("text"))
            span = None
            for j in range(k, len(spans)):
                s, e = spans[j]
                if not want or _norm(text[s:e]) == want:
                    span, k = (s, e), j + 1
                    break
            if span:
                h = head_of(text, *span)[0]
                out.append(Filler(role, text[span[0]:span[1]], obj.get("id"), span[0], span[1], h))
            else:
                t = obj.get("text") or obj.get("name") or ""
                out.append(Filler(role, t, obj.get("id"), None, None, head_of(t, 0, len(t))[0]))
        if not objs:        # spans without a role value: each span is a filler
            for s, e in spans:
                out.append(Filler(role, text[s:e], None, s, e, head_of(text, s, e)[0]))
        if out:
            fillers[role] = out
    return Pred(str(raw.get("type")), regions, evidence, fillers, raw)


def _is_filler_value(v: Any) -> bool:
    if isinstance(v, dict):
        return "text" in v or "id" in v
    if isinstance(v, list):
        return bool(v) and all(isinstance(o, dict) and ("text" in o or "id" in o) for o in v)
    return False


# --------------------------------------------------------------------------------------------------
# Matching


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def arg_matches(gold: GoldArg, filler: Filler, canon: Canon | None = None) -> bool:
    """Head-level (or canonical-id) match of one gold argument and one predicted filler."""
    candidates = [gold] + list(gold.extra.get("alternatives") or [])
    for g in candidates:
        if filler.start is not None and filler.end is not None:
            if filler.start <= g.head_start and g.head_end <= filler.end:
                return True
            if (_overlaps((filler.start, filler.end), (g.start, g.end))
                    and filler.head.lower() == g.head_text.lower()):
                return True
        elif filler.head and filler.head.lower() == g.head_text.lower():
            return True
    if canon is not None and filler.id:
        for g in candidates:
            try:
                cid = canon(g.text)
            except Exception:        # a resolver failure is a non-match, not a crash
                cid = None
            if cid and cid == filler.id:
                return True
    return False


def _role_group(gold: GoldEvent, role: str) -> tuple[str, ...]:
    sym = tuple(gold.extra.get("symmetric_roles") or ())
    return sym if role in sym else (role,)


def match_roles(gold: GoldEvent, pred: Pred, roles: Iterable[str], canon: Canon | None = None
                ) -> dict[str, dict[str, Any]]:
    """Per role: n_gold, n_pred, correct gold (cg), correct pred (cp), and the unmatched ones."""
    roles = list(roles)
    out = {r: {"n_gold": len(gold.roles.get(r, [])), "n_pred": len(pred.fillers.get(r, [])),
               "cg": 0, "cp": 0, "missed": [], "wrong": []} for r in roles}
    done: set[tuple[str, ...]] = set()
    for role in roles:
        group = _role_group(gold, role)
        if group in done:
            continue
        done.add(group)
        g_pool = [(r, a) for r in group for a in gold.roles.get(r, [])]
        p_pool = [f for r in group for f in pred.fillers.get(r, [])]
        used: set[int] = set()
        matched_g: set[int] = set()
        for gi, (_, g) in enumerate(g_pool):
            for pi, f in enumerate(p_pool):
                if pi not in used and arg_matches(g, f, canon):
                    used.add(pi)
                    matched_g.add(gi)
                    break
        for gi, (r, g) in enumerate(g_pool):
            if r not in out:
                continue
            if gi in matched_g:
                out[r]["cg"] += 1
            else:
                out[r]["missed"].append(g)
        for pi, f in enumerate(p_pool):
            if f.role not in out:
                continue
            if pi in used:
                out[f.role]["cp"] += 1
            else:
                out[f.role]["wrong"].append(f)
    return out


def match_events(golds: Sequence[GoldEvent], preds: Sequence[Pred], roles: Sequence[str],
                 canon: Canon | None = None) -> list[tuple[int, int]]:
    """One-to-one greedy matching of gold and predicted events of one type: (gold idx, pred idx)."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if any(_overlaps(g.trigger, r) for r in p.regions):
                hits = sum(m["cg"] for m in match_roles(g, p, roles, canon).values())
                cands.append((-hits, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


# --------------------------------------------------------------------------------------------------
# Metrics


def _prf(tp, fp, fn, tp_ex=None, exhaustive=True):
    """p, r, f1 (floats or None). Works elementwise on numpy arrays too (NaN for None)."""
    tp_ex = tp if tp_ex is None else tp_ex
    with np.errstate(divide="ignore", invalid="ignore"):
        tp, fp, fn, tp_ex = (np.asarray(x, dtype=float) for x in (tp, fp, fn, tp_ex))
        p = np.where(tp_ex + fp > 0, tp_ex / np.where(tp_ex + fp > 0, tp_ex + fp, 1), np.nan)
        r = np.where(tp + fn > 0, tp / np.where(tp + fn > 0, tp + fn, 1), np.nan)
        if not exhaustive:
            p = np.full_like(r, np.nan)
            f = np.full_like(r, np.nan)
        else:
            both = ~np.isnan(p) & ~np.isnan(r)
            f = np.where(both & (p + r > 0), 2 * p * r / np.where(p + r > 0, p + r, 1), np.nan)
            f = np.where(both & (p + r == 0), 0.0, f)
            # only one side defined: nothing predicted (r = 0) or nothing to find (p = 0)
            f = np.where(~both & (~np.isnan(p) | ~np.isnan(r)), 0.0, f)
    return p, r, f


def _val(x) -> float | None:
    x = float(x)
    return None if np.isnan(x) else round(x, 4)


def _ci(samples: np.ndarray) -> list[float | None]:
    s = samples[~np.isnan(samples)]
    if s.size == 0:
        return [None, None]
    lo, hi = np.percentile(s, [2.5, 97.5])
    return [round(float(lo), 4), round(float(hi), 4)]


def _bootstrap_weights(n_docs: int, n_boot: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n_docs, size=(n_boot, n_docs))
    w = np.zeros((n_boot, n_docs), dtype=np.int64)
    for b in range(n_boot):
        w[b] = np.bincount(idx[b], minlength=n_docs)
    return w


def _detection(tp, fp, fn, tp_ex, n_gold, n_pred, exhaustive, boot=None) -> dict:
    p, r, f = _prf(tp, fp, fn, tp_ex, exhaustive)
    out = {"p": _val(p), "r": _val(r), "f1": _val(f), "n_gold": int(n_gold), "n_pred": int(n_pred)}
    if boot is not None:
        bp, br, bf = _prf(*boot, exhaustive)
        out["ci"] = {"p": _ci(bp), "r": _ci(br), "f1": _ci(bf)}
    else:
        out["ci"] = {"p": [None, None], "r": [None, None], "f1": [None, None]}
    return out


def _role_entry(n_gold, n_pred, cg, cp) -> dict:
    with np.errstate(divide="ignore", invalid="ignore"):
        p = cp / n_pred if n_pred else None
        r = cg / n_gold if n_gold else None
    if p is not None and r is not None:
        f = 2 * p * r / (p + r) if p + r else 0.0
    elif p is not None or r is not None:
        f = 0.0
    else:
        f = None
    rnd = lambda x: None if x is None else round(float(x), 4)  # noqa: E731
    return {"p": rnd(p), "r": rnd(r), "f1": rnd(f), "n_gold": int(n_gold), "n_pred": int(n_pred)}


def _role_f1_samples(n_gold, n_pred, cg, cp) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n_pred > 0, cp / np.where(n_pred > 0, n_pred, 1), np.nan)
        r = np.where(n_gold > 0, cg / np.where(n_gold > 0, n_gold, 1), np.nan)
        both = ~np.isnan(p) & ~np.isnan(r)
        f = np.where(both & (p + r > 0), 2 * p * r / np.where(p + r > 0, p + r, 1), np.nan)
        f = np.where(both & (p + r == 0), 0.0, f)
        f = np.where(~both & (~np.isnan(p) | ~np.isnan(r)), 0.0, f)
    return f


# --------------------------------------------------------------------------------------------------
# evaluate


def _predict(docs: Sequence[GoldDoc], extract_fn: ExtractFn | None,
             predictions: Sequence[Sequence[dict]] | None) -> list[list[dict]]:
    if predictions is None:
        if extract_fn is None:
            raise ValueError("give extract_fn or predictions")
        predictions = extract_fn([d.text for d in docs])
    predictions = [list(p or []) for p in predictions]
    if len(predictions) != len(docs):
        raise ValueError(f"{len(predictions)} prediction lists for {len(docs)} documents")
    return predictions


def _sentence_text(doc: GoldDoc, pos: int) -> str:
    for s, e in doc.meta.get("sentence_spans") or []:
        if s <= pos < e:
            return doc.text[s:e]
    return doc.text


def _pred_sentence(doc: GoldDoc, pred: Pred) -> str:
    if pred.raw.get("evidence") and isinstance(pred.raw["evidence"], dict):
        sent = pred.raw["evidence"].get("sentence")
        if sent:
            return sent
    if pred.evidence:
        s, e = pred.evidence[0]
        return doc.text[s:e]
    return ""


def _summary(pred: Pred) -> str:
    """A short readable form of a predicted event: "TRANSFER supplier=Iran; item=drones"."""
    parts = [f"{role}=" + ", ".join(f.text for f in fs) for role, fs in pred.fillers.items()]
    trig = pred.raw.get("trigger")
    head = f"{pred.type} ({trig})" if isinstance(trig, str) and trig else pred.type
    return head + (" " + "; ".join(parts) if parts else "")


def _roles_reported(docs: Sequence[GoldDoc]) -> dict[str, tuple[str, ...]]:
    rep = {t: SCORED_ROLES[t] for t in TYPES}
    if any(ev.type == "TRANSFER" and ev.roles.get("broker") for d in docs for ev in d.events):
        rep["TRANSFER"] = rep["TRANSFER"] + ("broker",)
    rep["TRANSFER_ANY"] = rep["TRANSFER"]
    return rep


def evaluate(name: str, docs: Sequence[GoldDoc], extract_fn: ExtractFn | None, *, seed: int = 0,
             n_boot: int = 1000, errors: list | None = None, canon: Canon | None = None,
             predictions: Sequence[Sequence[dict]] | None = None) -> dict:
    """Score extract_fn on gold documents; returns the JSON-ready report (see the module docstring).

    ``predictions`` (one list of event dicts per document) may be given instead of calling
    ``extract_fn``. ``errors``, when a list, receives one dict per miss, false positive, missed role
    argument and wrong role filler: {"doc", "kind", "type", "subtype", "role", "gold", "pred",
    "sentence"}. ``canon`` maps a gold argument text to a canonical id (ISO3, group id) for the
    canonical role match."""
    docs = list(docs)
    raw_preds = _predict(docs, extract_fn, predictions)
    roles_rep = _roles_reported(docs)
    any_ex = any(d.meta.get("exhaustive") for d in docs)

    # per-document counters; detection: tp, fp, fn, tp_ex; roles: n_gold, n_pred, cg, cp
    det_keys = [(t, k) for t in REPORT_TYPES for k in ("tp", "fp", "fn", "tp_ex", "n_pred")]
    role_keys = [(t, r, k) for t in REPORT_TYPES for r in roles_rep[t] for k in ("n_gold", "n_pred", "cg", "cp")]
    rows_det = np.zeros((len(docs), len(det_keys)), dtype=np.int64)
    rows_role = np.zeros((len(docs), len(role_keys)), dtype=np.int64)
    di = {k: i for i, k in enumerate(det_keys)}
    ri = {k: i for i, k in enumerate(role_keys)}

    def err(doc, kind, typ, subtype=None, role=None, gold=None, pred=None, sentence=""):
        if errors is not None:
            errors.append({"doc": doc.id, "kind": kind, "type": typ, "subtype": subtype, "role": role,
                           "gold": gold, "pred": pred, "sentence": sentence})

    for d_idx, (doc, raws) in enumerate(zip(docs, raw_preds)):
        ex = bool(doc.meta.get("exhaustive"))
        preds = [parse_prediction(r, doc.text) for r in raws if isinstance(r, dict)]
        for typ in TYPES:
            golds = [g for g in doc.events if g.type == typ]
            tpreds = [p for p in preds if p.type == typ]
            roles = roles_rep[typ]
            pairs = match_events(golds, tpreds, roles, canon)
            g2p = dict(pairs)
            p_matched = {pi for _, pi in pairs}
            targets = ("TRANSFER", "TRANSFER_ANY") if typ == "TRANSFER" else (typ,)

            for t in targets:
                rows_det[d_idx, di[(t, "n_pred")]] += len(tpreds)
            # gold side
            for gi, g in enumerate(golds):
                into = [t for t in targets if t != "TRANSFER" or g.materiel]
                label = "TRANSFER" if typ == "TRANSFER" and g.materiel else (
                    "TRANSFER_ANY" if typ == "TRANSFER" else typ)
                sentence = _sentence_text(doc, g.trigger[0])
                pi = g2p.get(gi)
                for t in into:
                    rows_det[d_idx, di[(t, "tp" if pi is not None else "fn")]] += 1
                    if pi is not None and ex:
                        rows_det[d_idx, di[(t, "tp_ex")]] += 1
                    for r in roles_rep[t]:
                        rows_role[d_idx, ri[(t, r, "n_gold")]] += len(g.roles.get(r, []))
                if pi is None:
                    err(doc, "miss", label, g.subtype, None, g.extra.get("trigger_text")
                        or doc.text[g.trigger[0]:g.trigger[1]], None, sentence)
                    continue
                rm = match_roles(g, tpreds[pi], roles_rep[typ], canon)
                for t in into:
                    for r in roles_rep[t]:
                        m = rm[r]
                        rows_role[d_idx, ri[(t, r, "n_pred")]] += m["n_pred"]
                        rows_role[d_idx, ri[(t, r, "cg")]] += m["cg"]
                        rows_role[d_idx, ri[(t, r, "cp")]] += m["cp"]
                for r, m in rm.items():
                    pred_texts = " | ".join(f.text for f in tpreds[pi].fillers.get(r, [])) or None
                    gold_texts = " | ".join(a.text for a in g.roles.get(r, [])) or None
                    for a in m["missed"]:
                        err(doc, "role_miss", label, g.subtype, r, a.text, pred_texts, sentence)
                    for f in m["wrong"]:
                        err(doc, "role_wrong", label, g.subtype, r, gold_texts, f.text, sentence)
            # prediction side (false positives are counted on exhaustive documents only)
            if not ex:
                continue
            for pi, p in enumerate(tpreds):
                if pi in p_matched:
                    continue
                sentence = _pred_sentence(doc, p)
                label = typ
                for t in targets:
                    if t == "TRANSFER" and any(_overlaps(g.trigger, e) for g in golds for e in p.evidence):
                        label = "TRANSFER_ANY"     # a gold transfer sits in its sentence: not judged
                        continue
                    rows_det[d_idx, di[(t, "fp")]] += 1
                err(doc, "false_positive", label, None, None, None, _summary(p), sentence)

    # totals and bootstrap
    tot_det = rows_det.sum(axis=0)
    tot_role = rows_role.sum(axis=0)
    weights = _bootstrap_weights(len(docs), n_boot, seed) if docs and n_boot > 0 else None
    boot_det = weights @ rows_det if weights is not None else None
    boot_role = weights @ rows_role if weights is not None else None

    def det_for(types: Sequence[str]) -> dict:
        def tot(k):
            return sum(tot_det[di[(t, k)]] for t in types)

        def bt(k):
            return sum(boot_det[:, di[(t, k)]] for t in types)
        boot = (bt("tp"), bt("fp"), bt("fn"), bt("tp_ex")) if boot_det is not None else None
        return _detection(tot("tp"), tot("fp"), tot("fn"), tot("tp_ex"), tot("tp") + tot("fn"),
                          tot("n_pred"), any_ex, boot)

    def roles_for(pairs: Sequence[tuple[str, str]]) -> tuple[dict, np.ndarray | None]:
        vals = [sum(tot_role[ri[(t, r, k)]] for t, r in pairs) for k in ("n_gold", "n_pred", "cg", "cp")]
        entry = _role_entry(*vals)
        samples = None
        if boot_role is not None:
            bs = [sum(boot_role[:, ri[(t, r, k)]] for t, r in pairs) for k in ("n_gold", "n_pred", "cg", "cp")]
            samples = _role_f1_samples(*bs)
        return entry, samples

    types_out: dict[str, Any] = {}
    for t in REPORT_TYPES:
        roles_out: dict[str, Any] = {}
        for r in roles_rep[t]:
            roles_out[r] = roles_for([(t, r)])[0]
        roles_out["all"] = roles_for([(t, r) for r in roles_rep[t]])[0]
        if t in ("TRANSFER", "TRANSFER_ANY"):
            entry, samples = roles_for([(t, r) for r in CORE_ROLES])
            entry["ci"] = {"f1": _ci(samples) if samples is not None else [None, None]}
            roles_out["core"] = entry
        types_out[t] = {"detection": det_for([t]), "roles": roles_out}

    micro_roles = {"all": roles_for([(t, r) for t in MICRO_TYPES for r in roles_rep[t]])[0]}
    return {"dataset": name, "n_documents": len(docs), "types": types_out,
            "micro": {"detection": det_for(MICRO_TYPES), "roles": micro_roles}}


# --------------------------------------------------------------------------------------------------
# PLOVER and PETRARCH: sentence classification


def _pred_types(raws: Iterable[dict], main_only: bool = True) -> set[str]:
    """The types of the events that happened and that the sentence reports. PLOVER and CAMEO code
    intent, threats, demands and refusals as their own categories (AGREE, THREATEN, DEMAND, REJECT;
    CAMEO 03x/13x/10x/12x), so a planned or possible event of ours ("will visit", "threatened to
    shell") is not their CONSULT or ASSAULT; and they code one event per sentence, its main one, so
    an attack mentioned in passing ("blamed Israel for the bombing", focus "background") is not
    the sentence's event. With main_only=False background events count too."""
    return {str(r.get("type")) for r in raws
            if isinstance(r, dict) and r.get("realis", "actual") == "actual"
            and (r.get("focus", "main") == "main" or not main_only)} & set(TYPES)


def _ids(value: Any) -> set[str]:
    objs = value if isinstance(value, list) else [value]
    return {o["id"] for o in objs if isinstance(o, dict) and o.get("id")}


@lru_cache(maxsize=1)
def _cameo_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(CAMEO country code -> ISO3, KB kind -> CAMEO sector code)."""
    data = load_yaml("eval/cameo_actors.yaml")
    sectors = {kind: code for code, kinds in data["sectors"].items() for kind in kinds}
    return data["countries"], sectors


def _as_iso(codes: set[str]) -> set[str]:
    countries, _ = _cameo_tables()
    return {countries.get(c, c) for c in codes}


def _with_sectors(ids: set[str]) -> set[str]:
    """Our ids plus the CAMEO sector they fall under ("IAEA" is also "IGO")."""
    from ..resolve.kb import load_kb

    _, sectors = _cameo_tables()
    kb = load_kb()
    out = set(ids)
    for i in ids:
        entity = kb.get(i)
        if entity is not None and entity.kind in sectors:
            out.add(sectors[entity.kind])
    return out


def _classification_types(docs, expected_of, pred_sets, n_boot, seed) -> tuple[dict, dict]:
    """Per-type detection as document-level classification (gold = expected type present)."""
    keys = [(t, k) for t in TYPES for k in ("tp", "fp", "fn", "n_pred")]
    ki = {k: i for i, k in enumerate(keys)}
    rows = np.zeros((len(docs), len(keys)), dtype=np.int64)
    for i, (doc, preds) in enumerate(zip(docs, pred_sets)):
        exp = expected_of(doc)
        for t in TYPES:
            g, p = t in exp, t in preds
            rows[i, ki[(t, "n_pred")]] += int(p)
            if g and p:
                rows[i, ki[(t, "tp")]] += 1
            elif g:
                rows[i, ki[(t, "fn")]] += 1
            elif p:
                rows[i, ki[(t, "fp")]] += 1
    tot = rows.sum(axis=0)
    boot = _bootstrap_weights(len(docs), n_boot, seed) @ rows if docs and n_boot > 0 else None

    def det(types):
        s = lambda k: sum(tot[ki[(t, k)]] for t in types)  # noqa: E731
        b = None
        if boot is not None:
            bs = lambda k: sum(boot[:, ki[(t, k)]] for t in types)  # noqa: E731
            b = (bs("tp"), bs("fp"), bs("fn"), bs("tp"))
        return _detection(s("tp"), s("fp"), s("fn"), s("tp"), s("tp") + s("fn"), s("n_pred"), True, b)

    types_out = {t: {"detection": det([t]), "roles": {}} for t in TYPES}
    return types_out, {"detection": det(list(TYPES)), "roles": {}}


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def evaluate_plover(docs: Sequence[GoldDoc], extract_fn: ExtractFn | None, *,
                    errors: list | None = None, predictions: Sequence[Sequence[dict]] | None = None,
                    seed: int = 0, n_boot: int = 1000) -> dict:
    """PLOVER GSR: type accuracy on records with an expected type, false-positive rate on the others
    (strict, and lenient: ignoring meta["lenient_types"]), and source/target direction agreement on
    ISO3 codes for TRANSFER/ATTACK/SANCTION records whose type we found and whose both sides we gave
    ids. "types"/"micro" give per-type detection as record-level classification."""
    docs = list(docs)
    raw_preds = _predict(docs, extract_fn, predictions)
    pred_sets = [_pred_types(r) for r in raw_preds]
    per_type: dict[str, dict[str, Any]] = {}
    per_cat: dict[str, dict[str, int]] = {}
    n_exp = n_ok = n_none = n_fp = n_fp_len = n_fp_all = 0
    n_dir = n_agree = n_no_ids = 0

    def err(doc, kind, typ, gold=None, pred=None, role=None):
        if errors is not None:
            errors.append({"doc": doc.id, "kind": kind, "type": typ, "subtype": doc.meta.get("plover_event"),
                           "role": role, "gold": gold, "pred": pred, "sentence": doc.text})

    for doc, raws, preds in zip(docs, raw_preds, pred_sets):
        exp = doc.meta.get("expected_type")
        if exp:
            n_exp += 1
            pt = per_type.setdefault(exp, {"n": 0, "correct": 0})
            pt["n"] += 1
            if exp in preds:
                n_ok += 1
                pt["correct"] += 1
            else:
                err(doc, "miss", exp, doc.meta.get("eventText"), ", ".join(sorted(preds)) or None)
            src = _as_iso(set(doc.meta.get("source_codes") or []))
            tgt = _as_iso(set(doc.meta.get("target_codes") or []))
            if exp in DIRECTION_ROLES and exp in preds and src and tgt:
                a_role, b_role = DIRECTION_ROLES[exp]
                with_ids = [(_with_sectors(_ids(r.get(a_role))), _with_sectors(_ids(r.get(b_role)))) for r in raws
                            if isinstance(r, dict) and r.get("type") == exp and r.get("realis", "actual") == "actual"]
                with_ids = [(a, b) for a, b in with_ids if a and b]
                if not with_ids:
                    n_no_ids += 1
                else:
                    n_dir += 1
                    if any(a & src and b & tgt for a, b in with_ids):
                        n_agree += 1
                    else:
                        a, b = with_ids[0]
                        err(doc, "role_wrong", exp, f"{sorted(src)} -> {sorted(tgt)}",
                            f"{sorted(a)} -> {sorted(b)}", "direction")
        else:
            n_none += 1
            cat = per_cat.setdefault(doc.meta.get("plover_event") or "?", {"n": 0, "false_positives": 0})
            cat["n"] += 1
            if preds:
                n_fp += 1
                cat["false_positives"] += 1
                err(doc, "false_positive", ", ".join(sorted(preds)), doc.meta.get("eventText"))
            if preds - set(doc.meta.get("lenient_types") or []):
                n_fp_len += 1
            if _pred_types(raws, main_only=False):
                n_fp_all += 1
    types_out, micro = _classification_types(docs, lambda d: {d.meta.get("expected_type")} - {None},
                                             pred_sets, n_boot, seed)
    return {
        "dataset": "plover", "n_documents": len(docs),
        "type_accuracy": _rate(n_ok, n_exp),
        "type_accuracy_per_type": {t: {"accuracy": _rate(v["correct"], v["n"]), **v}
                                   for t, v in sorted(per_type.items())},
        "false_positive_rate": _rate(n_fp, n_none),
        "false_positive_rate_lenient": _rate(n_fp_len, n_none),
        "false_positive_rate_any_focus": _rate(n_fp_all, n_none),
        "false_positives_per_category": dict(sorted(per_cat.items())),
        "direction_agreement": _rate(n_agree, n_dir),
        "counts": {"n_expected": n_exp, "n_correct": n_ok, "n_no_event": n_none,
                   "n_false_positive": n_fp, "n_false_positive_lenient": n_fp_len,
                   "n_false_positive_any_focus": n_fp_all,
                   "n_direction_checked": n_dir, "n_direction_agree": n_agree,
                   "n_direction_without_ids": n_no_ids},
        "types": types_out, "micro": micro,
    }


def evaluate_petrarch(docs: Sequence[GoldDoc], extract_fn: ExtractFn | None, *,
                      errors: list | None = None, predictions: Sequence[Sequence[dict]] | None = None,
                      include_unevaluated: bool = False) -> dict:
    """PETRARCH validation records: a record passes when every expected type of ours is predicted,
    or, when none is expected, none of TRANSFER/MEETING/SANCTION/ATTACK is predicted. "exact" also
    forbids extra types. Records marked evaluate="false" are skipped unless include_unevaluated.
    The actors are fictional, so direction is not checked. ``predictions``, if given, has one list per
    input document (unevaluated ones included)."""
    docs = list(docs)
    raw_preds = _predict(docs, extract_fn, predictions)
    keep = [i for i, d in enumerate(docs) if include_unevaluated or d.meta.get("evaluate", True)]
    docs, raw_preds = [docs[i] for i in keep], [raw_preds[i] for i in keep]
    n_pass = n_exact = n_syn = n_syn_pass = 0
    by_exp: dict[str, dict[str, int]] = {}
    by_cat: dict[str, dict[str, int]] = {}
    for doc, raws in zip(docs, raw_preds):
        preds = _pred_types(raws)
        exp = set(doc.meta.get("expected_types") or [])
        ok = exp <= preds if exp else not preds
        exact = preds == exp
        n_pass += ok
        n_exact += exact
        if doc.meta.get("synthetic_codes"):
            n_syn += 1
            n_syn_pass += ok
        for key, table in ((",".join(sorted(exp)) or "NONE", by_exp), (doc.meta.get("category") or "?", by_cat)):
            row = table.setdefault(key, {"n": 0, "pass": 0})
            row["n"] += 1
            row["pass"] += ok
        if not ok and errors is not None:
            missing = sorted(exp - preds)
            errors.append({"doc": doc.id, "kind": "miss" if missing else "false_positive",
                           "type": ",".join(missing or sorted(preds)), "subtype": doc.meta.get("category"),
                           "role": None, "gold": ",".join(c.get("eventcode", "") for c in doc.meta.get("codings", []))
                           or "noevents", "pred": ",".join(sorted(preds)) or None, "sentence": doc.text})
    n = len(docs)
    for table in (by_exp, by_cat):
        for row in table.values():
            row["rate"] = _rate(row["pass"], row["n"])
    return {"dataset": "petrarch", "n_documents": n, "pass_rate": _rate(n_pass, n), "n_pass": n_pass,
            "exact_rate": _rate(n_exact, n), "n_exact": n_exact,
            "pass_rate_excl_synthetic": _rate(n_pass - n_syn_pass, n - n_syn),
            "by_expected": dict(sorted(by_exp.items())), "by_category": dict(sorted(by_cat.items()))}
