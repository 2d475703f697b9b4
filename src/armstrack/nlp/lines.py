"""Sentence starts the page layout makes plain, set before the parser so it keeps them.

News text arrives with its layout: a headline line with no full stop, a byline, a dateline
("KYIV, Sept 24 (Reuters) -"), captions, paragraphs. The statistical parser reads a line break
as mere whitespace and glues a headline to the first sentence ("Algeria denies buying Su-35s
Rosoboronexport said on Monday ..."), which turns a denial into something else. This component
marks a sentence start:

* after a paragraph break (a blank line);
* after a single line break when the line before ends a sentence (., !, ?, a closing quote) or
  is the first line of the text (a headline) or is short (a byline, a caption credit: at most
  `SHORT_LINE` words with no trailing comma or hyphen); a long line that stops mid-sentence
  is a hard-wrapped line and gets no mark;
* after a dateline at the start of a paragraph;
* after a wire service's label before a headline ("EXCLUSIVE-", "UPDATE 2-"), the rest of that
  line being one sentence (issue 23);
* after a headline's rubric before an "X to do" headline ("Ukraine war: US to send ...",
  "Sahel | Russia to deliver ..."): a few words and a colon or bar opening a line with no full
  stop, which the parser otherwise takes for the head of the headline (issue 23, news).

Starts are set (`is_sent_start = True`), and no start inside a labelled headline, nor after a
firm's abbreviated legal form before a lower-case word ("awarded Varnex Corp. a contract"), which
the parser took for a sentence's end (`firm_abbreviations`, data/patterns/tokens.yaml);
everything else is left to the parser.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

SHORT_LINE = 8
_ENDS_SENTENCE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$|[\"\u201d]\s*$")
_OPEN_END = re.compile(r"[,;\-\u2013\u2014&/]\s*$|\b(?:and|or|but|the|a|an|of|to|in|on|for|with|by)\s*$", re.I)
# "KYIV, Sept 24 (Reuters) -", "WASHINGTON (AP) --", "Moscow, 3 March (TASS) -", "BEIRUT -",
# "KYIV, March 3, 2025 -", "LONDON, 3 March -": a place, then a date or an agency or both; a
# place with neither only in capitals
_PLACE = r"[A-Z][A-Za-z.'\u2019-]+(?:[ ,]+[A-Z][A-Za-z.'\u2019-]+){0,3}"
_CAPITALS = r"[A-Z][A-Z.'\u2019-]{2,}(?:[ ,]+[A-Z][A-Z.'\u2019-]+){0,3}"
_DATE = r",\s*(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:,?\s*\d{4})?"
_AGENCY = r"\s*\((?P<agency>[A-Z][A-Za-z .&'-]{1,30})\)"
DATELINE = re.compile(
    rf"(?:{_PLACE}(?:{_DATE})?{_AGENCY}|{_CAPITALS}(?:{_DATE})?|{_PLACE}{_DATE})"
    r"\s*(?:-{1,2}|\u2013|\u2014)\s+")
# "EXCLUSIVE-", "UPDATE 2-", "REFILE-UPDATE 1-", "WRAPUP 1-": the labels wire services put
# before a headline, in capitals, at the start of a line. The headline after one is a sentence
# of its own, in one piece (the parser took "UPDATE" for the subject of "UPDATE 2-Russia
# delivers ..."); the knowledge-base ruler keeps the entity recogniser from fusing a label with
# the actor after it ("EXCLUSIVE-Russia").
WIRE_LABEL = re.compile(
    r"^(?:(?:EXCLUSIVE|UPDATE|WRAPUP|REFILE|CORRECTED|ANALYSIS|INSIGHT|FACTBOX|FOCUS|RPT|"
    r"BREAKINGVIEWS|EXPLAINER|TIMELINE|PREVIEW|BRIEF|GRAPHIC|COLUMN|SPECIAL REPORT)"
    r"(?: \d{1,2})?[ \t]?[-\u2013:][ \t]*)+", re.M)

# "Ukraine war: ", "Middle East crisis | ": at most four words before a colon or a bar, then the
# headline's "X to do" ("US to send ...", "South Korea to sell ..."), which the parser hangs on
# the rubric; only on a line with no full stop (a headline). Other headlines after a rubric ("At
# a glance: Tory health checks") parse whole and stay one sentence.
RUBRIC = re.compile(r"^[ \t]*(?:[^\s:|.!?]+[ \t]+){0,3}[^\s:|.!?]+(?::|[ \t]+\|)[ \t]+"
                    r"(?=(?:[A-Z][\w.'\u2019-]*[ \t]+){1,4}to[ \t]+[a-z]+\b)", re.M)
RUBRIC_LINE = 20   # words at most in a headline with a rubric


def rubrics(text: str) -> list[int]:
    """Where the headline after a rubric starts, on each line with no full stop."""
    out = []
    for match in RUBRIC.finditer(text):
        end = text.find("\n", match.end())
        line = text[match.start():end if end >= 0 else len(text)]
        if not _ENDS_SENTENCE.search(line) and len(line.split()) <= RUBRIC_LINE:
            out.append(match.end())
    return out


def wire_labels(text: str) -> list[tuple[int, int]]:
    """(start, end) of every wire label at the start of a line."""
    return [(m.start(), m.end()) for m in WIRE_LABEL.finditer(text) if m.end() < len(text)]


def line_starts(text: str) -> list[int]:
    """Character offsets where the layout starts a sentence."""
    starts = []
    first = True
    for match in re.finditer(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*", text):
        if match.end() >= len(text):
            break
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text[line_start:match.start()]
        paragraph = match.group().count("\n") > 1
        if line.strip() and (paragraph or (first and line_start == 0) or _ENDS_SENTENCE.search(line)
                             or (len(line.split()) <= SHORT_LINE and not _OPEN_END.search(line))):
            starts.append(match.end())
        first = False
    for start in [0] + [s for s in starts]:
        dateline = DATELINE.match(text, start)
        if dateline and dateline.end() < len(text):
            starts.append(dateline.end())
    return sorted(set(starts))


def _abbreviated_firm() -> re.Pattern:
    """A firm's legal form with its full stop, then a lower-case word: the sentence goes on."""
    from ..resources import load_yaml

    forms = sorted(load_yaml("patterns/tokens.yaml")["firm_abbreviations"], key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")\.[ \t]+(?=[a-z])")


