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
    """(offset, line with its end) of each line; only \\n ends a line (U+2028 and the like do not)."""
    offsets, position = [], 0
    for line in text.split("\n"):
        offsets.append((position, line + "\n"))
        position += len(line) + 1
    return offsets


def _line_number(page: str, offset: int) -> int:
    return page.count("\n", 0, offset) + 1


def _marker_span(page: str) -> Span | None:
    begin, end = page.find(BEGIN_MARKER), page.find(END_MARKER)
    if begin == -1 and end == -1:
        return None
    second = page.find(BEGIN_MARKER, begin + 1)
    if second != -1:
        raise ToolError(f"the page has two {BEGIN_MARKER} markers (lines {_line_number(page, begin)} and "
                        f"{_line_number(page, second)}): which section to replace is ambiguous")
    if begin == -1 or end == -1 or end < begin:
        raise ToolError(f"the page has one of {BEGIN_MARKER} / {END_MARKER} without the other")
    start = begin + len(BEGIN_MARKER)
    newline = "\r\n" if page.startswith("\r\n", start) else "\n" if page.startswith("\n", start) else ""
    return Span(start + len(newline), end)


def _heading_span(page: str) -> Span:
    level = SECTION_HEADING.index(" ")
    start, end, fence = None, None, None
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
        if line.rstrip() == SECTION_HEADING:
            if start is not None:
                raise ToolError(f"the page has two '{SECTION_HEADING}' headings (lines "
                                f"{_line_number(page, start)} and {_line_number(page, offset)}): which "
                                "section to replace is ambiguous")
            start = offset
            continue
        heading = _HEADING.match(line)
        if start is not None and end is None and heading and len(heading.group(1)) <= level:
            end = offset
    if start is None:
        raise ToolError(f"the page has no '{SECTION_HEADING}' heading and no {BEGIN_MARKER} markers")
    return Span(start, len(page) if end is None else end)


def section_span(page: str) -> Span:
    return _marker_span(page) or _heading_span(page)


def sync(page: str, section: str) -> str:
    """The page with its code samples section replaced by `section`, in the page's line endings."""
    span = section_span(page)
    old = page[span.start:span.end]
    kept_tail = old[len(old.rstrip()):]
    new = section.rstrip()
    if "\r\n" in page:  # a CRLF page stays CRLF
        new = new.replace("\r\n", "\n").replace("\n", "\r\n")
    return page[:span.start] + new + kept_tail + page[span.end:]


def current_section(page: str) -> str:
    span = section_span(page)
    return page[span.start:span.end].rstrip()
