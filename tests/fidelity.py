"""Fidelity of a rendered snippet to the code of a docs page: only listed deviations may differ.

Works for both layouts: a headings page (`### X example` then a fence) and a tabs page (`<TabItem
value=…>` then an indented fence); the code is compared with the fragment the docs show (the template
rendered without its `file` lines).
"""

import difflib

from jwtparity.config.languages import Language
from jwtparity.config.settings import Settings
from jwtparity.render import docs
from jwtparity.render.snippets import render_snippet


def page_key(language: Language, settings: Settings) -> str:
    """How the page names the language's sample: its heading or its tab value."""
    return language.heading if settings.edition_info.layout == "headings" else language.tab


def page_blocks(page: str, settings: Settings) -> dict[str, str]:
    """A page's code samples in the edition's layout, by heading or tab value."""
    edition = settings.edition_info
    return docs.code_blocks(docs.current_block(page, edition), edition.layout)


def _changes(
    language: Language, before: list[str], after: list[str], allowed: dict[str, str | None], what: str
) -> list[str]:
    """Lines `after` adds to or changes in `before` that are not in `allowed` (line -> the line it replaces)."""
    problems = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        removed = before[i1:i2]
        for line in after[j1:j2]:
            if not line.strip():
                continue  # blank lines around added lines
            if line not in allowed:
                problems.append(f"{language.name}: unlisted {what} {line!r}")
            elif allowed[line] and allowed[line] not in removed:
                problems.append(f"{language.name}: {line!r} replaces a line that is not there")
        problems += [
            f"{language.name}: unlisted removal {line!r}"
            for line in removed
            if line.strip() and line not in allowed.values()
        ]
    return problems


def unlisted_changes(language: Language, settings: Settings, page: str) -> list[str]:
    """What the docs fragment changes against the page's code without a listed deviation."""
    published = page_blocks(page, settings)[page_key(language, settings)].splitlines()
    fragment = render_snippet(language, settings, whole_file=False).rstrip("\n").splitlines()
    return _changes(language, published, fragment, {d.line: d.replaces for d in language.deviations}, "deviation")


def unlisted_wrapper(language: Language, settings: Settings) -> list[str]:
    """What the sample file adds to the docs fragment beyond the manifest's wrapper lines."""
    fragment = render_snippet(language, settings, whole_file=False).rstrip("\n").splitlines()
    whole = render_snippet(language, settings).rstrip("\n").splitlines()
    return _changes(language, fragment, whole, dict.fromkeys(language.wrapper), "wrapper line")