class LineBreaks:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.abbreviated = _abbreviated_firm()

    def __call__(self, doc: Doc) -> Doc:
        labels = wire_labels(doc.text)
        abbreviated = [m.end() for m in self.abbreviated.finditer(doc.text)]
        heads = rubrics(doc.text)
        if "\n" not in doc.text and not DATELINE.match(doc.text) and not labels and not abbreviated and not heads:
            return doc
        starts = [token.idx for token in doc]  # one pass: Doc.char_span scans the tokens per call
        for offset in abbreviated:
            token = _token_at(doc, starts, offset)
            if token is not None and token.i > 0 and doc[token.i - 1].text.endswith("."):
                token.is_sent_start = False
        for offset in line_starts(doc.text) + heads:
            token = _token_at(doc, starts, offset)
            if token is not None and token.i > 0:
                token.is_sent_start = True
        for _, end in labels:
            token = _token_at(doc, starts, end)
            if token is None:
                continue
            token.is_sent_start = True
            for after in doc[token.i + 1:]:
                if "\n" in after.text or "\n" in doc.text[after.idx - 1:after.idx]:
                    break
                after.is_sent_start = False
        return doc


def _token_at(doc: Doc, starts: list[int], offset: int):
    """The first non-space token at or after character `offset`, or None."""
    i = bisect_right(starts, offset) - 1
    if i < 0:
        return None
    if starts[i] + len(doc[i].text) <= offset:
        i += 1  # the offset falls in the whitespace after token i
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


@Language.factory("armstrack_lines")
def make_lines(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks(nlp, name)
