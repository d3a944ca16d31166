"""Replace the block the tool generates in a markdown (or MDX) page, leaving every other byte alone.

Where the block is:
- between markers, when the page has them: `<!-- jwtparity:begin -->` … `<!-- jwtparity:end -->`, or in
  MDX (where HTML comments are not allowed) `{/* jwtparity:begin */}` … `{/* jwtparity:end */}`;
- else in the edition's section: the heading `## Code samples for signature generation`, or any
  heading of that level ending in `{#code-samples-for-signature-generation}` (a translated page), up to
  the next heading of the same or a higher level (headings inside code fences do not count). In the
  headings layout the tool writes the whole section; in the tabs layout only its `<Tabs>…</Tabs>`
  block, so the heading line, intro paragraphs and boxes (`:::warning` …) stay the page's own.

The page keeps its BOM, its line endings (CRLF stays CRLF) and, in the tabs layout, its indentation
of items and code and its fence spelling ("``` ts" or "```ts").
"""

import re
from dataclasses import dataclass

from jwtparity.config.editions import Edition
from jwtparity.errors import ToolError

MARKERS = (("<!-- jwtparity:begin -->", "<!-- jwtparity:end -->"), ("{/* jwtparity:begin */}", "{/* jwtparity:end */}"))
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_TABS_OPEN = re.compile(r"^\s*<Tabs\b[^>]*>\s*$")
_TABS_CLOSE = re.compile(r"^\s*</Tabs>\s*$")
_ITEM = re.compile(r'^(\s*)<TabItem\s+value="([^"]*)"[^>]*>\s*$')
_ITEM_FENCE = re.compile(r"^(\s*)(`{3,})( ?)(\S*)\s*$")
TEMPLATE_ITEM_INDENT, TEMPLATE_CODE_INDENT = 2, 6  # how the tabs section templates indent


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """(offset, line with its end) of each line; only \\n ends a line (U+2028 and the like do not)."""
    offsets, position = [], 0
    for line in text.split("\n"):
        offsets.append((position, line + "\n"))
        position += len(line) + 1
    return offsets


def _line_number(page: str, offset: int) -> int:
    return page.count("\n", 0, offset) + 1


def _outside_fences(text: str, base: int = 0) -> list[tuple[int, str]]:
    """The lines of `text` that are not inside a fenced code block, with their offsets."""
    kept, fence = [], None
    for offset, line in _lines_with_offsets(text):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is None:
            kept.append((base + offset, line))
    return kept


def _marker_span(page: str) -> Span | None:
    for begin_marker, end_marker in MARKERS:
        begin, end = page.find(begin_marker), page.find(end_marker)
        if begin == -1 and end == -1:
            continue
        second = page.find(begin_marker, begin + 1) if begin != -1 else -1
        if second != -1:
            raise ToolError(
                f"the page has two {begin_marker} markers (lines {_line_number(page, begin)} and "
                f"{_line_number(page, second)}): which section to replace is ambiguous"
            )
        if begin == -1 or end == -1 or end < begin:
            raise ToolError(f"the page has one of {begin_marker} / {end_marker} without the other")
        start = begin + len(begin_marker)
        newline = re.match(r"\r?\n", page[start:])
        return Span(start + (newline.end() if newline else 0), end)
    return None


def _is_section_heading(line: str, edition: Edition) -> bool:
    match = _HEADING.match(line.lstrip("\ufeff"))
    if not match or len(match.group(1)) != edition.level:
        return False
    text = match.group(2)
    anchor = re.search(r"\s*\{#([^}]*)\}$", text)
    return (anchor is not None and anchor.group(1) == edition.anchor) or (
        text[: anchor.start()] if anchor else text
    ) == edition.heading


def heading_span(page: str, edition: Edition) -> Span:
    """The section: from its heading line to the next heading of the same or a higher level."""
    start, end = None, None
    for offset, line in _outside_fences(page):
        if _is_section_heading(line, edition):
            if start is not None:
                raise ToolError(
                    f"the page has two code samples section headings (lines {_line_number(page, start)}"
                    f" and {_line_number(page, offset)}): which section to replace is ambiguous"
                )
            start = offset
            continue
        heading = _HEADING.match(line)
        if start is not None and end is None and heading and len(heading.group(1)) <= edition.level:
            end = offset
    if start is None:
        raise ToolError(
            f"the page has no '{'#' * edition.level} {edition.heading}' heading (nor one ending in "
            f"{{#{edition.anchor}}}) and no {MARKERS[0][0]} / {MARKERS[1][0]} markers"
        )
    return Span(start, len(page) if end is None else end)


