"""Readers of one source's bytes: text, HTML and JSON Lines -> Article records (a text's
header lines, dateline and headline read on the way). `armstrack.ingest` walks the sources,
`fetch` reads URLs; both hand the bytes to these.
"""
from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import BinaryIO

from ..errors import IngestError
from ..records import Article
from ..resources import load_yaml
from ..text import content_id, scrub
from .clean import clean_text
from .decode import BLANK, decode, label, sniff, wide
from .language import english_score

MAX_BYTES = 5_000_000
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".jsonlines", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
META_FIELDS = ("title", "url", "outlet")

_DATE_LINE = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)


def display(path: str | os.PathLike) -> str:
    """A path as it can be printed and stored: bytes that are not UTF-8 shown as \\x escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def parse_date(value: object) -> date | None:
    """A date from a date, or from a string that starts YYYY-MM-DD; None otherwise."""
    if isinstance(value, date):
        return value
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _meta(source: str, name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError(source, f'"{name}" must be a string, not {type(value).__name__}')
    value = " ".join(scrub(value).split())[:2000]
    return value or None


_HEADER = re.compile(r"[ \t]*(title|outlet|url|date|published)[ \t]*:[ \t]*([^\n]*?)[ \t]*(?:\r?\n|\r|$)", re.I)
_BLANK_LINE = re.compile(r"[ \t]*(?:\r?\n|\r)")


def split_header(text: str) -> tuple[str, dict[str, str]]:
    """Header lines opening a plain-text article: the body after them and their values.

    Either `date YYYY-MM-DD` (the older form) or any of `title:`, `outlet:`, `url:`, `date:`
    (or `published:`), one per line, in any order, optionally followed by a blank line:

        title: Russia delivers first Su-35s to Iran
        outlet: Example Wire
        date: 2025-03-04

        Russia has delivered ...
    """
    match = _DATE_LINE.match(text)
    if match:
        return text[match.end():], {"published": match[1]}
    meta: dict[str, str] = {}
    pos = 0
    while (header := _HEADER.match(text, pos)) and header[1].lower() not in meta and header[2]:
        key = header[1].lower()
        meta["published" if key == "date" else key] = header[2]
        pos = header.end()
    if meta:
        blank = _BLANK_LINE.match(text, pos)
        pos = blank.end() if blank else pos
    return text[pos:], meta


_HEADLINE_END = re.compile(r"[.,;:]\s*$")


def headline(text: str) -> str | None:
    """The first line of a cleaned text when it reads as a headline: followed by more text,
    2-30 words, not ending like a sentence inside a paragraph, not a dateline."""
    first, newline, rest = text.partition("\n")
    if not newline or not rest.strip() or not 2 <= len(first.split()) <= 30 or _HEADLINE_END.search(first):
        return None
    from ..nlp.lines import DATELINE  # no spaCy model is loaded by this import

    return None if DATELINE.match(first) else first.strip()


def dateline_date(text: str) -> date | None:
    """The date of a dateline with a full date ("KYIV, March 3, 2025 - ", "Kyiv, 3 March 2025 -")
    on one of the first lines (under a headline and a byline), else of a line that is only a
    date there ("March 3, 2025", "Published: 3 March 2025 10:15 GMT"): an article pasted with no
    metadata carries its date there. A date with no year gives None: nothing says which."""
    from ..resolve.dates import resolve_date

    for found in _datelines(text):
        # with no publication date, only a date with its year resolves to a day
        resolved = resolve_date(found.group())
        if resolved and len(resolved) == 10:
            return date.fromisoformat(resolved)
    # a page copied whole puts its date on a line of its own under the headline ("March 3, 2025",
    # "Published: 3 March 2025", "Updated Mon, March 3, 2025 at 10:15 a.m. EST")
    for line in text.split("\n", _DATELINE_LINES)[:_DATELINE_LINES]:
        found = _ONLY_A_DATE.match(line.strip())
        resolved = resolve_date(found["date"]) if found else None
        if resolved and len(resolved) == 10:
            return date.fromisoformat(resolved)
    return None


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# a line that is a date and nothing else: an optional label and weekday, the date with its year,
# an optional time of day and zone
_ONLY_A_DATE = re.compile(
    r"(?:(?:first\s+|last\s+)?(?:published|posted|updated|date)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?P<date>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:[|,\-\u2013\u2014]|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?$",
    re.I)


def _datelines(text: str) -> Iterator[re.Match[str]]:
    """The datelines that open one of the first lines, in order."""
    from ..nlp.lines import DATELINE  # no spaCy model is loaded by this import

    # the cleaned text ends lines with "\n" only; split no further than the lines looked at
    for line in text.split("\n", _DATELINE_LINES)[:_DATELINE_LINES]:
        found = DATELINE.match(line.strip())
        if found:
            yield found


# a headline, a wire's update note ("(Adds minister's comment in paragraph 4)"), a byline, each
# with its blank line, come before the dateline at most (issue 23)
_DATELINE_LINES = 8


def dateline_agency(text: str) -> str | None:
    """The news agency a dateline names ("WASHINGTON, March 3 (Reuters) - "), by its name in
    data/claims/origins.yaml: the wire whose story this is, on one of the first lines. Words in
    brackets that name no agency ("(UPDATED)", "(Updated 1)") give None."""
    for found in _datelines(text):
        if found.group("agency"):
            return _agencies().get(found.group("agency").strip().casefold())
    return None


@lru_cache(maxsize=1)
def _agencies() -> dict[str, str]:
    """Each spelling of a news agency, folded, to its display name."""
    agencies = load_yaml("claims/origins.yaml")["agencies"]
    return {alias.casefold(): name for name, aliases in agencies.items() for alias in aliases}


def make_article(text: str, *, source: str, title: object = None, url: object = None,
                 outlet: object = None, published: object = None,
                 check_language: bool = True) -> Article:
    """Clean `text`, check it is an English article, and build the Article record."""
    if not isinstance(text, str):
        raise IngestError(source, f"text must be a string, not {type(text).__name__}")
    if published is not None and not isinstance(published, (str, date, int)):
        raise IngestError(source, f'"published" must be a date string, not {type(published).__name__}')
    meta = {name: _meta(source, name, value) for name, value in zip(META_FIELDS, (title, url, outlet))}
    text, header = split_header(text)
    for name in META_FIELDS:
        meta[name] = meta[name] or _meta(source, name, header.get(name))
    published = published or header.get("published")
    text = clean_text(text)
    if not text:
        raise IngestError(source, "no article text (empty after removing boilerplate)")
    # the headline stays in the text (read as its own sentence, see nlp/lines.py) and is the title
    meta["title"] = meta["title"] or headline(text)
    if check_language:
        score = english_score(text)
        if score is not None and score < 0.5:
            raise IngestError(source, f"not English text (English score {score:.2f}); "
                                      "armstrack reads English articles only")
    # a wire story pasted or reprinted with no outlet: its dateline names the agency it is from
    meta["outlet"] = meta["outlet"] or dateline_agency(text)
    return Article(id=content_id(text), text=text, published=parse_date(published) or dateline_date(text),
                   source=source, **meta)


def read_text(data: bytes, source: str, *, encoding: str | None = None) -> Article:
    return make_article(decode(data, source, encoding), source=source)


def _max_depth(html: str) -> int:
    """How deep the tags nest (a rough count: void elements and unclosed tags included)."""
    depth = deepest = 0
    for match in re.finditer(r"<(/?)[a-zA-Z][^>]*?(/?)>", html):
        if match[1]:
            depth = max(depth - 1, 0)
        elif not match[2]:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def read_html(data: bytes, source: str, *, encoding: str | None = None) -> Article:
    import trafilatura  # heavy import kept off the plain-text path

    html = decode(data, source, encoding)
    if "<" not in html:
        raise IngestError(source, "not HTML (no tags found)")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          favor_precision=True)
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise IngestError(source, f"malformed HTML ({type(exc).__name__}: {exc})") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < 5:
        depth = _max_depth(html)
        if depth > 255:  # libxml2's limit: past it the parser gives up on the page
            raise IngestError(source, f"HTML nested {depth} levels deep (the parser stops at 255); "
                                      "save the page's text instead")
        raise IngestError(source, "no article text found in the HTML page")
    return make_article(text, source=source, title=doc.title, url=doc.url,
                        outlet=doc.sitename or doc.hostname, published=doc.date)


# ---- JSON Lines ---------------------------------------------------------------------------
def _record(line: str, where: str) -> Article | IngestError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return IngestError(where, "malformed JSON (nested too deeply)")
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        return IngestError(where, f"malformed JSON ({exc})")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return IngestError(where, 'record has no "text" string')
    try:
        return make_article(record["text"], source=where, title=record.get("title"),
                            url=record.get("url"), outlet=record.get("outlet"),
                            published=record.get("published"))
    except IngestError as exc:
        return exc


def _binary_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, bool]]:
    """Lines of at most `limit` bytes; a longer line is skipped and yields (None, True)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line without holding it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None, True
            continue
        yield line, False


