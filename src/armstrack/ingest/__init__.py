"""ingest: sources (files, folders, stdin, JSON Lines, HTML) -> Article records.

Every reader yields either an `Article` or an `IngestError` naming the source and the reason, so
one bad file never stops a batch.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..errors import IngestError
from ..records import Article
from ..resources import load_yaml
from .language import english_score

MAX_BYTES = 5_000_000
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".jsonlines", ".ndjson"}

_DATE_LINE = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern[str]:
    phrases = load_yaml("boilerplate.yaml")["phrases"]
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"[ \t]*(?:{alternatives})\.?[ \t]*", re.IGNORECASE)


def content_id(text: str) -> str:
    """The article id: a hash of the cleaned text, so the same article twice is stored once."""
    normal = " ".join(text.split()).casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def clean_text(text: str) -> str:
    """Drop site boilerplate and normalise line ends, keeping paragraph breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = []
    for line in text.split("\n"):
        stripped = _boilerplate().sub(" ", line).strip() if line.strip() else ""
        if line.strip() and not stripped:
            continue  # the whole line was boilerplate
        lines.append(stripped)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _parse_date(value: object) -> date | None:
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def make_article(text: str, *, source: str, title: str | None = None, url: str | None = None,
                 outlet: str | None = None, published: object = None,
                 check_language: bool = True) -> Article:
    """Clean `text`, check it is an English article, and build the Article record."""
    match = _DATE_LINE.match(text)
    if match:
        published = published or match[1]
        text = text[match.end():]
    text = clean_text(text)
    if not text:
        raise IngestError(source, "no article text (empty after removing boilerplate)")
    if check_language:
        score = english_score(text)
        if score is not None and score < 0.5:
            raise IngestError(source, f"not English text (English score {score:.2f}); "
                                      "armstrack reads English articles only")
    return Article(id=content_id(text), text=text, title=title, url=url, outlet=outlet,
                   published=_parse_date(published), source=source)


def _decode(data: bytes, source: str, encoding: str | None) -> str:
    if not data.strip():
        raise IngestError(source, "empty file")
    if b"\x00" in data[:8192]:
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(source, f"invalid {encoding or 'UTF-8'} (byte 0x{data[exc.start]:02x} at "
                                  f"offset {exc.start}); re-encode it or pass --encoding") from exc
    except LookupError as exc:
        raise IngestError(source, f"unknown encoding {encoding!r}") from exc
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.05 * min(len(text), 8192):
        raise IngestError(source, "binary file (mostly control characters), not text")
    return text.lstrip("\ufeff")


def read_text(data: bytes, source: str, *, encoding: str | None = None) -> Article:
    return make_article(_decode(data, source, encoding), source=source)


def read_html(data: bytes, source: str, *, encoding: str | None = None) -> Article:
    import trafilatura  # heavy import kept off the plain-text path

    html = _decode(data, source, encoding)
    if "<" not in html:
        raise IngestError(source, "not HTML (no tags found)")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          favor_precision=True)
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise IngestError(source, f"malformed HTML ({type(exc).__name__}: {exc})") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < 5:
        raise IngestError(source, "no article text found in the HTML page")
    return make_article(text, source=source, title=doc.title, url=doc.url,
                        outlet=doc.sitename or doc.hostname, published=doc.date)


def read_jsonl(data: bytes, source: str, *, encoding: str | None = None
               ) -> Iterator[Article | IngestError]:
    text = _decode(data, source, encoding)
    for number, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield IngestError(where, 'record has no "text" string')
            continue
        try:
            yield make_article(record["text"], source=where, title=record.get("title"),
                               url=record.get("url"), outlet=record.get("outlet"),
                               published=record.get("published"))
        except IngestError as exc:
            yield exc


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    for path in paths:
        if str(path) == "-":
            yield "-"
            continue
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                # inside folders only article files count: READMEs and fact files stay out
                suffix = child.suffix.lower()
                if child.name.startswith(".") or suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                    continue
                yield child
        else:
            yield path


def read_sources(paths: Iterable[str | Path], *, encoding: str | None = None,
                 max_bytes: int = MAX_BYTES, stdin: io.BufferedIOBase | None = None
                 ) -> Iterator[Article | IngestError]:
    """Yield an Article (or the IngestError explaining why not) for every source in `paths`.

    Folders are walked recursively; "-" reads standard input (plain text, or JSON Lines when
    it starts with "{").
    """
    for path in _expand(paths):
        if path == "-":
            data = (stdin or sys.stdin.buffer).read(max_bytes + 1)
            source, suffix = "<stdin>", ".jsonl" if data.lstrip().startswith(b"{") else ".txt"
        else:
            source, suffix = str(path), path.suffix.lower()
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    yield IngestError(source, f"file too large ({size / 1e6:.1f} MB > "
                                              f"{max_bytes / 1e6:.1f} MB limit; raise --max-bytes)")
                    continue
                data = path.read_bytes()
            except OSError as exc:
                yield IngestError(source, f"cannot read ({exc.strerror or exc})")
                continue
        if len(data) > max_bytes:
            yield IngestError(source, f"input too large (> {max_bytes / 1e6:.1f} MB limit)")
            continue
        try:
            if suffix in JSONL_SUFFIXES:
                yield from read_jsonl(data, source, encoding=encoding)
            elif suffix in HTML_SUFFIXES or data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")):
                yield read_html(data, source, encoding=encoding)
            else:
                yield read_text(data, source, encoding=encoding)
        except IngestError as exc:
            yield exc
