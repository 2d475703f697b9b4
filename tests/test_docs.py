"""The docs match the code (sqlite-utils' test_docs.py, issue 20): the README stays a page with a
two-command quick start, docs/cli.md has a section for every command and a row for every option
(and documents nothing the CLI lacks), and every relative link and anchor resolves."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import click
import pytest

from armstrack.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
CLI_MD = DOCS / "cli.md"
PAGES = [README, *sorted(DOCS.glob("*.md"))]

FENCE = re.compile(r"^```.*?^```[ \t]*$", re.M | re.S)
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
COMMAND_HEADING = re.compile(r"^(#{2,4}) `(armstrack(?: [a-z][a-z0-9-]*)+)`[ \t]*$", re.M)
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _commands(group: click.Group = cli, path: tuple[str, ...] = ("armstrack",)):
    """Every command and subcommand, as its full name ("armstrack kb search") and the command;
    asks the group for its commands, so a lazily loading group is walked the same way."""
    context = click.Context(group, info_name=path[-1])
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        yield " ".join((*path, name)), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


COMMANDS = dict(_commands())


def _sections(text: str) -> dict[str, str]:
    """docs/cli.md cut at its command headings: the text from each up to the next heading of any
    command (or of a higher level), keyed by the command's name."""
    cuts = [m for m in HEADING.finditer(text)]
    sections = {}
    for i, match in enumerate(cuts):
        command = COMMAND_HEADING.match(match.group(0))
        if command:
            end = cuts[i + 1].start() if i + 1 < len(cuts) else len(text)
            sections[command.group(2)] = text[match.end():end]
    return sections


SECTIONS = _sections(CLI_MD.read_text(encoding="utf-8"))


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading keeps its text
    text = text.replace("`", "").strip().lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for match in HEADING.finditer(FENCE.sub("", path.read_text(encoding="utf-8"))):
        slug = _slug(match.group(2))
        anchors.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return anchors


# ---- (a) the README is a page, and its quick start is two commands ---------------------------
def test_readme_fits_on_a_screen():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"README.md has {len(lines)} lines; move the detail to docs/"


def test_quick_start_is_two_commands():
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\n(.*?)(?=^## )", text, re.M | re.S)
    assert section, "README.md has no '## Quick start' section"
    blocks = FENCE.findall(section.group(1))
    commands = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()[1:-1]]
    assert [c for c in commands if c] == ["make demo", "make test"]


# ---- (b) docs/cli.md and the CLI name the same commands and options ----------------------------
def test_every_command_has_a_section():
    missing = sorted(set(COMMANDS) - set(SECTIONS))
    assert not missing, f"commands with no '### `armstrack ...`' section in docs/cli.md: {missing}"


def test_every_documented_command_exists():
    unknown = sorted(set(SECTIONS) - set(COMMANDS))
    assert not unknown, f"docs/cli.md documents commands the CLI does not have: {unknown}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_documented_and_exists(name):
    command, section = COMMANDS[name], SECTIONS.get(name)
    if section is None:
        pytest.skip("no section (test_every_command_has_a_section says so)")
    documented = set(re.findall(r"^\| `(-[-\w]+)", section, re.M))
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            # the row names the first spelling click shows ("-o, --output FILE" starts with -o)
            assert set(param.opts) & documented, f"{name}: {param.opts[-1]} has no row in docs/cli.md"
    real = {opt for param in command.params if isinstance(param, click.Option)
            for opt in (*param.opts, *param.secondary_opts)}
    assert documented <= real, f"{name}: docs/cli.md documents options it lacks: {sorted(documented - real)}"


@pytest.mark.parametrize("name", sorted(n for n, c in COMMANDS.items() if not isinstance(c, click.Group)
                                        or c.invoke_without_command))
def test_every_command_section_has_an_example(name):
    section = SECTIONS.get(name, "")
    assert re.search(rf"Example:\s*```\n{re.escape(name)}[ \n]", section), f"{name}: no example in docs/cli.md"


# ---- (c) every relative link points at a file, and every anchor at a heading -------------------
def _links(path: Path):
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)  # code spans: `[text]{role}` is not a link
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        yield target


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page):
    broken = []
    for target in _links(page):
        file_part, _, anchor = target.partition("#")
        linked = (page.parent / file_part).resolve() if file_part else page
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target}: no heading with that anchor in {linked.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)}: {broken}"


def test_docs_index_lists_every_page():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = {target.partition("#")[0] for target in _links(DOCS / "index.md")}
    unlisted = sorted(p.name for p in DOCS.glob("*.md") if p.name != "index.md" and p.name not in linked)
    assert not unlisted, f"docs/index.md does not list {unlisted}"
    assert "../README.md" in index


def test_slugs_follow_github():
    assert _slug("`armstrack kb search`") == "armstrack-kb-search"
    assert _slug("Worker processes (`--workers`)") == "worker-processes---workers"
    assert _slug("Every construction of a transfer, second part (issue 10)") == \
        "every-construction-of-a-transfer-second-part-issue-10"
