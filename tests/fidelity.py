"""Fidelity of a rendered snippet to the code block of a docs page: only listed deviations may differ."""

import difflib
import re

from jwtparity import docs
from jwtparity.languages import Language
from jwtparity.render import render_snippet
from jwtparity.settings import Settings


def page_blocks(page: str) -> dict[str, str]:
    """A headings-layout page's code samples, by docs heading."""
    section = docs.current_section(page)
    blocks = re.findall(r"^### (.+?)\n\n``` \w+\n(.*?)\n```", section, re.MULTILINE | re.DOTALL)
    return {heading: code for heading, code in blocks}


def unlisted_changes(language: Language, settings: Settings, page: str) -> list[str]:
    """What the rendered snippet changes against the page's block without a listed deviation."""
    seed = page_blocks(page)[language.heading].splitlines()
    rendered = render_snippet(language, settings).rstrip("\n").splitlines()
    added = {d.line: d for d in language.deviations}
    problems = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=seed, b=rendered, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "delete":
            problems.append(f"seed lines removed: {seed[i1:i2]}")
            continue
        removed = seed[i1:i2]
        for line in rendered[j1:j2]:
            if not line.strip():
                continue  # blank lines around added imports
            if line not in added:
                problems.append(f"{language.name}: unlisted deviation {line!r}")
            elif added[line].replaces and added[line].replaces not in removed:
                problems.append(f"{language.name}: {line!r} replaces a line that is not there")
        problems += [f"unlisted removal {line!r}" for line in removed
                     if not any(d.replaces == line for d in language.deviations)]
    return problems
