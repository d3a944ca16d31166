"""Replace the code samples section of a markdown page in place, leaving every other byte alone.

The section is delimited by explicit markers when the page has them, else it runs from the
`## Code samples for signature generation` heading to the next heading of the same or a higher level
(headings inside code fences do not count). The page's own trailing white space after the section is kept.
"""

import re
from dataclasses import dataclass

from jwtparity.errors import ToolError

SECTION_HEADING = "## Code samples for signature generation"
BEGIN_MARKER = "<!-- jwtparity:begin -->"
END_MARKER = "<!-- jwtparity:end -->"
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    offsets, position = [], 0
    for line in text.splitlines(keepends=True):
        offsets.append((position, line))
        position += len(line)
    return offsets


def _marker_span(page: str) -> Span | None:
    begin, end = page.find(BEGIN_MARKER), page.find(END_MARKER)
    if begin == -1 and end == -1:
        return None
    if begin == -1 or end == -1 or end < begin:
        raise ToolError(f"the page has one of {BEGIN_MARKER} / {END_MARKER} without the other")
    start = begin + len(BEGIN_MARKER)
    return Span(start + (1 if page[start:start + 1] == "\n" else 0), end)


def _heading_span(page: str) -> Span:
    level = SECTION_HEADING.index(" ")
    start, fence = None, None
    for offset, line in _lines_with_offsets(page):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        if start is None:
            if line.rstrip() == SECTION_HEADING:
                start = offset
            continue
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) <= level:
            return Span(start, offset)
    if start is None:
        raise ToolError(f"the page has no '{SECTION_HEADING}' heading and no {BEGIN_MARKER} markers")
    return Span(start, len(page))


def section_span(page: str) -> Span:
    return _marker_span(page) or _heading_span(page)


def sync(page: str, section: str) -> str:
    """The page with its code samples section replaced by `section`."""
    span = section_span(page)
    old = page[span.start:span.end]
    kept_tail = old[len(old.rstrip()):]
    return page[:span.start] + section.rstrip() + kept_tail + page[span.end:]


def current_section(page: str) -> str:
    span = section_span(page)
    return page[span.start:span.end].rstrip()