def read_jsonl(stream: BinaryIO | bytes, source: str, *, encoding: str | None = None,
               max_bytes: int = MAX_BYTES) -> Iterator[Article | IngestError]:
    """One Article or IngestError per non-blank line; lines longer than `max_bytes` are refused."""
    if isinstance(stream, bytes):
        stream = io.BytesIO(stream)
    head = stream.read(8192)
    try:
        codec = sniff(head[:4], encoding)
    except IngestError as exc:
        yield IngestError(source, exc.reason)
        return
    if not wide(codec) and b"\x00" in head:
        yield IngestError(source, "binary file (contains NUL bytes), not JSON Lines")
        return
    rest = io.BufferedReader(_Chain(head, stream))
    records = 0
    if wide(codec):
        lines = _wide_lines(rest, codec, max_bytes)
    else:
        lines = ((raw, long, None) for raw, long in _binary_lines(rest, max_bytes))
    for number, (raw, long, error) in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if error:
            yield IngestError(where, error)
            return
        if long:
            records += 1
            yield IngestError(where, f"line too long (> {max_bytes / 1e6:.1f} MB limit; raise --max-bytes)")
            continue
        if isinstance(raw, bytes):
            try:
                line = raw.decode(codec)
            except UnicodeDecodeError as exc:
                records += 1
                yield IngestError(where, f"invalid {encoding or label(codec)} (byte 0x{raw[exc.start]:02x} at column "
                                         f"{exc.start + 1}); re-encode it or pass --encoding")
                continue
        else:
            line = raw
        line = line.lstrip("\ufeff") if number == 1 else line
        if not line.strip(BLANK):
            continue
        records += 1
        yield _record(line, where)
    if not records:
        yield IngestError(source, "empty file (no JSON records)")


def _wide_lines(stream: BinaryIO, codec: str, limit: int) -> Iterator[tuple[str | None, bool, str | None]]:
    reader = io.TextIOWrapper(stream, encoding=codec, errors="strict", newline=None)
    while True:
        try:
            line = reader.readline(limit + 1)
        except UnicodeDecodeError as exc:
            yield None, False, f"invalid {label(codec)} from here on ({exc.reason}); re-encode the file"
            return
        if not line:
            return
        if len(line) > limit and not line.endswith("\n"):
            while True:
                rest = reader.readline(1 << 20)
                if not rest or rest.endswith("\n"):
                    break
            yield None, True, None
            continue
        yield line, False, None


class _Chain(io.RawIOBase):
    """The bytes already read, then the rest of a stream, as one readable stream."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self.head, self.stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)