def _tabs_span(page: str, section: Span) -> Span:
    """The first <Tabs>…</Tabs> block of the section, whole lines, without the final line ending."""
    start, depth = None, 0
    for offset, line in _outside_fences(page[section.start : section.end], section.start):
        if _TABS_OPEN.match(line):
            start = offset if start is None else start
            depth += 1
        elif _TABS_CLOSE.match(line) and start is not None:
            depth -= 1
            if depth == 0:
                return Span(start, offset + len(line.rstrip("\r\n")))
    raise ToolError(
        "the code samples section has no complete <Tabs>…</Tabs> block: add one, or mark the "
        f"generated block with {MARKERS[1][0]} … {MARKERS[1][1]}"
    )


def block_span(page: str, edition: Edition) -> Span:
    """Where the generated block is: between markers, the section (headings) or its <Tabs> block (tabs)."""
    marked = _marker_span(page)
    if marked:
        return marked
    section = heading_span(page, edition)
    return section if edition.layout == "headings" else _tabs_span(page, section)


@dataclass(frozen=True)
class Style:
    """How the page writes its tabs block: indentation of items and code, a space after the fence."""

    item_indent: str = " " * TEMPLATE_ITEM_INDENT
    code_indent: str = " " * TEMPLATE_CODE_INDENT
    fence_space: bool = True


def page_style(block: str) -> Style:
    lines = block.splitlines()
    for number, line in enumerate(lines):
        item = _ITEM.match(line)
        if item:
            fence = next((_ITEM_FENCE.match(after) for after in lines[number + 1 :] if after.strip()), None)
            if fence:
                return Style(item.group(1), fence.group(1), bool(fence.group(3)) or not fence.group(4))
            return Style(item_indent=item.group(1))
    return Style()


def restyle(block: str, style: Style) -> str:
    """The template's tabs block written in `style`."""
    if style == Style():
        return block
    out = []
    for line in block.split("\n"):
        if line.startswith(" " * TEMPLATE_CODE_INDENT):
            line = style.code_indent + line[TEMPLATE_CODE_INDENT:]
            fence = _ITEM_FENCE.match(line)
            if fence and not style.fence_space:
                line = fence.group(1) + fence.group(2) + fence.group(4)
        elif line.startswith(" " * TEMPLATE_ITEM_INDENT):
            line = style.item_indent + line[TEMPLATE_ITEM_INDENT:]
        out.append(line)
    return "\n".join(out)


def _newline(page: str) -> str:
    return "\r\n" if "\r\n" in page else "\n"


def sync(page: str, block: str, edition: Edition) -> str:
    """The page with its generated block replaced by `block` (written with "\\n"), every other byte kept."""
    span = block_span(page, edition)
    old = page[span.start : span.end]
    if edition.layout == "tabs":
        block = restyle(block, page_style(old))
    new = block.rstrip().replace("\n", _newline(page))
    kept_tail = old[len(old.rstrip()) :]
    return page[: span.start] + new + kept_tail + page[span.end :]


def current_block(page: str, edition: Edition) -> str:
    """The page's generated block as it is now, with "\\n" line endings."""
    span = block_span(page, edition)
    return page[span.start : span.end].rstrip().replace("\r\n", "\n")


def code_blocks(block: str, layout: str) -> dict[str, str]:
    """The code of each sample of a block: by tab value (tabs) or by heading (headings), unindented."""
    if layout == "headings":
        found = re.findall(r"^### (.+?)\n\n``` ?\w+\n(.*?)\n```", block, re.MULTILINE | re.DOTALL)
        return {heading: code for heading, code in found}
    blocks: dict[str, str] = {}
    lines = block.split("\n")
    for number, line in enumerate(lines):
        item = _ITEM.match(line)
        if not item:
            continue
        code: list[str] = []
        fence = None
        for inner in lines[number + 1 :]:
            match = _ITEM_FENCE.match(inner)
            if match and fence is None:
                fence = match
                continue
            if fence is None or (match and match.group(2) == fence.group(2)) or inner.strip() == "</TabItem>":
                if fence is not None:
                    break
                continue
            indent = fence.group(1)
            code.append(inner[len(indent) :] if inner.startswith(indent) else inner.strip())
        blocks[item.group(2)] = "\n".join(code)
    return blocks
